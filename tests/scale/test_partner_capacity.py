"""Fifty residents enrol at the same moment in a session with five places left.

GovHub runs as a user starts it (`govhub run`, gevent), on the embedded
SQLite and on a throwaway PostgreSQL database. Real HTTP clients, each with
its own token, wait at a barrier and then enrol together over the JSON API;
half of them ask for the waitlist when the session is full. Exactly five
get a place, the others wait in line or are told the session is full,
nobody is enrolled twice, and the session's count agrees with the rows.
Then two places free up at once, and the first two in line get them.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.helpers.api import token_for
from tests.helpers.servers import demo_server

pytestmark = pytest.mark.live

RESIDENTS = 110
CAPACITY = 8
ALREADY = 3  # enrolled before the rush: five places left
RUSH = 50
TIMEOUT = 60
COMMUNITY = "xingfuli"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path):
    with demo_server(tmp_path, request.param, RESIDENTS) as live:
        yield live


def _call(server, method: str, path: str, token: str, json=None, expect=(200, 201)):
    response = requests.request(method, f"{server.url}/api/v1{path}", json=json,
                                timeout=TIMEOUT, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in expect, response.text
    return response.json()


def _session_with_places(server, partner: str) -> tuple[int, int]:
    """A new published offering of the partner's organization with one session."""
    organizations = _call(server, "GET", f"/organizations?community={COMMUNITY}", partner)
    mine = next(o for o in organizations if o["your_role"] == "owner")
    offering = _call(server, "POST", f"/organizations/{mine['id']}/offerings", partner, {
        "title": "Capacity race: first aid course", "category": "health"})
    _call(server, "POST", f"/offerings/{offering['id']}/status", partner,
          {"status": "published"})
    starts = datetime.now(UTC) + timedelta(days=3)
    made = _call(server, "POST", f"/offerings/{offering['id']}/sessions", partner, {
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "capacity": CAPACITY})
    return offering["id"], made[0]["id"]


def _enrol_together(server, session_id: int, tokens: list[str]) -> list[requests.Response]:
    barrier = threading.Barrier(len(tokens))

    def enrol(numbered):
        number, token = numbered
        with requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {token}"
            barrier.wait(TIMEOUT)
            return http.post(f"{server.url}/api/v1/sessions/{session_id}/enrolments",
                             json={"waitlist": number % 2 == 0}, timeout=TIMEOUT)

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(enrol, enumerate(tokens)))


def test_the_last_places_go_to_exactly_as_many_as_there_are(server):
    partner = token_for(server.url, "partner")
    offering_id, session_id = _session_with_places(server, partner)
    names = [f"resident{n:03d}" for n in range(40, 40 + ALREADY + RUSH)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        tokens = list(pool.map(lambda name: token_for(server.url, name), names))
    for token in tokens[:ALREADY]:
        _call(server, "POST", f"/sessions/{session_id}/enrolments", token, {})

    answers = _enrol_together(server, session_id, tokens[ALREADY:])

    statuses = [response.status_code for response in answers]
    assert set(statuses) <= {201, 409}, [r.text for r in answers
                                         if r.status_code not in (201, 409)]
    bodies = [response.json() for response in answers]
    enrolled = [b for b in bodies if b.get("status") == "enrolled"]
    waiting = [b for b in bodies if b.get("status") == "waitlisted"]
    refused = [b["error"]["code"] for b in bodies if "error" in b]
    assert len(enrolled) == CAPACITY - ALREADY
    assert set(refused) <= {"session_full"}
    assert len(enrolled) + len(waiting) + len(refused) == RUSH
    # Those who asked for the waitlist are in it; those who did not were refused.
    asked = {n for n in range(RUSH) if n % 2 == 0}
    for number, body in enumerate(bodies):
        if body.get("status") == "waitlisted":
            assert number in asked
        if "error" in body:
            assert number not in asked
    assert sorted(b["position"] for b in waiting) == list(range(1, len(waiting) + 1))

    sessions = _call(server, "GET", f"/offerings/{offering_id}/sessions", partner)
    session = next(s for s in sessions if s["id"] == session_id)
    assert (session["enrolled"], session["places_left"], session["waiting"]) == (
        CAPACITY, 0, len(waiting))

    # Two places free up at the same moment: the first two in line get them.
    first_in_line = sorted(waiting, key=lambda b: b["position"])[:2]
    leaving = [tokens[ALREADY + bodies.index(b)] for b in enrolled[:2]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        cancelled = list(pool.map(
            lambda pair: _call(server, "POST", f"/enrolments/{pair[0]['id']}/cancel", pair[1]),
            zip(enrolled[:2], leaving, strict=True)))
    assert [c["status"] for c in cancelled] == ["cancelled", "cancelled"]
    people = _call(server, "GET", f"/organizations/{_organization(server, partner)}/requests",
                   partner)["enrolments"]
    here = {e["id"]: e for e in people if e["session_id"] == session_id}
    assert all(here[b["id"]]["status"] == "enrolled" for b in first_in_line)
    assert sum(e["status"] == "enrolled" for e in here.values()) == CAPACITY
    still_waiting = sorted(e["position"] for e in here.values() if e["status"] == "waitlisted")
    assert still_waiting == list(range(1, len(waiting) - 1))


def _organization(server, partner: str) -> int:
    organizations = _call(server, "GET", f"/organizations?community={COMMUNITY}", partner)
    return next(o["id"] for o in organizations if o["your_role"] == "owner")

