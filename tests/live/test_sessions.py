"""Ending a sign-in ends the live connections it opened, against a real `govhub run`.

The server sweeps about once a second (realtime/expiry.py); the tests wait
for the disconnect with a threading.Event and a generous timeout (the
machine may be busy), never with sleeps.
"""

from __future__ import annotations

import threading

import pytest
import requests
import socketio

from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD
from tests.helpers.api import token_for
from tests.helpers.servers import LiveServer

pytestmark = pytest.mark.live

TIMEOUT = 10  # seconds; the sweep runs every second, so this is a wide margin


def _browser(url: str, username: str) -> requests.Session:
    http = requests.Session()
    page = http.get(f"{url}/login", timeout=10).text
    signed_in = http.post(f"{url}/login", allow_redirects=False, timeout=10, data={
        "csrf_token": csrf_token_from(page), "username": username, "password": PASSWORD})
    assert signed_in.status_code == 302
    return http


def _cookie(http: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def _post(url: str, http: requests.Session, path: str) -> requests.Response:
    page = http.get(f"{url}/account", timeout=10).text
    return http.post(f"{url}{path}", data={"csrf_token": csrf_token_from(page)},
                     allow_redirects=False, timeout=10)


class Live:
    """A python-socketio client on /live that notes when the server disconnects it."""

    def __init__(self, url: str, token: str | None = None, cookie: str | None = None):
        self.sio = socketio.Client(reconnection=False)
        self.ended = threading.Event()
        self.sio.on("disconnect", lambda *reason: self.ended.set(), namespace="/live")
        self.sio.connect(url, namespaces=["/live"], transports=["websocket"], wait_timeout=10,
                         auth={"token": token} if token else None,
                         headers={"Cookie": cookie} if cookie else {})

    def answers(self) -> bool:
        """Whether an event is still answered as from a signed-in user."""
        ack = self.sio.call("meeting:join", {"meeting_id": 999_999}, namespace="/live",
                            timeout=10)
        return ack["error"]["code"] == "unknown_meeting"

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


def _refused(url: str, cookie: str) -> bool:
    try:
        Live(url, cookie=cookie).close()
    except socketio.exceptions.ConnectionError:
        return True
    return False


def test_revoking_a_token_disconnects_its_socket_promptly(live_server):
    url = live_server.url
    revoked, kept = token_for(url, "resident001"), token_for(url, "resident001")
    phone, other = Live(url, token=revoked), Live(url, token=kept)
    try:
        assert phone.answers()
        gone = requests.delete(f"{url}/api/v1/tokens/current",
                               headers={"Authorization": f"Bearer {revoked}"}, timeout=10)
        assert gone.status_code == 204
        assert phone.ended.wait(TIMEOUT), "the revoked token's socket is still open"
        assert other.answers() and not other.ended.is_set()
    finally:
        phone.close()
        other.close()


def test_signing_out_closes_the_browsers_socket_and_its_copied_cookie_opens_nothing(live_server):
    url = live_server.url
    http = _browser(url, "resident002")
    copied = _cookie(http)
    room = Live(url, cookie=copied)
    try:
        assert room.answers()
        assert _post(url, http, "/logout").status_code == 302
        assert room.ended.wait(TIMEOUT), "the signed-out browser's socket is still open"
    finally:
        room.close()
    account = requests.get(f"{url}/account", headers={"Cookie": copied}, allow_redirects=False,
                           timeout=10)
    assert account.status_code == 302 and "/login" in account.headers["Location"]
    assert _refused(url, copied)


def test_sign_out_everywhere_ends_another_browsers_session_and_socket(live_server):
    url = live_server.url
    phone, computer = _browser(url, "resident003"), _browser(url, "resident003")
    room = Live(url, cookie=_cookie(phone))
    try:
        assert _post(url, computer, "/account/sign-out-everywhere").status_code == 302
        assert room.ended.wait(TIMEOUT), "the other browser's socket is still open"
    finally:
        room.close()
    assert phone.get(f"{url}/account", allow_redirects=False, timeout=10).status_code == 302


def test_a_token_revoked_through_one_process_ends_its_socket_on_another(tmp_path):
    """Two server processes on one database: the revoke is committed by the first, and the
    second, which holds the socket, finds it in the database and disconnects it."""
    first = LiveServer(tmp_path)
    try:
        second = LiveServer(tmp_path)
        try:
            token = token_for(first.url, "resident004")
            phone = Live(second.url, token=token)
            try:
                gone = requests.delete(f"{first.url}/api/v1/tokens/current",
                                       headers={"Authorization": f"Bearer {token}"}, timeout=10)
                assert gone.status_code == 204
                assert phone.ended.wait(TIMEOUT), "the other process kept the socket open"
            finally:
                phone.close()
        finally:
            second.stop()
    finally:
        first.stop()
