"""The meetings JSON API as a whole: every way in needs a token, and nothing a client
sends is a server error.
"""

import pytest

from tests.helpers.api import api_error

# --- every way in needs a token; nothing a client sends is a 500 ---------------------------

WRITES = [
    ("post", "/api/v1/councils/{council}/meetings"),
    ("patch", "/api/v1/meetings/{meeting}"),
    ("post", "/api/v1/meetings/{meeting}/status"),
    ("put", "/api/v1/meetings/{meeting}/minutes"),
    ("post", "/api/v1/meetings/{meeting}/agenda"),
    ("patch", "/api/v1/meetings/{meeting}/agenda/{item}"),
    ("delete", "/api/v1/meetings/{meeting}/agenda/{item}"),
    ("post", "/api/v1/meetings/{meeting}/agenda/order"),
    ("post", "/api/v1/meetings/{meeting}/agenda/advance"),
    ("post", "/api/v1/meetings/{meeting}/agenda/{item}/status"),
    ("post", "/api/v1/meetings/{meeting}/attendance"),
    ("delete", "/api/v1/meetings/{meeting}/attendance"),
    ("put", "/api/v1/meetings/{meeting}/attendance/{user}"),
    ("put", "/api/v1/meetings/{meeting}/proxy"),
    ("delete", "/api/v1/meetings/{meeting}/proxy"),
    ("post", "/api/v1/meetings/{meeting}/speakers"),
    ("delete", "/api/v1/meetings/{meeting}/speakers"),
    ("post", "/api/v1/meetings/{meeting}/speakers/next"),
    ("put", "/api/v1/meetings/{meeting}/speaking-time"),
]


def _url(template, meeting):
    return template.format(council=meeting.council_id, meeting=meeting.id,
                           item=meeting.items[0].id, user=meeting.council.test_members[1].id)


@pytest.mark.parametrize("method, template", WRITES)
def test_every_change_needs_a_token(client, make_meeting, broadcasts, method, template):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = getattr(client, method)(_url(template, meeting), json={})
    assert api_error(response, 401)["code"] == "unauthorized"
    assert broadcasts == []


@pytest.mark.parametrize("method, template", WRITES)
@pytest.mark.parametrize("body", [["a", "list"], "a string", {"title": "x" * 300_000},
                                  {"item_ids": [[1]], "status": {"a": 1}, "seconds": 10**40,
                                   "holder_id": -1, "present": [], "item_id": "1"}])
def test_no_body_a_client_sends_is_a_server_error(client, auth, make_meeting, method, template,
                                                  body):
    meeting = make_meeting("in_session")
    response = getattr(client, method)(_url(template, meeting),
                                       headers=auth(meeting.council.test_members[0]), json=body)
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.is_json


def test_the_openapi_document_describes_the_meeting_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for method, template in WRITES:
        path = template.format(council="{council_id}", meeting="{meeting_id}",
                               item="{item_id}", user="{user_id}")
        operation = paths[path][method]
        assert operation["security"] == [{"bearerAuth": []}], path
        assert "401" in operation["responses"] and "404" in operation["responses"], path
    assert {} in paths["/api/v1/meetings/{meeting_id}"]["get"]["security"]
    starts_at = spec["components"]["schemas"]["MeetingCreate"]["properties"]["starts_at"]
    assert starts_at["format"] == "date-time"
