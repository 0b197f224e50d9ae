"""Live voting in real Chromium: the chair opens a poll, a resident votes on a phone, the
projector follows the turnout and shows the result at close, all without reloading; in
English and in Chinese.

The demo's meeting in session is found from the front page's links. The tests share one
server with the other browser tests, so each reads the state it starts from: it uses the
demo's poll when it is ready on the current item, and prepares one on the chair's console
otherwise.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    LIVE,
    PHONE,
    PROJECTOR,
    assert_accessible,
    not_reloaded,
    open_live,
    shoot,
    shown_text,
)

pytestmark = pytest.mark.browser

QUESTIONS = {"en": "Do we share the lift's cost by floor, ground floor exempt?",
             "zh": "是否同意按楼层系数分摊加装电梯费用，一层住户不出资？"}


# --- helpers ---------------------------------------------------------------------------

def _chair(browser_page, server, meeting_id, locale="en-US", viewport=None):
    chair = browser_page(locale, viewport or {"width": 1024, "height": 900}, user="chair")
    open_live(chair, f"{server.url}/meetings/{meeting_id}/chair")
    # A poll left open by an earlier story would keep a new one from opening.
    for button in chair.locator(".poll[data-poll-status='open'] "
                                "form[data-event='poll:close'] button").all():
        button.click()
    expect(chair.locator(".poll[data-poll-status='open']")).to_have_count(0)
    return chair


def _prepare(chair, kind: str = "yes_no_abstain", options=(), rule: str = "simple_majority",
             title: str = "是否同意按楼层系数分摊加装电梯费用？"):
    """Prepare a poll on the current item from the console; returns its card."""
    drafts = chair.locator(".poll[data-poll-status='draft']").filter(has_text=title)
    before = drafts.count()
    chair.locator(".chair-new-poll summary").click()
    form = chair.locator(".chair-new-poll form")
    form.locator("input[name=title]").fill(title)
    form.locator(f"input[name=kind][value='{kind}']").check()
    form.locator("textarea[name=options]").fill("\n".join(options))
    form.locator("select[name=rule_set]").select_option(rule)
    form.locator("button[type=submit]").click()
    expect(drafts).to_have_count(before + 1)  # the console again, drawn with the new poll
    expect(chair.locator(LIVE)).to_have_count(1)
    return drafts.last


def _draft(chair, title: str):
    """The demo's poll when it is ready on the current item, else a new one."""
    ready = chair.locator(".poll[data-poll-status='draft'][data-kind='yes_no_abstain']")
    return ready.first if ready.count() else _prepare(chair, title=title)


def _open(chair, card, minutes: str = "") -> int:
    poll_id = int(card.get_attribute("data-poll-id"))
    if minutes:
        card.locator("input[name=minutes]").fill(minutes)
    card.locator("form[data-event='poll:open'] button").click()
    expect(chair.locator(f".poll[data-poll-id='{poll_id}']")).to_have_attribute(
        "data-poll-status", "open")
    return poll_id


# --- the stories -------------------------------------------------------------------------

LANGUAGES = [("en-US", "en", "resident001", "resident002"),
             ("zh-CN", "zh", "resident003", "resident004")]


@pytest.mark.parametrize("locale, short, voter, neighbour", LANGUAGES)
def test_a_resident_votes_and_the_projector_follows(live_server, meeting_id, browser_page,
                                                     attendee, locale, short, voter, neighbour):
    phone = attendee(voter, locale)  # checked in before the poll opens: then they may vote
    other = attendee(neighbour, locale)
    projector = browser_page(locale, PROJECTOR)
    open_live(projector, f"{live_server.url}/meetings/{meeting_id}/projector")
    chair = _chair(browser_page, live_server, meeting_id, locale)

    poll_id = _open(chair, _draft(chair, QUESTIONS[short]), minutes="10")
    panel = projector.locator("[data-poll-panel]")
    expect(panel).to_have_attribute("data-poll-id", str(poll_id))
    expect(panel).to_have_attribute("data-poll-status", "open")
    count = panel.locator("[data-poll-field='count']")
    before = int(count.inner_text())
    expect(projector.locator("[data-poll-countdown]")).to_have_text(re.compile(r"^(10:00|9:\d\d)$"))

    card = phone.locator(f".poll[data-poll-id='{poll_id}']")
    expect(card).to_have_attribute("data-poll-status", "open")
    ballot = card.locator("form[data-ballot][data-me='true']")
    ballot.locator("button[name=choice][value=yes]").click()
    expect(ballot.locator("[data-ballot-status]")).to_have_text(
        shown_text(phone, "poll-recorded-me"))
    expect(ballot.locator("button[value=yes]")).to_have_attribute("aria-pressed", "true")
    assert_accessible(phone)  # the room with an open poll

    expect(count).to_have_text(str(before + 1))  # the projector follows, no reload
    expect(card.locator("[data-poll-field='turnout-count']")).to_contain_text(str(before + 1))
    theirs = other.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
    theirs.locator("button[name=choice][value=yes]").click()
    expect(count).to_have_text(str(before + 2))
    expect(card.locator("[data-poll-countdown]")).to_have_text(re.compile(r"^9:\d\d$"))  # it runs
    phone.locator("[data-quorum]").evaluate("element => element.scrollIntoView()")
    shoot(phone, f"voting-room-{short}", full_page=False)

    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    expect(panel).to_have_attribute("data-poll-status", "closed")
    sentence = panel.locator("[data-poll-field='sentence']")
    outcomes = (shown_text(projector, "poll-outcome-passed"),
                shown_text(projector, "poll-outcome-failed"))
    expect(sentence).to_have_text(re.compile("^(" + "|".join(map(re.escape, outcomes)) + ")"))
    yes_bar = panel.locator("tr[data-option='yes'] [data-row-field='bar']")
    assert int(yes_bar.get_attribute("width")) > 0
    expect(panel.locator("tr[data-option='yes'] [data-row-field='weight']")).not_to_have_text("0")
    expect(card).to_have_attribute("data-poll-status", "closed")
    expect(card.locator("[data-poll-field='sentence']")).to_have_text(sentence.inner_text())
    not_reloaded(projector)
    not_reloaded(phone)
    shoot(projector, f"voting-projector-{short}", full_page=False)
    assert_accessible(projector)  # the projector with a result
    assert_accessible(chair)


def test_a_ballot_being_filled_in_survives_live_updates(live_server, meeting_id, browser_page,
                                                        attendee):
    filling = attendee("resident002")
    quick = attendee("resident004")
    chair = _chair(browser_page, live_server, meeting_id)
    poll_id = _open(chair, _prepare(chair, "multiple", ["东侧", "西侧", "北侧"],
                                    title="充电桩建在哪些位置？"))

    mine = filling.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
    mine.locator("input[name=choices]").nth(1).check()
    turnout = filling.locator(f".poll[data-poll-id='{poll_id}'] "
                              "[data-poll-field='turnout-count']")
    before = turnout.inner_text()
    theirs = quick.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
    theirs.locator("input[name=choices]").nth(0).check()
    theirs.locator(".ballot-send").click()
    expect(theirs.locator("[data-ballot-status]")).to_have_text(
        shown_text(quick, "poll-recorded-me"))

    expect(turnout).not_to_have_text(before)  # the tally arrived here too ...
    expect(mine.locator("input[name=choices]").nth(1)).to_be_checked()  # ... and changed nothing
    expect(mine.locator("[data-row-field='label']").nth(1)).to_have_text("西侧")
    mine.locator(".ballot-send").click()
    expect(mine.locator("[data-ballot-status]")).to_have_text(
        shown_text(filling, "poll-recorded-me"))
    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    not_reloaded(filling)


def test_a_single_choice_is_one_press_and_sends_the_option_id(live_server, meeting_id,
                                                              browser_page, attendee):
    phone = attendee("resident003")
    chair = _chair(browser_page, live_server, meeting_id)
    poll_id = _open(chair, _prepare(chair, "single", ["外挂式", "连廊式"],
                                    title="选哪种电梯方案？"))

    ballot = phone.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
    expect(ballot.locator("button[name=choice]")).to_have_text(["外挂式", "连廊式"])
    ballot.locator("button[name=choice]").nth(1).click()
    # recorded: the server took the option's id as a number (a text id is a bad_choice)
    expect(ballot.locator("[data-ballot-status]")).to_have_text(
        shown_text(phone, "poll-recorded-me"))
    expect(ballot.locator("button[name=choice]").nth(1)).to_have_attribute("aria-pressed", "true")
    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    not_reloaded(phone)


def test_a_ranking_is_put_in_order_with_the_keyboard(live_server, meeting_id, browser_page,
                                                     attendee):
    phone = attendee("resident005", "zh-CN")
    chair = _chair(browser_page, live_server, meeting_id, "zh-CN")
    poll_id = _open(chair, _prepare(chair, "ranked", ["外挂式", "连廊式", "暂缓"],
                                    title="电梯方案的优先顺序"))

    ballot = phone.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
    labels = ballot.locator("[data-option-id] [data-row-field='label']")
    expect(labels).to_have_text(["外挂式", "连廊式", "暂缓"])
    ballot.locator("[data-option-id]").nth(2).locator("[data-rank-move='up']").focus()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Space")
    expect(labels).to_have_text(["暂缓", "外挂式", "连廊式"])
    assert phone.evaluate("document.activeElement.dataset.rankMove") == "up"  # focus stayed
    expect(ballot.locator("[data-ranking-status]")).to_have_text(
        shown_text(phone, "poll-rank-now", label="暂缓", position=1))
    ballot.locator(".ballot-send").click()
    expect(ballot.locator("[data-ballot-status]")).to_have_text(
        shown_text(phone, "poll-recorded-me"))
    chair.locator(f".poll[data-poll-id='{poll_id}'] form[data-event='poll:close'] button").click()
    projector = browser_page("zh-CN", PROJECTOR)
    open_live(projector, f"{live_server.url}/meetings/{meeting_id}/projector")
    expect(projector.locator("[data-poll-panel]")).to_have_attribute("data-poll-id", str(poll_id))
    not_reloaded(phone)


def test_a_resident_votes_without_javascript(live_server, meeting_id, chromium, signed_in,
                                             browser_page, attendee):
    chair = _chair(browser_page, live_server, meeting_id)
    attendee("resident001")
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False,
                                   storage_state=signed_in("resident001"))
    try:
        page = context.new_page()
        poll_id = _open(chair, _prepare(chair))
        page.goto(f"{live_server.url}/meetings/{meeting_id}/room")
        ballot = page.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
        ballot.locator("button[value=no]").click()
        expect(page.locator(".flash-success")).to_be_visible()  # a new page, drawn
        recorded = page.locator(f".poll[data-poll-id='{poll_id}'] form[data-ballot]")
        expect(recorded).to_have_attribute("data-voted", "true")
        expect(recorded.locator("button[value=no]")).to_have_attribute("aria-pressed", "true")
    finally:
        context.close()
        chair.locator(".poll[data-poll-status='open'] form[data-event='poll:close'] button").click()
