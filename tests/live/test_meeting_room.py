"""The live meeting room against a real `govhub run`, with several real Socket.IO clients.

Each test sets up its own meeting through the JSON API as the demo's
worker (on council 1, the residents' meeting: the chair and
resident001…005), so no test depends on another. Clients wait for
broadcasts with threading.Event and a timeout, never with sleeps.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
import requests
import socketio

from tests.helpers.api import token_for

pytestmark = pytest.mark.live

TIMEOUT = 10
COUNCIL_ID = 1
ROOM_EVENTS = ("meeting:state", "attendance:update", "agenda:update", "speakers:update")
_titles = itertools.count(1)


class Expectation:
    """A broadcast some client is waiting for: set when one that matches arrives."""

    def __init__(self, predicate):
        self.predicate = predicate
        self.arrived = threading.Event()
        self.payload = None

    def result(self, timeout: float = TIMEOUT):
        assert self.arrived.wait(timeout), "the broadcast did not arrive"
        return self.payload


class LiveClient:
    """A python-socketio client on /live that records what the room sends it."""

    def __init__(self, url: str, token: str):
        self.sio = socketio.Client(reconnection=False)
        self.lock = threading.Lock()
        self.history: dict[str, list] = defaultdict(list)
        self.expected: dict[str, list[Expectation]] = defaultdict(list)
        for name in ROOM_EVENTS:
            self.sio.on(name, functools.partial(self._arrived, name), namespace="/live")
        self.sio.connect(url, namespaces=["/live"], transports=["websocket"],
                         auth={"token": token}, wait_timeout=TIMEOUT)

    def _arrived(self, name: str, payload) -> None:
        with self.lock:
            self.history[name].append(payload)
            for expectation in self.expected[name]:
                if not expectation.arrived.is_set() and expectation.predicate(payload):
                    expectation.payload = payload
                    expectation.arrived.set()

    def expect(self, name: str, predicate=lambda payload: True) -> Expectation:
        """Register before acting; the expectation is met by a later broadcast only."""
        expectation = Expectation(predicate)
        with self.lock:
            self.expected[name].append(expectation)
        return expectation

    def received(self, name: str, meeting_id: int) -> list:
        with self.lock:
            return [p for p in self.history[name] if p.get("meeting_id") == meeting_id]

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
    """token(username) -> an API token, one per user for this module (sign-ins are limited)."""
    return functools.cache(functools.partial(token_for, live_server.url))


@pytest.fixture
def api(live_server, token):
    """api(method, path, username, json=None) -> the response, as that user."""

    def send(method: str, path: str, username: str, json=None):
        return requests.request(method, f"{live_server.url}/api/v1{path}", json=json,
                                headers={"Authorization": f"Bearer {token(username)}"},
                                timeout=TIMEOUT)

    return send


@pytest.fixture
def open_meeting(api):
    """open_meeting(is_public=False) -> the id of a new meeting in session on council 1."""

    def make(is_public: bool = False) -> int:
        starts_at = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
        created = api("POST", f"/councils/{COUNCIL_ID}/meetings", "worker", {
            "title": f"Live test meeting {next(_titles)}", "starts_at": starts_at,
            "place": "Community hall", "is_public": is_public,
            "items": [{"title": "Lifts for building 1"}, {"title": "Sharing the costs"},
                      {"title": "Access during the works"}]})
        assert created.status_code == 201, created.text
        meeting_id = created.json()["meeting"]["id"]
        for status in ("scheduled", "in_session"):
            moved = api("POST", f"/meetings/{meeting_id}/status", "worker", {"status": status})
            assert moved.status_code == 200, moved.text
        return meeting_id

    return make


@pytest.fixture
def connect(live_server, token):
    """connect(username) -> a connected LiveClient; all are closed after the test."""
    clients = []

    def make(username: str) -> LiveClient:
        client = LiveClient(live_server.url, token(username))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_the_chair_and_two_residents_join_and_receive_the_snapshot(open_meeting, connect):
    meeting_id = open_meeting()
    acks = {name: connect(name).join(meeting_id)
            for name in ("chair", "resident001", "resident002")}
    for name, ack in acks.items():
        state = ack["state"]
        assert state["meeting"]["id"] == meeting_id
        assert state["meeting"]["status"] == "in_session"
        assert state["agenda"]["current_item_id"] == state["agenda"]["items"][0]["id"]
        assert state["attendance"]["present_count"] == 0
        assert ack["you"]["member"] is True
        assert ack["you"]["can_chair"] is (name == "chair")
    assert len({repr(ack["state"]["agenda"]) for ack in acks.values()}) == 1


def test_a_check_in_changes_the_quorum_every_client_sees(open_meeting, connect, api):
    meeting_id = open_meeting()
    clients = [connect(name) for name in ("chair", "resident001", "resident002")]
    start = [client.join(meeting_id) for client in clients][0]["state"]["attendance"]
    assert start["quorum"]["met"] is False
    needed = int(start["quorum"]["needed_weight"])  # every demo member holds one vote
    arriving = ["chair", "resident001", "resident002", "resident003", "resident004",
                "resident005"][:needed]
    for count, username in enumerate(arriving, start=1):
        waiting = [client.expect("attendance:update",
                                 lambda p, n=count: p["meeting_id"] == meeting_id
                                 and p["present_count"] == n) for client in clients]
        if username in ("chair", "resident001", "resident002"):
            by_name = dict(zip(("chair", "resident001", "resident002"), clients, strict=True))
            ack = by_name[username].call("attendance:check_in", {"meeting_id": meeting_id})
            assert ack["ok"] is True and ack["you"]["present"] is True, ack
        else:  # the others check in over the JSON API; the room hears it all the same
            assert api("POST", f"/meetings/{meeting_id}/attendance", username).status_code == 200
        seen = [expectation.result() for expectation in waiting]
        assert all(update == seen[0] for update in seen)
        assert seen[0]["quorum"]["met"] is (count == needed)


def test_arrivals_at_once_reach_the_room_coalesced_with_every_change(open_meeting, connect):
    """Six check-ins in a burst: fewer summaries than arrivals, but every arrival listed."""
    meeting_id = open_meeting()
    names = ("chair", "resident001", "resident002", "resident003", "resident004", "resident005")
    clients = {name: connect(name) for name in names}
    ids = {name: client.join(meeting_id)["you"]["user_id"] for name, client in clients.items()}
    watcher = clients["chair"]
    everyone_here = watcher.expect("attendance:update", lambda p: p["meeting_id"] == meeting_id
                                   and p["present_count"] == len(names))
    threads = [threading.Thread(target=client.call, args=("attendance:check_in",
                                                          {"meeting_id": meeting_id}))
               for client in clients.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everyone_here.result()
    updates = watcher.received("attendance:update", meeting_id)
    arrivals = [change["user_id"] for update in updates for change in update["changes"]
                if change["present"]]
    assert sorted(arrivals) == sorted(ids.values())  # each arrival once, none lost
    assert len(updates) < len(names)  # coalesced (the server spaces them a second apart)
    assert all(update["changed"] == update["changes"][-1] for update in updates)


def test_speaker_requests_and_next_reach_everyone_in_order(open_meeting, connect):
    meeting_id = open_meeting()
    chair, first, second = (connect(name) for name in ("chair", "resident001", "resident002"))
    ids = {}
    for name, client in (("chair", chair), ("first", first), ("second", second)):
        ids[name] = client.join(meeting_id)["you"]["user_id"]
        assert client.call("attendance:check_in", {"meeting_id": meeting_id})["ok"] is True
    clients = (chair, first, second)
    floor_given = [client.expect("speakers:update",
                                 lambda p: p["meeting_id"] == meeting_id and p["current"]
                                 and p["current"]["user_id"] == ids["first"])
                   for client in clients]
    assert first.call("speakers:request", {"meeting_id": meeting_id})["entry_id"]
    assert second.call("speakers:request", {"meeting_id": meeting_id})["entry_id"]
    ack = chair.call("speakers:next", {"meeting_id": meeting_id})
    assert ack["ok"] is True and ack["entry_id"]
    for client, expectation in zip(clients, floor_given, strict=True):
        final = expectation.result()
        assert [s["user_id"] for s in final["queue"]] == [ids["second"]]
        assert final["current"]["seconds"] > 0
        queues = [[s["user_id"] for s in update["queue"]]
                  for update in client.received("speakers:update", meeting_id)]
        assert queues == [[ids["first"]], [ids["first"], ids["second"]], [ids["second"]]]


def test_a_client_that_reconnects_gets_the_current_snapshot(open_meeting, connect, api,
                                                            live_server, token):
    meeting_id = open_meeting()
    chair, leaver = connect("chair"), connect("resident001")
    chair.join(meeting_id)
    before = leaver.join(meeting_id)["state"]
    leaver.close()
    advanced = chair.expect("agenda:update", lambda p: p["meeting_id"] == meeting_id)
    assert api("POST", f"/meetings/{meeting_id}/attendance", "resident002").status_code == 200
    assert chair.call("agenda:advance", {"meeting_id": meeting_id})["ok"] is True
    advanced.result()
    back = connect("resident001").join(meeting_id)["state"]
    assert back["attendance"]["present_count"] == before["attendance"]["present_count"] + 1
    assert back["agenda"]["current_item_id"] == before["agenda"]["items"][1]["id"]
    assert [i["status"] for i in back["agenda"]["items"]] == ["done", "current", "pending"]
    read = api("GET", f"/meetings/{meeting_id}", "resident001").json()["state"]
    assert read["agenda"] == back["agenda"] and read["attendance"] == back["attendance"]


def test_a_non_member_is_refused_from_a_private_meeting(open_meeting, connect):
    meeting_id = open_meeting(is_public=False)
    partner, member = connect("partner"), connect("resident001")
    member.join(meeting_id)
    refused = partner.call("meeting:join", {"meeting_id": meeting_id})
    assert refused["ok"] is False and refused["error"]["code"] == "unknown_meeting"
    assert partner.call("meeting:join", {"meeting_id": 10**9}) == refused
    check_in = partner.call("attendance:check_in", {"meeting_id": meeting_id})
    assert check_in["ok"] is False
    heard = member.expect("attendance:update", lambda p: p["meeting_id"] == meeting_id)
    assert member.call("attendance:check_in", {"meeting_id": meeting_id})["ok"] is True
    heard.result()
    # Acks and broadcasts share one ordered connection: after this round trip,
    # anything sent to the partner before it has arrived.
    assert partner.call("meeting:join", {"meeting_id": 10**9})["ok"] is False
    assert partner.received("attendance:update", meeting_id) == []


BAD_PAYLOADS = [
    ("meeting:join", None, "unknown_meeting"),
    ("meeting:join", {}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": "MEETING_AS_TEXT"}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": 10**30}, "unknown_meeting"),
    ("meeting:join", [1, 2, 3], "bad_payload"),
    ("meeting:join", "meeting:1", "bad_payload"),
    ("attendance:check_in", {"meeting_id": "x" * 100_000}, "unknown_meeting"),
    ("agenda:advance", {"meeting_id": "MEETING", "item_id": 10**9}, "unknown_item"),
    ("speakers:next", {"meeting_id": "MEETING"}, "forbidden"),
    ("speakers:request", {"meeting_id": "MEETING", "note": "x" * 100_000}, "not_present"),
    ("attendance:proxy", {"meeting_id": "MEETING", "holder_id": [1]}, "unknown_user"),
]


def _with_meeting(data, meeting_id):
    if not isinstance(data, dict):
        return data
    replaced = {"MEETING": meeting_id, "MEETING_AS_TEXT": str(meeting_id)}
    return {key: replaced.get(value, value) if isinstance(value, str) else value
            for key, value in data.items()}


def test_malformed_payloads_are_answered_and_the_connection_survives(open_meeting, connect,
                                                                     api):
    meeting_id = open_meeting()
    resident = connect("resident001")
    for event, data, code in BAD_PAYLOADS:
        ack = resident.call(event, _with_meeting(data, meeting_id))
        assert ack["ok"] is False, (event, ack)
        assert ack["error"]["code"] == code, (event, ack)
        assert ack["error"]["message"]
        assert resident.sio.connected
    adjourned = open_meeting()
    assert api("POST", f"/meetings/{adjourned}/status", "chair",
               {"status": "adjourned"}).status_code == 200
    late = resident.call("attendance:check_in", {"meeting_id": adjourned})
    assert late["ok"] is False and late["error"]["code"] == "not_in_session"
    state = resident.join(meeting_id)["state"]
    assert state["attendance"]["present_count"] == 0
    assert state["agenda"]["current_item_id"] == state["agenda"]["items"][0]["id"]
    assert resident.call("attendance:check_in", {"meeting_id": meeting_id})["ok"] is True
