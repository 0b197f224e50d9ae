"""Following a resolution in real Chromium at phone size, in English and Chinese: a newly
registered resident (on no council, so only following can tell them) follows one of the
demo's resolutions with the button; a worker changes the status of two of its items over
the API; the resident's open page shows the bell's count rise by one without a reload,
and the second change updates the same notification (a digest) instead of adding one.
Also the office's delivery analytics and the resolution page fit the phone.
"""

import secrets

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot
from tests.helpers import PASSWORD
from tests.helpers.api import bearer, token_for

pytestmark = pytest.mark.browser

LANGUAGES = [("en-US", "en"), ("zh-CN", "zh")]
NEXT = {"planned": "in_progress", "in_progress": "blocked", "blocked": "in_progress"}


def _open_items_by_resolution(server, headers) -> dict[int, list[dict]]:
    """The demo's public, open items that carry out a resolution, by resolution."""
    found = requests.get(f"{server.url}/api/v1/actions", headers=headers,
                         params={"open": "true", "per_page": 100}, timeout=10).json()
    by_resolution: dict[int, list[dict]] = {}
    for item in found["items"]:
        if item["resolution_id"] and item["is_public"] and item["status"] in NEXT:
            by_resolution.setdefault(item["resolution_id"], []).append(item)
    return by_resolution


def _move(server, headers, item: dict, lang: str) -> None:
    response = requests.post(f"{server.url}/api/v1/actions/{item['id']}/status",
                             headers=headers, timeout=10,
                             json={"status": NEXT[item["status"]],
                                   "reason": f"浏览器测试（{lang}）：进度调整"})
    assert response.status_code == 200, response.text


def _register(page, server, lang: str) -> None:
    page.goto(server.url + "/register")
    page.locator("select[name=community]").select_option(index=0)
    page.locator("input[name=username]").fill(f"follower-{lang}-{secrets.token_hex(3)}")
    page.locator("input[name=display_name]").fill("关注者")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=confirm]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/register" not in url)


def _unread(page) -> int:
    count = page.locator(".notifications-link .count")
    if not count.count():
        return 0
    return int(count.evaluate("element => element.firstChild.textContent").strip())


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_a_following_residents_bell_rises_without_reload(live_server, open_phone, locale,
                                                         lang):
    headers = bearer(token_for(live_server.url, "worker"))
    resolution_id, items = max(_open_items_by_resolution(live_server, headers).items(),
                               key=lambda pair: len(pair[1]))
    assert len(items) >= 2, "the demo has a resolution with two open public items"

    resident = open_phone(locale)
    _register(resident, live_server, lang)
    resident.goto(f"{live_server.url}/resolutions/{resolution_id}")
    resident.locator(".follow button[type=submit]").click()
    expect(resident.locator(".badge-following")).to_be_visible()
    assert fits_the_phone(resident)
    assert_accessible(resident)
    shoot(resident, f"accountability-following-{lang}")
    before = _unread(resident)

    _move(live_server, headers, items[0], lang)
    toast = resident.locator("[data-toasts] .toast")
    expect(toast).to_contain_text(items[0]["title"])
    expect(resident.locator(".notifications-link .count")).to_contain_text(str(before + 1))

    _move(live_server, headers, items[1], lang)
    expect(toast).to_contain_text("2")
    expect(toast).not_to_contain_text(items[0]["title"])
    assert toast.count() == 1
    assert _unread(resident) == before + 1
    shoot(resident, f"accountability-digest-{lang}")

    resident.goto(f"{live_server.url}/notifications")
    expect(resident.locator(".notification.unread").first).to_contain_text("2")
    assert fits_the_phone(resident)
    assert_accessible(resident)
    shoot(resident, f"accountability-notifications-{lang}")
    assert resident.script_errors == []


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_the_office_reads_the_delivery_analytics_on_a_phone(live_server, open_phone, locale,
                                                            lang):
    worker = open_phone(locale)
    worker.goto(live_server.url + "/login")
    worker.locator("input[name=username]").fill("worker")
    worker.locator("input[name=password]").fill(PASSWORD)
    worker.locator("main form button[type=submit]").first.click()
    worker.wait_for_url(lambda url: "/login" not in url)
    worker.goto(f"{live_server.url}/c/xingfuli/work")
    worker.locator("a[href='/c/xingfuli/work/analytics']").click()
    expect(worker.locator("svg.bar-chart").first).to_be_visible()
    expect(worker.locator("#definitions")).to_be_visible()
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, f"accountability-analytics-{lang}")
    worker.goto(f"{live_server.url}/councils/1/results")
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, f"accountability-results-{lang}")
    assert worker.script_errors == []
