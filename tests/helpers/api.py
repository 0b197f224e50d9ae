"""Reading the JSON API's answers, in-process or from a real server."""

import requests

from tests.helpers import PASSWORD


def api_error(response, status: int) -> dict:
    """The error of a refused request, after checking its status and that it says why."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    error = response.get_json()["error"]
    assert isinstance(error["message"], str) and error["message"]
    return error


def api_ok(response, status: int = 200):
    """The JSON body of a successful request, after checking its status."""
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def bearer(token: str) -> dict:
    """The headers that carry an API token."""
    return {"Authorization": f"Bearer {token}"}


def sent(broadcasts, event: str, meeting) -> list:
    """The payloads of `event` the publisher sent to the meeting's room, in order."""
    return [payload for room, name, payload in broadcasts
            if name == event and room == f"meeting:{meeting.id}"]


def token_for(url: str, username: str, password: str = PASSWORD, timeout: float = 30) -> str:
    """A fresh API token from the real server at `url` (POST /api/v1/tokens)."""
    response = requests.post(f"{url}/api/v1/tokens", timeout=timeout, json={
        "username": username, "password": password, "name": "test client"})
    assert response.status_code == 201, response.text
    return response.json()["token"]
