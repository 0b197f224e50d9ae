"""The live room in real Chromium: phones, the chair's console and the projector follow each
other without reloading, in English and in Chinese.

The demo's meeting in session is found from the community's front page (or, failing that,
by asking the public room pages), never by a fixed id. The tests share one server, so each
one reads the state it starts from and uses its own residents.
"""

import re

import pytest
import requests
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
from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


# --- helpers -----------------------------------------------------------------------

def _button(page, event: str):
    """The visible button that sends this live event (whatever the page's language)."""
    return page.locator(f"form[data-event='{event}']:visible button").first


# --- the stories ---------------------------------------------------------------------

LANGUAGES = [("zh-CN", "zh-CN", "resident002", "resident004"),
             ("en-US", "en", "resident003", "resident005")]


@pytest.mark.parametrize("locale, lang, checks_in, _watches", LANGUAGES)
def test_a_resident_checks_in_and_the_projector_follows(live_server, meeting_id, browser_page,
                                                        locale, lang, checks_in, _watches):
    projector = browser_page(locale, PROJECTOR)
    open_live(projector, f"{live_server.url}/meetings/{meeting_id}/projector")
    assert projector.locator("html").get_attribute("lang") == lang
    present = projector.locator("[data-field='present-weight']")
    before = int(present.inner_text())
    waiting = len(projector.locator("[data-list='queue'] li").all())

    phone = browser_page(locale, user=checks_in)
    open_live(phone, f"{live_server.url}/meetings/{meeting_id}/room")
    _button(phone, "attendance:check_in").click()

    expect(present).to_have_text(str(before + 1))
    expect(phone.locator("[data-field='present-weight']")).to_have_text(str(before + 1))
    if projector.locator("[data-quorum]").get_attribute("data-met") == "true":
        expect(projector.locator("[data-field='quorum-state']")).to_have_text(
            shown_text(projector, "quorum-met"))
    _button(phone, "speakers:request").click()
    expect(projector.locator("[data-field='queue-count']")).to_have_text(
        shown_text(projector, "queue-count", count=waiting + 1))
    expect(phone.locator("[data-list='queue'] li.mine")).to_have_count(1)
    expect(_button(phone, "speakers:withdraw")).to_be_visible()
    not_reloaded(projector)
    not_reloaded(phone)
    assert_accessible(phone)
    assert_accessible(projector)

    short = "en" if lang == "en" else "zh"
    shoot(phone, f"room-{short}")
    shoot(projector, f"projector-{short}", full_page=False)


@pytest.mark.parametrize("locale, lang, _checks_in, watches", LANGUAGES)
def test_the_chair_takes_up_an_item_and_the_room_follows(live_server, meeting_id, browser_page,
                                                         locale, lang, _checks_in, watches):
    room = browser_page(locale, user=watches)
    open_live(room, f"{live_server.url}/meetings/{meeting_id}/room")
    assert room.locator("html").get_attribute("lang") == lang

    chair = browser_page(locale, user="chair")
    open_live(chair, f"{live_server.url}/meetings/{meeting_id}/chair")
    row = chair.locator("[data-list='chair-agenda'] > li:not([data-item-status='current'])").first
    title = row.locator(".chair-item-title").inner_text()
    shoot(chair, f"chair-{'en' if lang == 'en' else 'zh'}")
    assert_accessible(chair)
    row.locator("form[data-event='agenda:advance'] button").click()

    expect(room.locator("[data-field='item-title']")).to_have_text(title)
    expect(room.locator("[data-list='agenda'] li[data-item-status='current']")).to_have_text(
        re.compile(re.escape(title)))
    expect(chair.locator("[data-list='chair-agenda'] > li[data-item-status='current'] "
                         ".chair-item-title")).to_have_text(title)
    not_reloaded(room)
    not_reloaded(chair)


def test_the_chair_gives_the_floor_and_the_speaker_sees_the_countdown(
        live_server, meeting_id, browser_page):
    speaker = browser_page(user="resident004")
    open_live(speaker, f"{live_server.url}/meetings/{meeting_id}/room")
    if _button(speaker, "attendance:check_in").is_visible():
        _button(speaker, "attendance:check_in").click()
    _button(speaker, "speakers:request").click()
    expect(speaker.locator("[data-list='queue'] li.mine")).to_have_count(1)

    chair = browser_page(user="chair")
    open_live(chair, f"{live_server.url}/meetings/{meeting_id}/chair")
    queue = chair.locator("[data-list='queue'] li")
    while speaker.locator("[data-list='queue'] li.mine").count():
        ahead = queue.count()
        _button(chair, "speakers:next").click()
        expect(queue).to_have_count(ahead - 1)

    expect(speaker.locator("[data-show-if='speaking']")).to_be_visible()
    countdown = speaker.locator("[data-countdown]")
    expect(countdown).to_have_text(re.compile(r"^\d+:\d\d$"))
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first)  # it runs
    not_reloaded(speaker)


def test_the_chair_reorders_the_agenda_and_the_room_follows(live_server, meeting_id,
                                                            browser_page):
    room = browser_page()
    open_live(room, f"{live_server.url}/meetings/{meeting_id}/room")  # a visitor, no account
    chair = browser_page(user="chair")
    open_live(chair, f"{live_server.url}/meetings/{meeting_id}/chair")
    titles = chair.locator("[data-list='chair-agenda'] .chair-item-title").all_inner_texts()

    last = chair.locator("[data-list='chair-agenda'] > li").last
    last.locator("button[data-move='up']").click()

    moved = [*titles[:-2], titles[-1], titles[-2]]
    expect(room.locator("[data-list='agenda'] .agenda-title")).to_have_text(moved)
    expect(chair.locator("[data-list='chair-agenda'] .chair-item-title")).to_have_text(moved)
    # The keyboard stays on the button that was pressed, though its row moved. The
    # broadcast may draw the new order before the acknowledgement gives the button back,
    # so wait for the focus rather than read it once.
    moved_row = chair.locator("[data-list='chair-agenda'] > li").nth(len(titles) - 2)
    expect(moved_row.locator("button[data-move='up']")).to_be_focused()
    not_reloaded(room)


def test_a_dropped_connection_shows_reconnecting_and_catches_up(live_server, meeting_id,
                                                                 browser_page):
    projector = browser_page("en-US", PROJECTOR)
    open_live(projector, f"{live_server.url}/meetings/{meeting_id}/projector")
    present = projector.locator("[data-field='present-weight']")
    before = int(present.inner_text())

    projector.context.set_offline(True)
    expect(projector.locator("[data-live-banner]")).to_be_visible()
    _check_in_without_javascript(live_server, meeting_id, "resident005")
    projector.context.set_offline(False)

    expect(projector.locator(LIVE)).to_have_count(1)
    expect(projector.locator("[data-live-banner]")).to_be_hidden()
    expect(present).to_have_text(str(before + 1))
    not_reloaded(projector)


def _check_in_without_javascript(server, meeting_id: int, username: str) -> None:
    """A plain form post, as a phone without JavaScript sends it."""
    http = requests.Session()
    login = http.get(server.url + "/login", timeout=10).text
    http.post(server.url + "/login", timeout=10, data={
        "csrf_token": csrf_token_from(login), "username": username, "password": PASSWORD})
    room = f"{server.url}/meetings/{meeting_id}/room"
    response = http.post(room + "/check-in", timeout=10, allow_redirects=False,
                         data={"csrf_token": csrf_token_from(http.get(room, timeout=10).text)})
    assert response.status_code == 302


def test_the_room_works_without_javascript(live_server, meeting_id, chromium, signed_in):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False,
                                   storage_state=signed_in("chair"))
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/meetings/{meeting_id}/room")
        if page.locator("form[data-event='attendance:check_in']:visible").count():
            page.locator("form[data-event='attendance:check_in'] button").click()
        page.locator("form[data-event='speakers:request'] button").click()
        expect(page.locator("[data-show-if='queued']")).to_be_visible()  # a new page, drawn
        page.locator("form[data-event='speakers:withdraw'] button").click()
        expect(page.locator("form[data-event='speakers:request']")).to_be_visible()
    finally:
        context.close()


def test_the_room_fits_a_phone(live_server, meeting_id, browser_page):
    phone = browser_page("zh-CN", user="chair")
    for page in ("room", "chair"):
        open_live(phone, f"{live_server.url}/meetings/{meeting_id}/{page}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (page, width)
