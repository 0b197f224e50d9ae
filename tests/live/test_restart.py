"""A server restart loses nothing a client can see: the database is the truth."""

import threading

import pytest
import requests
import socketio

from tests.conftest import PASSWORD, LiveServer

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
