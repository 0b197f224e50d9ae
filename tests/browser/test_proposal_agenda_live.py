"""When a proposal reaches its threshold, the chair's console of the council's next meeting
shows it on the agenda at once, without a reload, in English and in Chinese.

The worker sets the council's threshold to two supports and schedules a meeting an hour
from now (so it is the council's next one); the chair opens its console; one resident
publishes a proposal (their own support is the first) and another supports it over the
JSON API, as a phone would.
"""

from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, not_reloaded, open_live, shoot
from tests.helpers.api import bearer, token_for

pytestmark = pytest.mark.browser

COUNCIL_ID = 1  # the demo's residents' meeting, which "chair" chairs
TIMEOUT = 30


def _api(server, method: str, path: str, token: str, json=None) -> dict:
    answer = requests.request(method, f"{server.url}/api/v1{path}", json=json,
                              headers=bearer(token), timeout=TIMEOUT)
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def _next_meeting(server, worker: str, title: str, minutes: int) -> int:
    """A meeting scheduled `minutes` from now: sooner than the demo's and the other
    language's, so it is the council's next one."""
    made = _api(server, "POST", f"/councils/{COUNCIL_ID}/meetings", worker, {
        "title": title, "starts_at": (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat(),
        "items": [{"title": "社区工作情况通报"}]})
    meeting_id = made["meeting"]["id"]
    _api(server, "POST", f"/meetings/{meeting_id}/status", worker, {"status": "scheduled"})
    return meeting_id


@pytest.mark.parametrize(("locale", "author", "supporter", "minutes"), [
    ("zh-CN", "resident001", "resident002", 60), ("en-US", "resident003", "resident004", 30)])
def test_the_chair_sees_a_proposal_join_the_agenda(live_server, browser_page, locale, author,
                                                   supporter, minutes):
    worker = token_for(live_server.url, "worker")
    _api(live_server, "PUT", f"/councils/{COUNCIL_ID}/proposal-settings", worker, {
        "threshold_kind": "absolute", "threshold_value": 2, "time_limit_days": 90,
        "answer_working_days": 15, "supports_public": False})
    meeting_id = _next_meeting(live_server, worker, f"居民提议专题会 {locale}", minutes)
    chair = browser_page(locale, user="chair")
    open_live(chair, f"{live_server.url}/meetings/{meeting_id}/chair")
    agenda = chair.locator("[data-list='chair-agenda'] .chair-item-title")
    before = agenda.count()

    title = f"东门加装雨棚（{locale}）"
    made = _api(live_server, "POST", f"/councils/{COUNCIL_ID}/proposals",
                token_for(live_server.url, author),
                {"title": title, "body": "下雨天东门等车的老人没有地方避雨。",
                 "category": "facilities", "publish": True})
    answer = _api(live_server, "PUT", f"/proposals/{made['id']}/support",
                  token_for(live_server.url, supporter))
    assert answer["reached"] is True

    expect(agenda).to_have_count(before + 1, timeout=TIMEOUT * 1000)
    expect(agenda.last).to_have_text(title)
    not_reloaded(chair)
    shoot(chair, f"proposal-on-the-agenda-{locale}")
    assert_accessible(chair)
