"""Live voting against a real `govhub run`, with real Socket.IO clients over websocket.

The server runs as a user starts it: ballots from the room are committed in
groups (ballot_batch_ms) and tallies are coalesced (tally_interval_ms). Each
test sets up its own meeting on council 1 (the chair and resident001…005)
through the JSON API as the demo's worker; clients wait for broadcasts with
threading.Event and a timeout, never with sleeps.
"""

from __future__ import annotations

import functools
import itertools
import threading
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
import requests
import socketio

from tests.helpers.api import token_for

pytestmark = pytest.mark.live

TIMEOUT = 10
COUNCIL_ID = 1
MEMBERS = ("chair", "resident001", "resident002", "resident003", "resident004", "resident005")
POLL_EVENTS = ("poll:opened", "poll:tally", "poll:closed")
_titles = itertools.count(1)


class Voter:
    """A python-socketio client on /live that records the poll broadcasts it hears."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token
        self.sio = socketio.Client(reconnection=False)
        self.lock = threading.Lock()
        self.heard: dict[str, list] = defaultdict(list)
        self.waiting: list[tuple[str, object, threading.Event, list]] = []
        for name in POLL_EVENTS:
            self.sio.on(name, functools.partial(self._arrived, name), namespace="/live")
        self.connect()

    def connect(self) -> None:
        self.sio.connect(self.url, namespaces=["/live"], transports=["websocket"],
                         auth={"token": self.token}, wait_timeout=TIMEOUT)

    def _arrived(self, name: str, payload) -> None:
        with self.lock:
            self.heard[name].append(payload)
            for event, predicate, arrived, box in self.waiting:
                if event == name and not arrived.is_set() and predicate(payload):
                    box.append(payload)
                    arrived.set()

    def expect(self, name: str, predicate):
        """Register before acting; returns wait() -> the first later broadcast that matches."""
        arrived, box = threading.Event(), []
        with self.lock:
            self.waiting.append((name, predicate, arrived, box))

        def wait(timeout: float = TIMEOUT):
            assert arrived.wait(timeout), f"{name} did not arrive"
            return box[0]

        return wait

    def of_poll(self, name: str, poll_id: int) -> list:
        with self.lock:
            return [p for p in self.heard[name] if p.get("poll_id", p.get("id")) == poll_id]

    def call(self, event: str, data=None):
        return self.sio.call(event, data, namespace="/live", timeout=TIMEOUT)

    def join(self, meeting_id: int) -> dict:
        ack = self.call("meeting:join", {"meeting_id": meeting_id})
        assert ack["ok"] is True, ack
        return ack

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture(scope="module")
def token(live_server):
    return functools.cache(functools.partial(token_for, live_server.url))


@pytest.fixture
def api(live_server, token):
    def send(method: str, path: str, username: str, json=None):
        return requests.request(method, f"{live_server.url}/api/v1{path}", json=json,
                                headers={"Authorization": f"Bearer {token(username)}"},
                                timeout=TIMEOUT)

    return send


@pytest.fixture
def connect(live_server, token):
    voters = []

    def make(username: str) -> Voter:
        voter = Voter(live_server.url, token(username))
        voters.append(voter)
        return voter

    yield make
    for voter in voters:
        voter.close()


@pytest.fixture
def hall(api, connect):
    """hall() -> (meeting_id, item_id, {username: Voter}): in session, everyone joined and in."""

    def make():
        starts_at = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
        created = api("POST", f"/councils/{COUNCIL_ID}/meetings", "worker", {
            "title": f"Live voting test {next(_titles)}", "starts_at": starts_at,
            "place": "Community hall", "items": [{"title": "Lifts for building 1"}]})
        assert created.status_code == 201, created.text
        meeting_id = created.json()["meeting"]["id"]
        for status in ("scheduled", "in_session"):
            moved = api("POST", f"/meetings/{meeting_id}/status", "worker", {"status": status})
            assert moved.status_code == 200, moved.text
        voters = {name: connect(name) for name in MEMBERS}
        for voter in voters.values():
            state = voter.join(meeting_id)["state"]
            ack = voter.call("attendance:check_in", {"meeting_id": meeting_id})
            assert ack["ok"] is True and ack["you"]["present"] is True, ack
        return meeting_id, state["agenda"]["current_item_id"], voters

    return make


def _prepare(api, meeting_id: int, item_id: int, **options) -> int:
    created = api("POST", f"/meetings/{meeting_id}/polls", "worker", {
        "item_id": item_id, "title": "Add an outside lift to building 1?",
        "kind": "yes_no_abstain", **options})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def _open(voters: dict, poll_id: int) -> None:
    """The chair opens the poll; every client sees poll:opened and the first (empty) tally."""
    opened = [v.expect("poll:opened", lambda p: p["id"] == poll_id) for v in voters.values()]
    empty = [v.expect("poll:tally", lambda p: p["poll_id"] == poll_id
                      and p["turnout"]["count"] == 0) for v in voters.values()]
    ack = voters["chair"].call("poll:open", {"poll_id": poll_id})
    assert ack["ok"] is True, ack
    for wait in opened:
        assert wait()["status"] == "open"
    for wait in empty:
        assert wait()["turnout"]["entitled_count"] == len(MEMBERS)


def _vote_at_once(voters: dict, poll_id: int, choices: dict) -> dict:
    """Every voter sends their ballot at the same moment; returns their acks by name."""
    start = threading.Barrier(len(choices))
    acks = {}

    def vote(name: str) -> None:
        start.wait(TIMEOUT)
        acks[name] = voters[name].call("poll:vote", {"poll_id": poll_id,
                                                     "choice": choices[name],
                                                     "key": uuid.uuid4().hex})

    threads = [threading.Thread(target=vote, args=(name,)) for name in choices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    return acks


def test_the_room_sees_a_poll_open_coalesced_tallies_and_the_result(hall, api):
    meeting_id, item_id, voters = hall()
    poll_id = _prepare(api, meeting_id, item_id)
    _open(voters, poll_id)
    choices = dict(zip(MEMBERS, ["yes", "yes", "yes", "yes", "no", "abstain"], strict=True))
    complete = [v.expect("poll:tally", lambda p: p["poll_id"] == poll_id
                         and p["turnout"]["count"] == len(MEMBERS)) for v in voters.values()]
    acks = _vote_at_once(voters, poll_id, choices)
    assert all(ack["ok"] is True and ack["new"] is True for ack in acks.values()), acks
    for wait in complete:
        final = wait()
        assert final["tally"]["yes"] == {"weight": "4", "count": 4}
        assert final["tally"]["no"]["count"] == final["tally"]["abstain"]["count"] == 1
    closed = [v.expect("poll:closed", lambda p: p["id"] == poll_id) for v in voters.values()]
    assert voters["chair"].call("poll:close", {"poll_id": poll_id})["ok"] is True
    results = [wait() for wait in closed]
    assert all(result == results[0] for result in results)
    result = results[0]["result"]
    assert results[0]["passed"] is True and result["outcome"]["passed"] is True
    assert sum(entry["count"] for entry in result["tally"].values()) == len(MEMBERS)
    for voter in voters.values():
        tallies = voter.of_poll("poll:tally", poll_id)
        # Six ballots within a few milliseconds: coalesced into fewer tallies than ballots.
        assert 2 <= len(tallies) < 1 + len(MEMBERS), len(tallies)
        assert tallies[-1]["turnout"]["count"] == len(MEMBERS)
        assert len(voter.of_poll("poll:closed", poll_id)) == 1
    [resolution] = api("GET", f"/meetings/{meeting_id}/resolutions", "resident001").json()
    assert resolution["poll_id"] == poll_id and resolution["tally"] == result


def test_a_voter_who_reconnects_mid_poll_sees_their_ballot_recorded(hall, api):
    meeting_id, item_id, voters = hall()
    poll_id = _prepare(api, meeting_id, item_id, allow_change=False)
    _open(voters, poll_id)
    phone = voters["resident003"]
    ballot = {"poll_id": poll_id, "choice": "no", "key": uuid.uuid4().hex}
    ack = phone.call("poll:vote", ballot)
    assert ack["ok"] is True and ack["new"] is True, ack
    phone.close()  # the phone drops its connection mid-poll ...
    counted = voters["chair"].expect("poll:tally", lambda p: p["poll_id"] == poll_id
                                     and p["turnout"]["count"] == 2)
    assert voters["resident001"].call("poll:vote", {"poll_id": poll_id, "choice": "yes",
                                                    "key": "r1"})["ok"] is True
    counted()
    phone.connect()  # ... and comes back: it re-joins and draws the room anew
    back = phone.join(meeting_id)
    mine = back["you"]["ballots"][str(poll_id)]
    assert mine["voted"] == [back["you"]["user_id"]] and mine["mine"] == ["no"]
    [poll] = [p for p in back["state"]["polls"] if p["id"] == poll_id]
    assert poll["status"] == "open" and poll["turnout"]["count"] == 2
    # Sending the ballot again after reconnecting (the app did not see the ack) counts once.
    again = phone.call("poll:vote", ballot)
    assert again["ok"] is True and again["new"] is False, again
    read = api("GET", f"/polls/{poll_id}", "resident003").json()
    assert read["turnout"]["count"] == 2 and read["you"]["mine"] == ["no"]
    assert voters["chair"].call("poll:close", {"poll_id": poll_id})["ok"] is True
