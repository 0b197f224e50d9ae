"""From registration to a vote, against a real `govhub run` with real Socket.IO clients.

A resident registers through the form, the demo's worker confirms them on the accounts page
(whose row offers the residents' meeting, council 1, as the seat), the resident hears it
live in their language, then checks in to a meeting in session and votes in a poll the
chair opens. Afterwards the worker unseats them, so that the shared server's council is as
the other tests expect it.
"""

from __future__ import annotations

import itertools
import re
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
import socketio

from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD
from tests.helpers.api import token_for

pytestmark = pytest.mark.live

TIMEOUT = 10
RESIDENTS_MEETING = 1  # the demo's first council: 幸福里社区居民会议
_serial = itertools.count(1)


def _api(server, token: str, method: str, path: str, json=None):
    return requests.request(method, f"{server.url}/api/v1{path}", json=json, timeout=TIMEOUT,
                            headers={"Authorization": f"Bearer {token}"})


def _register(server, username: str) -> requests.Session:
    browser = requests.Session()
    page = browser.get(f"{server.url}/register", timeout=TIMEOUT).text
    community = re.search(r'<option value="(\d+)"', page).group(1)
    response = browser.post(f"{server.url}/register", timeout=TIMEOUT, data={
        "csrf_token": csrf_token_from(page), "community": community, "username": username,
        "display_name": "新居民", "password": "a fresh resident's password",
        "confirm": "a fresh resident's password"})
    assert response.status_code == 200 and "/register" not in response.url, response.url
    return browser


def _confirm_as_the_page_offers(server, username: str) -> str:
    """The worker confirms the resident with the row's own choice; returns what it was."""
    worker = requests.Session()
    login = worker.get(f"{server.url}/login", timeout=TIMEOUT).text
    worker.post(f"{server.url}/login", timeout=TIMEOUT, data={
        "csrf_token": csrf_token_from(login), "username": "worker", "password": PASSWORD})
    page = worker.get(f"{server.url}/users/?pending=1", timeout=TIMEOUT).text
    row = page[page.index(f"@{username}"):]
    action = re.search(r'action="(/users/\d+/confirm)"', row).group(1)
    form = row[:row.index("</form>")]
    chosen = re.search(r'<option value="(\d+)" selected>', form).group(1)
    done = worker.post(server.url + action, timeout=TIMEOUT, data={
        "csrf_token": csrf_token_from(form), "council_id": chosen})
    assert "is confirmed and now sits on" in done.text or "已确认，并已加入" in done.text
    return chosen


class Phone:
    """A resident's socket: records the notifications it hears."""

    def __init__(self, server, token: str):
        self.sio = socketio.Client(reconnection=False)
        self.notified, self.heard = threading.Event(), []
        self.sio.on("notification", self._notified, namespace="/live")
        self.sio.connect(server.url, namespaces=["/live"], transports=["websocket"],
                         auth={"token": token}, wait_timeout=TIMEOUT)

    def _notified(self, payload) -> None:
        self.heard.append(payload)
        self.notified.set()

    def call(self, event: str, data):
        return self.sio.call(event, data, namespace="/live", timeout=TIMEOUT)


def test_a_registered_resident_is_confirmed_seated_told_and_votes(live_server):
    server = live_server
    username = f"newcomer{next(_serial)}{uuid.uuid4().hex[:6]}"
    _register(server, username)
    phone = Phone(server, token_for(server.url, username, "a fresh resident's password"))
    worker, chair = token_for(server.url, "worker"), token_for(server.url, "chair")
    meeting = _api(server, worker, "POST", f"/councils/{RESIDENTS_MEETING}/meetings", {
        "title": "新居民的第一次表决", "place": "社区活动室", "items": [{"title": "议题一"}],
        "starts_at": (datetime.now(UTC) + timedelta(minutes=5)).isoformat()}).json()["meeting"]
    for status in ("scheduled", "in_session"):
        assert _api(server, worker, "POST", f"/meetings/{meeting['id']}/status",
                    {"status": status}).status_code == 200
    joined = phone.call("meeting:join", {"meeting_id": meeting["id"]})
    assert joined["you"]["member"] is False
    refused = phone.call("attendance:check_in", {"meeting_id": meeting["id"]})
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"

    chair_phone = None
    try:
        assert _confirm_as_the_page_offers(server, username) == str(RESIDENTS_MEETING)
        assert phone.notified.wait(TIMEOUT), "the resident was not told"
        told = phone.heard[0]
        assert told["kind"] == "users.confirmed_seated"
        assert "幸福里社区居民会议" in told["text"] and "表决" in told["text"]  # their language
        assert told["link"] == f"/councils/{RESIDENTS_MEETING}"

        checked_in = phone.call("attendance:check_in", {"meeting_id": meeting["id"]})
        assert checked_in["ok"] is True and checked_in["you"]["present"] is True, checked_in
        chair_phone = Phone(server, chair)
        assert chair_phone.call("meeting:join", {"meeting_id": meeting["id"]})["ok"] is True
        assert chair_phone.call("attendance:check_in", {"meeting_id": meeting["id"]})["ok"]
        poll = _api(server, worker, "POST", f"/meetings/{meeting['id']}/polls", {
            "item_id": joined["state"]["agenda"]["current_item_id"], "title": "是否同意？",
            "kind": "yes_no_abstain"}).json()
        assert chair_phone.call("poll:open", {"poll_id": poll["id"]})["ok"] is True
        voted = phone.call("poll:vote", {"poll_id": poll["id"], "choice": "yes",
                                         "key": uuid.uuid4().hex})
        assert voted["ok"] is True and voted["new"] is True, voted
    finally:
        for connected in (phone, chair_phone):
            if connected is not None:
                connected.sio.disconnect()
        members = _api(server, worker, "GET", f"/councils/{RESIDENTS_MEETING}").json()["members"]
        for member in members:
            if member["username"] == username:
                _api(server, worker, "DELETE",
                     f"/councils/{RESIDENTS_MEETING}/members/{member['id']}")
        _api(server, worker, "POST", f"/meetings/{meeting['id']}/status",
             {"status": "adjourned"})
