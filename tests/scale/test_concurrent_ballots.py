"""Two hundred and twenty residents vote at the same moment against a real server.

GovHub runs as a user starts it (`govhub run`, gevent, ballots group-committed
every few milliseconds, tallies coalesced), on the embedded SQLite and on a
throwaway PostgreSQL database. Real Socket.IO clients sign in, connect over
websocket, check in and join; then every one of them sends its ballot twice
at once with the same idempotency key (a phone retrying), and some send a
different ballot afterwards to a poll that refuses changes. The count must
be exact: every voter once, no ballot doubled, no retry counted, no change.

Clients are python-socketio's threaded client (the asyncio one needs aiohttp,
which GovHub does not depend on); acknowledgements are collected with
callbacks, so all ballots are in flight together.
"""

from __future__ import annotations

import secrets
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests
import socketio

from tests.helpers.api import token_for
from tests.helpers.servers import demo_server

pytestmark = pytest.mark.live

VOTERS = 220
COUNCIL_ID = 1
TIMEOUT = 30
CHOICES = ("yes", "yes", "yes", "no", "abstain")  # by voter number: a clear majority
CHANGERS = range(0, VOTERS, 20)  # these also try a different ballot afterwards
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path):
    """A real GovHub with VOTERS demo residents, on each database it supports."""
    with demo_server(tmp_path, request.param, VOTERS) as live:
        yield live


class Resident:
    """One phone: a token, a websocket connection to /live, and what the room told it."""

    def __init__(self, url: str, username: str):
        self.url, self.username = url, username
        self.token = token_for(url, username)
        self.sio = socketio.Client(reconnection=False)
        self.closed = threading.Event()
        self.result = None
        self.sio.on("poll:closed", self._on_closed, namespace="/live")

    def _on_closed(self, payload) -> None:
        self.result = payload
        self.closed.set()

    def connect(self) -> None:
        self.sio.connect(self.url, namespaces=["/live"], transports=["websocket"],
                         auth={"token": self.token}, wait_timeout=TIMEOUT)

    def send(self, event: str, data: dict) -> Future:
        """Emit without waiting; the future holds the acknowledgement and when it came."""
        future: Future = Future()
        sent = time.perf_counter()
        self.sio.emit(event, data, namespace="/live",
                      callback=lambda ack: future.set_result((ack, time.perf_counter() - sent)))
        return future

    def call(self, event: str, data: dict) -> dict:
        return self.sio.call(event, data, namespace="/live", timeout=TIMEOUT)

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


def _api(server, method: str, path: str, token: str, json=None) -> dict:
    response = requests.request(method, f"{server.url}/api/v1{path}", json=json, timeout=TIMEOUT,
                                headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in (200, 201), response.text
    return response.json()


def _meeting_in_session(server, worker: str) -> tuple[int, int]:
    starts_at = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    created = _api(server, "POST", f"/councils/{COUNCIL_ID}/meetings", worker, {
        "title": "Scale test: lifts for every building", "starts_at": starts_at,
        "items": [{"title": "Lifts for every building"}]})
    meeting_id = created["meeting"]["id"]
    for status in ("scheduled", "in_session"):
        moved = _api(server, "POST", f"/meetings/{meeting_id}/status", worker, {"status": status})
    return meeting_id, moved["state"]["agenda"]["current_item_id"]


def _all(pool, fn, items) -> list:
    return list(pool.map(fn, items))


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def test_every_ballot_counts_once_when_everyone_votes_at_once(server):
    started = time.perf_counter()
    worker = token_for(server.url, "worker")
    meeting_id, item_id = _meeting_in_session(server, worker)
    names = [f"resident{n:03d}" for n in range(1, VOTERS + 1)]
    residents = []
    try:
        with ThreadPoolExecutor(max_workers=32) as pool:
            residents = _all(pool, lambda name: Resident(server.url, name), names)
            signed_in = time.perf_counter()
            _all(pool, Resident.connect, residents)
            connected = time.perf_counter()
            checked_in = _all(pool, lambda r: r.call("attendance:check_in",
                                                     {"meeting_id": meeting_id}), residents)
            assert all(ack["ok"] for ack in checked_in), [a for a in checked_in if not a["ok"]]
            joined = _all(pool, lambda r: r.call("meeting:join", {"meeting_id": meeting_id}),
                          residents)
            assert all(ack["ok"] for ack in joined)
        ready = time.perf_counter()

        poll = _api(server, "POST", f"/meetings/{meeting_id}/polls", worker, {
            "item_id": item_id, "title": "Add outside lifts to every building?",
            "kind": "yes_no_abstain", "allow_change": False})
        opened = _api(server, "POST", f"/polls/{poll['id']}/open", worker)
        assert opened["turnout"]["entitled_count"] == VOTERS

        # Everyone at once, each ballot twice with the same key (a phone retrying).
        voting = time.perf_counter()
        ballots = [{"poll_id": poll["id"], "choice": CHOICES[n % len(CHOICES)],
                    "key": secrets.token_hex(8)} for n in range(VOTERS)]
        pairs = [(r.send("poll:vote", b), r.send("poll:vote", b))
                 for r, b in zip(residents, ballots, strict=True)]
        answers = [(first.result(TIMEOUT), again.result(TIMEOUT)) for first, again in pairs]
        voted = time.perf_counter()
        for (first, _), (again, _) in answers:
            assert first["ok"] is True and again["ok"] is True, (first, again)
            # One of the two stored the ballot; the other found it by its key.
            assert sorted([first["new"], again["new"]]) == [False, True], (first, again)
        # A different ballot afterwards, to a poll that refuses changes.
        for n in CHANGERS:
            other = "no" if ballots[n]["choice"] == "yes" else "yes"
            changed = residents[n].call("poll:vote", {**ballots[n], "choice": other,
                                                      "key": secrets.token_hex(8)})
            assert changed["ok"] is False and changed["error"]["code"] == "already_voted"

        expected = Counter(ballot["choice"] for ballot in ballots)
        counted = _api(server, "GET", f"/polls/{poll['id']}", worker)
        assert counted["turnout"]["count"] == VOTERS
        assert counted["turnout"]["weight"] == str(VOTERS)
        assert {choice: entry["count"] for choice, entry in counted["tally"].items()} == expected

        closing = time.perf_counter()
        closed = _api(server, "POST", f"/polls/{poll['id']}/close", worker)
        for resident in residents:
            assert resident.closed.wait(TIMEOUT), f"{resident.username} did not hear the close"
        heard = time.perf_counter()
        result = closed["result"]
        assert sum(entry["count"] for entry in result["tally"].values()) == VOTERS
        assert {choice: entry["count"] for choice, entry in result["tally"].items()} == expected
        assert closed["passed"] is True
        assert all(resident.result["result"] == result for resident in residents)
    finally:
        for resident in residents:
            resident.close()

    latencies = sorted(latency for pair in answers for _, latency in pair)
    print(f"\n{VOTERS} voters on {server.url}: sign-in {signed_in - started:.1f} s, "
          f"connect {connected - signed_in:.1f} s, check-in and join {ready - connected:.1f} s; "
          f"{2 * VOTERS} ballots (half of them retries) acked in {_ms(voted - voting)} ms "
          f"(ack p50 {_ms(statistics.median(latencies))} ms, "
          f"p99 {_ms(latencies[int(len(latencies) * 0.99) - 1])} ms); "
          f"close heard by all in {_ms(heard - closing)} ms; "
          f"whole test {time.perf_counter() - started:.1f} s")
