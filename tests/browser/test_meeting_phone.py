"""The meeting's pages on a phone (320 and 360 px), as residents and the chair use them: the
console and the projector are linked for the chair, the first screen says whether a member
is checked in, result bars are drawn against the rule's base, buttons fit, the console puts
its live controls first. In English and in Chinese.

The tests share the demo's server with the other browser tests; each reads the state it
starts from and leaves the room as it found it.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, open_live, shoot
from tests.browser.test_voting import _chair, _open, _prepare

pytestmark = pytest.mark.browser

LOCALES = [("en-US", "en"), ("zh-CN", "zh")]
NARROW = {"width": 320, "height": 740}


def _button(page, event: str):
    return page.locator(f"form[data-event='{event}']:visible button").first


# --- 1. the chair finds the console and the projector ------------------------------------

@pytest.mark.parametrize("locale, short", LOCALES)
def test_the_chair_finds_the_console_and_the_projector(live_server, meeting_id, browser_page,
                                                       locale, short):
    chair = browser_page(locale, user="chair")
    for path in (f"/meetings/{meeting_id}", f"/meetings/{meeting_id}/room"):
        chair.goto(live_server.url + path)
        console = chair.locator(f"main a[href$='/meetings/{meeting_id}/chair']")
        projector = chair.locator(f"main a[href*='/meetings/{meeting_id}/projector']")
        expect(console).to_be_visible()
        expect(projector).to_be_visible()
    console.click()
    expect(chair).to_have_url(f"{live_server.url}/meetings/{meeting_id}/chair")
    shoot(chair, f"chair-links-{short}")

    resident = browser_page(locale, user="resident004")
    for path in (f"/meetings/{meeting_id}", f"/meetings/{meeting_id}/room"):
        resident.goto(live_server.url + path)
        expect(resident.locator("main a[href$='/chair']")).to_have_count(0)
        expect(resident.locator("main a[href*='/projector']")).to_have_count(0)


# --- 2. the first screen says whether you are checked in ---------------------------------

@pytest.mark.parametrize("locale, short, viewport", [
    ("en-US", "en", PHONE), ("zh-CN", "zh", NARROW)])
def test_the_first_screen_says_whether_you_are_checked_in(live_server, meeting_id,
                                                         browser_page, locale, short, viewport):
    phone = browser_page(locale, viewport, user="resident005")
    open_live(phone, f"{live_server.url}/meetings/{meeting_id}/room")
    was_present = _button(phone, "attendance:check_out").count() > 0
    if was_present:
        _button(phone, "attendance:check_out").click()
    absent = phone.locator(".live-you .you-absent")
    expect(absent).to_be_visible()
    check_in = _button(phone, "attendance:check_in")
    expect(check_in).to_be_visible()
    assert absent.bounding_box()["y"] >= 0
    assert check_in.bounding_box()["y"] + check_in.bounding_box()["height"] <= viewport["height"]
    shoot(phone, f"room-absent-{short}", full_page=False)

    check_in.click()
    present = phone.locator(".live-you .you-present")
    expect(present).to_be_visible()
    expect(absent).to_be_hidden()
    check_out = _button(phone, "attendance:check_out")
    box = check_out.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"]
    assert phone.locator(".live-you").bounding_box()["height"] <= 140  # a compact status
    shoot(phone, f"room-present-{short}", full_page=False)
    if not was_present:
        check_out.click()
        expect(absent).to_be_visible()


# --- 3. result bars against the rule's base, with the threshold marked -------------------

def _bar(scope, option: str):
    row = scope.locator(f"[data-poll-tally] tr[data-option='{option}']")
    return (float(row.locator("[data-row-field='bar']").get_attribute("width")),
            row.locator("[data-row-field='threshold']"))


@pytest.mark.parametrize("locale, short", LOCALES)
def test_result_bars_are_drawn_against_the_rules_base(live_server, meeting_id, browser_page,
                                                      attendee, locale, short):
    phone = attendee("resident001", locale)
    chair = _chair(browser_page, live_server, meeting_id, locale)
    projector = browser_page(locale, PROJECTOR)
    open_live(projector, f"{live_server.url}/meetings/{meeting_id}/projector")
    card = _prepare(chair, rule="organic_law", title=f"Organic Law bars {short}")
    present = int(chair.locator("[data-field='present-weight']").inner_text())
    assert present >= 2  # the chair and resident001: one yes is all the votes cast
    poll_id = _open(chair, card)

    ballot = phone.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot][data-me='true']")
    ballot.locator("button[name=choice][value=yes]").click()
    room_card = phone.locator(f".poll[data-poll-id='{poll_id}']")
    expect(room_card.locator("tr[data-option='yes'] [data-row-field='weight']")).to_have_text("1")
    width, line = _bar(room_card, "yes")
    assert width == round(100 / present)  # a share of those present, not of the votes cast
    expect(line).to_have_attribute("x1", "50")
    expect(line).to_be_attached()
    assert line.get_attribute("hidden") is None

    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    for scope in (room_card, projector.locator("[data-poll-panel]")):
        expect(scope).to_have_attribute("data-poll-status", "closed")
        width, line = _bar(scope, "yes")
        assert width == round(100 / present)
        assert line.get_attribute("hidden") is None and line.get_attribute("x1") == "50"
        expect(scope.locator("[data-poll-field='scale-note']")).to_be_visible()
    # Drawn by the server too, as a page loaded after the close shows it.
    phone.reload()
    width, line = _bar(phone.locator(f".poll[data-poll-id='{poll_id}']"), "yes")
    assert width == round(100 / present) and line.get_attribute("x1") == "50"
    phone.locator(f".poll[data-poll-id='{poll_id}']").scroll_into_view_if_needed()
    shoot(phone, f"bars-room-{short}", full_page=False)
    shoot(projector, f"bars-projector-{short}", full_page=False)


# --- 4. "Abstain" fits its button and its line, at 320 and 360 px -------------------------

OVERFLOWING = """elements => elements.filter(e => e.scrollWidth > e.clientWidth)
  .map(e => `${e.textContent.trim()} ${e.scrollWidth}>${e.clientWidth}`)"""
# A label broken inside a word lays its text out on more than one line box.
BROKEN = """cells => cells.filter(cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  return tops.size > 1;
}).map(cell => cell.textContent.trim())"""


@pytest.mark.parametrize("locale, short", LOCALES)
def test_the_choices_fit_a_narrow_phone(live_server, meeting_id, browser_page, attendee,
                                         locale, short):
    attendee("resident001", locale)
    chair = _chair(browser_page, live_server, meeting_id, locale)
    poll_id = _open(chair, _prepare(chair, title=f"Narrow {short}"))
    card = f".poll[data-poll-id='{poll_id}']"
    for width in (320, 360):
        phone = browser_page(locale, {"width": width, "height": 740}, user="resident001")
        open_live(phone, f"{live_server.url}/meetings/{meeting_id}/room")
        choices = phone.locator(f"{card} form[data-ballot] button.choice")
        expect(choices).to_have_count(3)
        assert choices.evaluate_all(OVERFLOWING) == [], width
        choices.last.click()  # abstain, pressed: "✓" and the word
        expect(choices.last).to_have_attribute("aria-pressed", "true")
        assert choices.evaluate_all(OVERFLOWING) == [], width
        assert phone.evaluate("document.documentElement.scrollWidth") <= width
        shoot(phone, f"choices-{short}-{width}", full_page=False)
    fold = chair.locator(f"{card} details[data-poll-fold]")
    expect(fold).to_have_attribute("open", "")  # an open poll's controls are in view
    chair.locator(f"{card} form[data-event='poll:close'] button").click()
    # 7. Closed, it folds away behind its result, live and as the page is drawn again.
    expect(chair.locator(card)).to_have_attribute("data-poll-status", "closed")
    expect(fold).not_to_have_attribute("open", "")
    expect(fold.locator("summary [data-poll-field='sentence']")).not_to_be_empty()
    expect(chair.locator(f"{card} [data-poll-tally]")).to_be_hidden()
    for width in (320, 360):
        console = browser_page(locale, {"width": width, "height": 740}, user="chair")
        open_live(console, f"{live_server.url}/meetings/{meeting_id}/chair")
        folded = console.locator(f"{card} details[data-poll-fold]")
        expect(folded).not_to_have_attribute("open", "")
        folded.locator("summary").click()  # unfolds to the tally
        labels = console.locator(f"{card} [data-poll-tally] th[data-row-field='label']")
        expect(labels.first).to_be_visible()
        expect(labels).to_have_count(3)
        assert labels.evaluate_all(BROKEN) == [], width
        assert console.evaluate("document.documentElement.scrollWidth") <= width
        shoot(console, f"console-tally-{short}-{width}", full_page=False)


# --- 7. a one-row header whose menu reaches Meetings, Services and Results -----------------

@pytest.mark.parametrize("locale, short", LOCALES)
@pytest.mark.parametrize("user", ["resident004", "worker", None])
def test_the_header_is_one_row_and_its_menu_reaches_every_page(live_server, browser_page,
                                                              locale, short, user):
    page = browser_page(locale, user=user)
    page.goto(live_server.url + "/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 64  # one row of 44 px targets
    menu = page.locator(".site-menu")
    expect(menu.locator(".menu-panel")).to_be_hidden()
    menu.locator("summary").click()
    panel = menu.locator(".menu-panel")
    expect(panel).to_be_visible()
    for path in ("#meetings", "/services", "/results"):
        link = panel.locator(f"a[href^='/c/'][href$='{path}']")
        expect(link).to_be_visible()
        assert link.bounding_box()["height"] >= 44
    expect(panel.locator("a[href='/users/']")).to_have_count(1 if user == "worker" else 0)
    expect(panel.locator("a[href='/account']")).to_have_count(1 if user else 0)
    shoot(page, f"menu-{user or 'visitor'}-{short}", full_page=False)
    panel.locator("a[href^='/c/'][href$='/services']").click()
    expect(page).to_have_url(__import__("re").compile(r"/c/[^/]+/services$"))


# --- 8. touch targets of the small links; a stale message goes --------------------------

SMALL_LINKS = """links => links.filter(a => a.offsetParent !== null)
  .filter(a => a.getBoundingClientRect().height < 24)
  .map(a => `${a.textContent.trim()} ${a.getBoundingClientRect().height}`)"""


@pytest.mark.parametrize("locale, short", LOCALES)
def test_the_poll_prepared_message_goes_when_the_poll_opens(live_server, meeting_id,
                                                           browser_page, locale, short):
    chair = _chair(browser_page, live_server, meeting_id, locale, PHONE)
    card = _prepare(chair, title=f"Stale message {short}")
    flash = chair.locator("main .flashes")
    expect(flash).to_be_visible()  # "The poll … is ready. The chair opens it …"
    assert chair.locator("main .live").locator("a").evaluate_all(SMALL_LINKS) == []
    poll_id = _open(chair, card)
    expect(flash).to_have_count(0)
    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    expect(chair.locator(f".poll[data-poll-id='{poll_id}']")).to_have_attribute(
        "data-poll-status", "closed")


@pytest.mark.parametrize("locale, short", LOCALES)
def test_the_small_links_are_big_enough_to_tap(live_server, meeting_id, browser_page,
                                               locale, short):
    for user, path in (("chair", f"/meetings/{meeting_id}/room"),
                       ("resident004", f"/meetings/{meeting_id}/room"),
                       (None, f"/meetings/{meeting_id}/room")):
        page = browser_page(locale, user=user)
        page.goto(live_server.url + path)
        assert page.locator("main a").evaluate_all(SMALL_LINKS) == [], (user, path)
    worker = browser_page(locale, user="worker")
    worker.goto(live_server.url + "/")
    worker.locator(".site-menu summary").click()
    worker.locator(".menu-panel a[href$='/work']").click()
    items = worker.locator("main a[href^='/actions/']")
    expect(items.first).to_be_visible()
    hrefs = items.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for href in dict.fromkeys(hrefs):
        worker.goto(live_server.url + href)
        corrects = worker.locator("main a[href*='corrects=']")
        if corrects.count():
            assert corrects.evaluate_all(SMALL_LINKS) == []
            assert corrects.first.bounding_box()["height"] >= 44
            shoot(worker, f"correct-check-in-{short}", full_page=False)
            return
    pytest.fail("the demo has no action item with a check-in to correct")
