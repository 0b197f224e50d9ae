"""The meeting's pages on a phone (320 and 360 px), as residents and the chair use them: the
console and the projector are linked for the chair, the first screen says whether a member
is checked in, result bars are drawn against the rule's base, buttons fit, the console puts
its live controls first. In English and in Chinese.

The tests share the demo's server with the other browser tests; each reads the state it
starts from and leaves the room as it found it.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, open_live, shoot

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
