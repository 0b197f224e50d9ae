"""Fifty residents support a proposal at the same moment; it needs twenty.

GovHub runs as a user starts it (`govhub run`, gevent), on the embedded SQLite and on a
throwaway PostgreSQL database. Real HTTP clients, each with its own token, wait at a
barrier and then support together over the JSON API. Every support counts once, exactly
one of them is told it reached the threshold, and the proposal is on one meeting's
agenda once. (tests/proposals/test_threshold_race_postgres.py shows, with threads on
PostgreSQL, that a read-then-write version of the same service fails this.)
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.helpers.api import bearer, token_for
from tests.helpers.servers import demo_server

pytestmark = pytest.mark.live

RESIDENTS = 60
RUSH = 50
THRESHOLD = 20
COUNCIL_ID = 1
TIMEOUT = 60
TITLE = "竞速测试：小区东门加装雨棚"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path):
    with demo_server(tmp_path, request.param, RESIDENTS) as live:
        yield live


def _api(server, method: str, path: str, token: str, json=None):
    response = requests.request(method, f"{server.url}/api/v1{path}", json=json,
                                timeout=TIMEOUT, headers=bearer(token))
    assert response.status_code in (200, 201), response.text
    return response.json()


def _proposal_to_rush(server) -> tuple[int, str]:
    """A proposal that needs THRESHOLD supports, and the worker's token (the meeting it goes
    on is a draft: only the office sees it)."""
    worker = token_for(server.url, "worker")
    _api(server, "PUT", f"/councils/{COUNCIL_ID}/proposal-settings", worker, {
        "threshold_kind": "absolute", "threshold_value": THRESHOLD, "time_limit_days": 90,
        "answer_working_days": 15, "supports_public": False})
    _api(server, "POST", f"/councils/{COUNCIL_ID}/meetings", worker, {
        "title": "Race test: the next residents' meeting",
        "starts_at": (datetime.now(UTC) + timedelta(days=3)).isoformat()})
    made = _api(server, "POST", f"/councils/{COUNCIL_ID}/proposals",
                token_for(server.url, "resident001"),
                {"title": TITLE, "body": "下雨天东门排队的老人没有地方避雨。",
                 "category": "facilities", "publish": True})
    return made["id"], worker


def _support_together(server, proposal_id: int, tokens: list[str]) -> list[requests.Response]:
    barrier = threading.Barrier(len(tokens))

    def support(token):
        with requests.Session() as http:
            http.headers.update(bearer(token))
            barrier.wait(TIMEOUT)
            return http.put(f"{server.url}/api/v1/proposals/{proposal_id}/support",
                            timeout=TIMEOUT)

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(support, tokens))


def test_a_rush_of_supports_queues_the_proposal_exactly_once(server):
    proposal_id, worker = _proposal_to_rush(server)
    names = [f"resident{n:03d}" for n in range(2, 2 + RUSH)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        tokens = list(pool.map(lambda name: token_for(server.url, name), names))

    answers = _support_together(server, proposal_id, tokens)

    assert [a.status_code for a in answers] == [200] * RUSH, [
        a.text for a in answers if a.status_code != 200]
    assert sum(a.json()["reached"] for a in answers) == 1
    # Each answer gives the count as committed when it answered: never below its own turn.
    assert max(a.json()["support_count"] for a in answers) == RUSH + 1
    proposal = _api(server, "GET", f"/proposals/{proposal_id}", tokens[0])
    assert (proposal["state"], proposal["support_count"]) == ("queued", RUSH + 1)
    meeting = _api(server, "GET", f"/meetings/{proposal['meeting_id']}", worker)
    titles = [item["title"] for item in meeting["state"]["agenda"]["items"]]
    assert titles.count(TITLE) == 1
