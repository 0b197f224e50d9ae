"""A freshly registered resident on a phone, in Chromium: the room says why they cannot check
in yet; the worker confirms them (seated on the residents' meeting, as the row offers); the
resident's open room hears it at once, in their language, and after a reload they check in.

Each language registers its own resident; afterwards they are checked out and unseated, so
that the other stories find the demo's meeting as it was.
"""

import uuid

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import fits_the_phone, open_live, shoot
from tests.helpers.api import bearer, token_for

pytestmark = pytest.mark.browser

RESIDENTS_MEETING = 1
SEATED = {"en": "You now sit on Xingfuli Residents' Meeting",
          "zh": "您已成为幸福里社区居民会议成员"}


def _register(page, server, username: str) -> None:
    page.goto(server.url + "/register")
    page.fill("input[name=username]", username)
    page.fill("input[name=display_name]", "新来的居民")
    page.fill("input[name=password]", "a fresh resident's password")
    page.fill("input[name=confirm]", "a fresh resident's password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/register" not in url)


def _unseat(server, username: str, council_id: int = RESIDENTS_MEETING) -> None:
    headers = bearer(token_for(server.url, "worker"))
    council = requests.get(f"{server.url}/api/v1/councils/{council_id}",
                           headers=headers, timeout=10).json()
    for member in council["members"]:
        if member["username"] == username:
            requests.delete(f"{server.url}/api/v1/councils/{council_id}/members/"
                            f"{member['id']}", headers=headers, timeout=10)


def _confirm(worker, server, username: str) -> None:
    worker.goto(f"{server.url}/users/?pending=1")
    row = worker.locator("li.person").filter(has_text=f"@{username}")
    row.locator("form.confirm-form button[type=submit]").click()
    expect(worker.locator(".flash-success")).to_contain_text("now sits on")


@pytest.mark.parametrize("locale, short", [("zh-CN", "zh"), ("en-US", "en")])
def test_a_new_resident_is_confirmed_seated_and_checks_in(live_server, meeting_id, open_phone,
                                                          browser_page, locale, short):
    username = f"new{short}{uuid.uuid4().hex[:8]}"
    phone = open_phone(locale)
    _register(phone, live_server, username)
    open_live(phone, f"{live_server.url}/meetings/{meeting_id}/room")
    waiting = phone.locator("[data-seat-help='unconfirmed']")
    expect(waiting).to_be_visible()
    expect(phone.locator("form[data-event='attendance:check_in']")).to_have_count(0)
    assert fits_the_phone(phone)
    shoot(phone, f"seat-room-waiting-{short}")

    worker = browser_page("en-US", user="worker")
    worker.goto(f"{live_server.url}/users/?pending=1")
    row = worker.locator("li.person").filter(has_text=f"@{username}")
    seat = row.locator("select[name=council_id]")
    expect(seat).to_have_value(str(RESIDENTS_MEETING))  # the residents' meeting, preselected
    assert fits_the_phone(worker)
    shoot(worker, "seat-confirm-list")
    try:
        row.locator("form.confirm-form button[type=submit]").click()
        expect(worker.locator(".flash-success")).to_contain_text("now sits on")

        toast = phone.locator("[data-toasts] .toast")  # the open room hears it, no reload
        expect(toast).to_contain_text(SEATED[short])
        phone.reload()
        expect(phone.locator("[data-seat-help]")).to_have_count(0)
        phone.locator("form[data-event='attendance:check_in']:visible button").click()
        expect(phone.locator("form[data-event='attendance:check_out']")).to_be_visible()
        assert phone.script_errors == []
        phone.locator("form[data-event='attendance:check_out'] button").click()
        expect(phone.locator("form[data-event='attendance:check_in']")).to_be_visible()
    finally:
        _unseat(live_server, username)


def test_a_resident_asks_to_join_their_building_council_and_a_worker_seats_them(
        live_server, open_phone, browser_page):
    username = f"building{uuid.uuid4().hex[:8]}"
    councils = requests.get(f"{live_server.url}/api/v1/communities/xingfuli/councils",
                            timeout=10).json()
    building = next(c["id"] for c in councils if c["kind"] == "building_council")
    phone = open_phone("zh-CN")
    _register(phone, live_server, username)
    worker = browser_page("en-US", user="worker")
    _confirm(worker, live_server, username)
    try:
        phone.goto(f"{live_server.url}/councils/{building}")
        ask = phone.locator("#join form")
        ask.locator("textarea[name=message]").fill("1单元 502室")
        ask.locator("button[type=submit]").click()
        expect(phone.locator(".flash-success")).to_contain_text("申请已提交")
        expect(phone.locator("#join")).to_contain_text("您已于")
        assert fits_the_phone(phone)
        shoot(phone, "seat-join-asked-zh")

        worker.goto(f"{live_server.url}/councils/{building}/members")
        request = worker.locator("li.person").filter(has_text=f"@{username}")
        expect(request).to_contain_text("1单元 502室")
        request.locator("button", has_text="Seat as a member").click()
        expect(worker.locator(".flash-success")).to_contain_text("now sits on the council")

        phone.reload()
        expect(phone.locator("#join")).to_contain_text("您是本议事会成员")
        notes = phone.locator(".notifications-link")
        notes.click()
        expect(phone.locator("main")).to_contain_text("您已成为1号楼楼栋议事会成员")
    finally:
        _unseat(live_server, username, building)
        _unseat(live_server, username)
