"""Notifications reach a resident's open page live, in their language."""

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible, shoot
from tests.helpers import PASSWORD
from tests.helpers.api import bearer, token_for

pytestmark = pytest.mark.browser


def _unread(link) -> int:
    count = link.locator(".count")
    if not count.count():
        return 0
    return int(count.evaluate("element => element.firstChild.textContent").strip())


def test_a_scheduled_meeting_appears_on_the_residents_open_page(live_server, chromium):
    context = chromium.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.fill("input[name=username]", "resident004")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login" not in url)
    link = page.locator(".notifications-link")
    before = _unread(link)

    headers = bearer(token_for(live_server.url, "worker"))
    created = requests.post(f"{live_server.url}/api/v1/councils/1/meetings", headers=headers,
                            json={"title": "长者食堂选址", "starts_at": "2030-05-01T19:00:00+08:00",
                                  "items": [{"title": "候选地点"}]}, timeout=10)
    assert created.status_code == 201, created.text
    meeting_id = created.json()["meeting"]["id"]
    scheduled = requests.post(f"{live_server.url}/api/v1/meetings/{meeting_id}/status",
                              headers=headers, json={"status": "scheduled"}, timeout=10)
    assert scheduled.status_code == 200, scheduled.text

    toast = page.locator("[data-toasts] .toast")
    expect(toast).to_contain_text("长者食堂选址")
    expect(toast).to_contain_text("2030")
    expect(link.locator(".count")).to_contain_text(str(before + 1))
    assert _unread(link) == before + 1
    page.goto(live_server.url + "/notifications")
    assert_accessible(page)
    context.close()

    # The same notification on an English page names the council in English and writes the
    # date out (not 5/1/30).
    council = requests.get(f"{live_server.url}/api/v1/councils/1", headers=headers,
                           timeout=10).json()["council"]
    english = chromium.new_context(viewport=PHONE, locale="en-US")
    page = english.new_page()
    page.goto(live_server.url + "/login")
    page.fill("input[name=username]", "resident004")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(live_server.url + "/notifications")
    newest = page.locator(".notification").first
    expect(newest).to_contain_text(f"{council['name_en']} will meet: 长者食堂选址, May 1, 2030")
    expect(newest).not_to_contain_text(council["name"])
    assert_accessible(page)
    shoot(page, "notifications-en")
    english.close()
