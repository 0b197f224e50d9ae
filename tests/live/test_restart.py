"""A server restart loses nothing a client can see: the database is the truth."""

import threading

import pytest
import requests
import socketio

from tests.helpers import PASSWORD
from tests.helpers.servers import LiveServer

pytestmark = pytest.mark.live


def _in_session_meeting(server) -> int:
    council = requests.get(f"{server.url}/api/v1/councils/1/meetings", timeout=10).json()
    return next(m["id"] for m in council if m["status"] == "in_session")


def test_a_client_rejoins_after_a_restart_and_sees_its_check_in(tmp_path):
    server = LiveServer(tmp_path)
    try:
        meeting_id = _in_session_meeting(server)
        token = requests.post(f"{server.url}/api/v1/tokens", timeout=10, json={
            "username": "resident005", "password": PASSWORD}).json()["token"]
        client = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                 reconnection_delay_max=0.5)
        reconnected = threading.Event()
        connects = []

        @client.on("connect", namespace="/live")
        def on_connect():
            connects.append(1)
            if len(connects) > 1:
                reconnected.set()

        client.connect(server.url, namespaces=["/live"], transports=["websocket"],
                       auth={"token": token}, wait_timeout=10)
        joined = client.call("meeting:join", {"meeting_id": meeting_id}, namespace="/live",
                             timeout=10)
        present_before = joined["state"]["attendance"]["present_count"]
        ack = client.call("attendance:check_in", {"meeting_id": meeting_id}, namespace="/live",
                          timeout=10)
        assert ack["ok"] and ack["you"]["present"]

        server.stop()
        server = LiveServer(tmp_path, port=server.port)  # same database, same address
        assert reconnected.wait(30), "the client did not reconnect"

        again = client.call("meeting:join", {"meeting_id": meeting_id}, namespace="/live",
                            timeout=10)
        assert again["ok"] and again["you"]["present"]
        assert again["state"]["attendance"]["present_count"] == present_before + 1
        client.disconnect()
    finally:
        server.stop()


def test_a_poll_whose_timer_ran_out_while_the_server_was_down_is_closed_at_start_up(tmp_path):
    import time
    from datetime import UTC, datetime

    server = LiveServer(tmp_path)
    client = None
    try:
        meeting_id = _in_session_meeting(server)
        tokens = {name: requests.post(f"{server.url}/api/v1/tokens", timeout=10, json={
            "username": name, "password": PASSWORD}).json()["token"]
            for name in ("worker", "resident001")}

        def api(method: str, path: str, json=None):
            return requests.request(method, f"{server.url}/api/v1{path}", json=json, timeout=10,
                                    headers={"Authorization": f"Bearer {tokens['worker']}"})

        client = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                 reconnection_delay_max=0.5)
        closed_heard, connects, reconnected = [], [], threading.Event()
        client.on("poll:closed", closed_heard.append, namespace="/live")

        @client.on("connect", namespace="/live")
        def on_connect():
            connects.append(1)
            if len(connects) > 1:
                reconnected.set()

        client.connect(server.url, namespaces=["/live"], transports=["websocket"],
                       auth={"token": tokens["resident001"]}, wait_timeout=10)
        joined = client.call("meeting:join", {"meeting_id": meeting_id}, namespace="/live",
                             timeout=10)
        item_id = joined["state"]["agenda"]["current_item_id"]
        created = api("POST", f"/meetings/{meeting_id}/polls", {
            "item_id": item_id, "title": "Repaint the stairwells?", "kind": "yes_no_abstain"})
        assert created.status_code == 201, created.text
        poll_id = created.json()["id"]
        opened = api("POST", f"/polls/{poll_id}/open", {"closes_in_seconds": 10})
        assert opened.status_code == 200, opened.text
        closes_at = datetime.fromisoformat(opened.json()["closes_at"])

        server.process.kill()  # no clean shutdown: the timer is only in the database
        server.process.wait(10)
        # The scenario itself, not a wait for luck: the server is down past the deadline.
        time.sleep(max(0.0, (closes_at - datetime.now(UTC)).total_seconds()) + 1)
        server = LiveServer(tmp_path, port=server.port)

        # The first answer the new server gives already has the poll closed, at its time.
        poll = api("GET", f"/polls/{poll_id}").json()
        assert poll["status"] == "closed"
        assert datetime.fromisoformat(poll["closed_at"]) == closes_at
        assert poll["result"] is not None

        assert reconnected.wait(30), "the client did not reconnect"
        again = client.call("meeting:join", {"meeting_id": meeting_id}, namespace="/live",
                            timeout=10)
        [shown] = [p for p in again["state"]["polls"] if p["id"] == poll_id]
        assert shown["status"] == "closed" and shown["result"] is not None
        assert closed_heard == []  # the close happened before this client was back
    finally:
        if client is not None:
            client.disconnect()
        server.stop()
