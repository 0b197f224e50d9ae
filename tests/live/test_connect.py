"""A real python-socketio client against a real `govhub run`."""

import pytest
import requests
import socketio

from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD
from tests.helpers.api import token_for

pytestmark = pytest.mark.live


def test_a_client_with_a_token_connects_over_websocket(live_server):
    client = socketio.Client(reconnection=False)
    client.connect(live_server.url, namespaces=["/live"], transports=["websocket"],
                   auth={"token": token_for(live_server.url, "resident001")}, wait_timeout=10)
    try:
        assert client.connected and client.transport() == "websocket"
    finally:
        client.disconnect()


def test_a_client_without_a_token_is_refused_with_a_reason(live_server):
    client = socketio.Client(reconnection=False)
    reasons = []
    client.on("connect_error", reasons.append, namespace="/live")
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(live_server.url, namespaces=["/live"], transports=["websocket"],
                       wait_timeout=10)
    assert reasons and reasons[0]["data"]["code"] == "unauthorized"
    assert "Sign in" in reasons[0]["message"]


def test_a_client_with_a_bad_token_is_refused(live_server):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(live_server.url, namespaces=["/live"], transports=["websocket"],
                       auth={"token": "gh_forged"}, wait_timeout=10)


def test_the_browser_session_cookie_connects(live_server):
    http = requests.Session()
    page = http.get(f"{live_server.url}/login", timeout=10).text
    http.post(f"{live_server.url}/login", data={"csrf_token": csrf_token_from(page),
                                                 "username": "chair", "password": PASSWORD},
              timeout=10)
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    client = socketio.Client(reconnection=False)
    client.connect(live_server.url, namespaces=["/live"], transports=["websocket"],
                   headers={"Cookie": cookie}, wait_timeout=10)
    try:
        assert client.connected
    finally:
        client.disconnect()


def test_a_page_from_another_origin_cannot_connect(live_server):
    handshake = f"{live_server.url}/socket.io/?EIO=4&transport=polling"
    same = requests.get(handshake, headers={"Origin": live_server.url}, timeout=10)
    other = requests.get(handshake, headers={"Origin": "http://elsewhere.example"}, timeout=10)
    assert same.status_code == 200
    assert other.status_code == 400
