"""Polls over the JSON API: prepare, open, vote, close and read the resolutions.

The same services and permissions as the live room; each change also
reaches the meeting's room after the commit, as `poll:*` broadcasts.
"""

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.voting import ballots, services
from govhub.voting.models import Poll, PollStatus
from tests.helpers.api import api_error, sent
from tests.helpers.records import organiser_of, stored_ballots

POLL = {"title": "电梯外挂还是内嵌？", "kind": "single", "options": ["外挂式", "内嵌式"]}


# --- preparing ---------------------------------------------------------------------------

def test_the_chair_prepares_a_poll_on_an_item(client, auth, room, broadcasts):
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{room.id}/polls",
                           headers=auth(room.council.test_members[0]),
                           json={**POLL, "item_id": room.items[1].id, "secret": True})
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == "draft" and body["kind"] == "single" and body["secret"] is True
    assert body["allow_change"] is False  # a secret ballot cannot be found again to change
    assert [o["label"] for o in body["options"]] == ["外挂式", "内嵌式"]
    assert body["agenda_item_id"] == room.items[1].id and body["rule_set"] == "organic_law"
    [agenda] = sent(broadcasts, "agenda:update", room)
    assert agenda["polls"] == []  # a draft is for those who prepare polls
    chair_room = [payload for to, event, payload in broadcasts
                  if to == f"meeting:{room.id}:chair" and event == "agenda:update"]
    assert chair_room[-1]["polls"][0]["id"] == body["id"]


def test_a_worker_prepares_a_multiple_choice_poll_with_limits(client, auth, room):
    response = client.post(f"/api/v1/meetings/{room.id}/polls", headers=auth(organiser_of(room)),
                           json={"item_id": room.current_item.id, "title": "选出两处充电桩位置",
                                 "kind": "multiple", "options": ["东门", "西门", "北门", "南门"],
                                 "min_choices": 1, "max_choices": 2, "rule_set": "two_thirds"})
    body = response.get_json()
    assert response.status_code == 201
    assert (body["min_choices"], body["max_choices"], body["rule_set"]) == (1, 2, "two_thirds")


def test_a_resident_cannot_prepare_a_poll(client, auth, room):
    response = client.post(f"/api/v1/meetings/{room.id}/polls",
                           headers=auth(room.council.test_members[1]),
                           json={**POLL, "item_id": room.current_item.id})
    assert api_error(response, 403)["code"] == "forbidden"
    assert db.session.scalar(sa.select(sa.func.count(Poll.id))) == 0


def test_a_poll_on_an_item_of_another_meeting_is_refused(client, auth, room, make_meeting):
    other = make_meeting("in_session", council=room.council)
    response = client.post(f"/api/v1/meetings/{room.id}/polls", headers=auth(organiser_of(room)),
                           json={**POLL, "item_id": other.items[0].id})
    error = api_error(response, 400)
    assert (error["code"], error["field"]) == ("unknown_item", "item_id")


def test_a_poll_in_a_hidden_meeting_cannot_be_prepared(client, auth, make_meeting, make_user):
    meeting = make_meeting("in_session", is_public=False)
    response = client.post(f"/api/v1/meetings/{meeting.id}/polls", headers=auth(make_user()),
                           json={**POLL, "item_id": meeting.items[0].id})
    assert api_error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize("change, field", [
    ({"kind": "approval"}, "kind"),
    ({"title": ""}, "title"),
    ({"title": "议" * 301}, "title"),
    ({"item_id": "1"}, "item_id"),
    ({"item_id": True}, "item_id"),
    ({"options": "外挂式,内嵌式"}, "options"),
    ({"options": ["x"] * 21}, "options"),
    ({"options": [{"label": "x"}]}, "options"),
    ({"secret": "yes"}, "secret"),
    ({"min_choices": 0}, "min_choices"),
    ({"max_choices": 10**40}, "max_choices"),
    ({"rule_set": "unanimity"}, "rule_set"),
    ({"colour": "red"}, "colour"),
])
def test_a_bad_poll_body_names_the_field(client, auth, room, change, field):
    response = client.post(f"/api/v1/meetings/{room.id}/polls", headers=auth(organiser_of(room)),
                           json={**POLL, "item_id": room.current_item.id, **change})
    error = api_error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]


@pytest.mark.parametrize("change, code", [
    ({"options": ["只有一个"]}, "invalid_options"),
    ({"options": ["同一个", "同一个"]}, "invalid_options"),
    ({"kind": "multiple", "min_choices": 2, "max_choices": 1}, "invalid_limits"),
    ({"kind": "multiple", "max_choices": 3}, "invalid_limits"),
])
def test_a_poll_the_rules_refuse_is_400_with_the_field(client, auth, room, change, code):
    response = client.post(f"/api/v1/meetings/{room.id}/polls", headers=auth(organiser_of(room)),
                           json={**POLL, "item_id": room.current_item.id, **change})
    assert api_error(response, 400)["code"] == code


# --- reading -----------------------------------------------------------------------------

def test_anyone_reads_a_poll_of_a_public_meeting(client, make_poll):
    poll = make_poll()
    response = client.get(f"/api/v1/polls/{poll.id}")
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "open" and body["you"] is None
    assert body["turnout"] == {"count": 0, "weight": "0", "entitled_count": 3,
                               "entitled_weight": "3"}
    assert body["tally"]["yes"] == {"weight": "0", "count": 0}


def test_a_member_reads_their_own_ballot_in_the_poll(client, auth, room, make_poll):
    poll = make_poll()
    member = room.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "no"})
    db.session.commit()
    body = client.get(f"/api/v1/polls/{poll.id}", headers=auth(member)).get_json()
    you = body["you"]
    assert (you["members"], you["voted"], you["mine"]) == ([member.id], [member.id], ["no"])
    assert body["turnout"]["count"] == 1


def test_a_poll_of_a_private_meeting_is_404_to_outsiders_like_an_unknown_one(
        client, auth, make_meeting, make_user):
    meeting = make_meeting("in_session", is_public=False)
    poll = services.create_poll(organiser_of(meeting), meeting, meeting.current_item, "Q",
                                "yes_no_abstain")
    db.session.commit()
    anonymous = client.get(f"/api/v1/polls/{poll.id}")
    outsider = client.get(f"/api/v1/polls/{poll.id}", headers=auth(make_user()))
    unknown = client.get("/api/v1/polls/987654")
    assert anonymous.status_code == outsider.status_code == unknown.status_code == 404
    assert anonymous.get_json() == outsider.get_json() == unknown.get_json()
    member = meeting.council.test_members[1]
    # A draft: only those who prepare polls see it, members too get the 404.
    assert client.get(f"/api/v1/polls/{poll.id}", headers=auth(member)).status_code == 404
    organiser = auth(organiser_of(meeting))
    assert client.get(f"/api/v1/polls/{poll.id}", headers=organiser).status_code == 200


def test_a_bad_token_is_401_even_where_none_is_needed(client, make_poll):
    poll = make_poll()
    response = client.get(f"/api/v1/polls/{poll.id}", headers={"Authorization": "Bearer nope"})
    assert api_error(response, 401)["code"] == "unauthorized"


@pytest.mark.parametrize("poll_id", [0, 2**31, 10**12, 10**30])
def test_impossible_poll_ids_are_404(client, poll_id):
    assert api_error(client.get(f"/api/v1/polls/{poll_id}"), 404)["code"] == "unknown_poll"


# --- opening and closing -----------------------------------------------------------------

def test_the_chair_opens_a_poll_with_a_timer(client, auth, room, make_poll, broadcasts):
    poll = make_poll(open=False)
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/polls/{poll.id}/open",
                           headers=auth(room.council.test_members[0]),
                           json={"closes_in_seconds": 90})
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "open" and body["closes_at"] and body["turnout"]["entitled_count"] == 3
    [opened] = sent(broadcasts, "poll:opened", room)
    assert opened["id"] == poll.id and opened["closes_at"] == body["closes_at"]


def test_a_poll_opens_without_a_body(client, auth, room, make_poll):
    poll = make_poll(open=False)
    response = client.post(f"/api/v1/polls/{poll.id}/open", headers=auth(organiser_of(room)))
    assert response.status_code == 200 and response.get_json()["closes_at"] is None


def test_a_resident_cannot_open_or_close_a_poll(client, auth, room, make_poll, broadcasts):
    draft, running = make_poll(open=False), None
    resident = auth(room.council.test_members[1])
    # A draft is hidden from those who do not prepare polls: it answers like no poll.
    assert api_error(client.post(f"/api/v1/polls/{draft.id}/open", headers=resident, json={}),
                  404)["code"] == "unknown_poll"
    services.open_poll(room.council.test_members[0], draft)
    db.session.commit()
    running = draft
    broadcasts.clear()  # forget what the setup sent
    assert api_error(client.post(f"/api/v1/polls/{running.id}/close", headers=resident),
                  403)["code"] == "forbidden"
    assert running.status == PollStatus.OPEN and broadcasts == []


@pytest.mark.parametrize("seconds, status, code", [
    (5, 400, "invalid_timer"), (2 * 24 * 3600, 400, "invalid_timer"),
    ("60", 422, "validation_error"), (60.5, 422, "validation_error"),
])
def test_a_senseless_timer_is_refused(client, auth, room, make_poll, seconds, status, code):
    poll = make_poll(open=False)
    response = client.post(f"/api/v1/polls/{poll.id}/open", headers=auth(organiser_of(room)),
                           json={"closes_in_seconds": seconds})
    assert api_error(response, status)["code"] == code
    assert poll.status == PollStatus.DRAFT


def test_a_poll_opens_once(client, auth, room, make_poll):
    poll = make_poll()
    response = client.post(f"/api/v1/polls/{poll.id}/open", headers=auth(organiser_of(room)))
    assert api_error(response, 409)["code"] == "wrong_status"


def test_closing_freezes_the_result_and_records_the_resolution(client, auth, room, make_poll,
                                                              broadcasts):
    poll = make_poll()
    chair, first, second = room.council.test_members
    for member, choice in ((chair, "yes"), (first, "yes"), (second, "abstain")):
        ballots.cast_ballot(member, poll, {"choice": choice})
    db.session.commit()
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/polls/{poll.id}/close", headers=auth(chair))
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "closed" and body["passed"] is True
    assert body["result"]["tally"]["yes"] == {"weight": "2", "count": 2}
    assert body["result"]["outcome"]["needed"] == "2"
    [closed] = sent(broadcasts, "poll:closed", room)
    assert closed["result"] == body["result"]
    [resolution] = client.get(f"/api/v1/meetings/{room.id}/resolutions").get_json()
    assert resolution["poll_id"] == poll.id and resolution["text"] == poll.title
    assert resolution["tally"] == body["result"] and resolution["rule_set"] == "organic_law"
    again = client.post(f"/api/v1/polls/{poll.id}/close", headers=auth(chair))
    assert api_error(again, 409)["code"] == "poll_not_open"


def test_a_failed_poll_leaves_no_resolution(client, auth, room, make_poll):
    poll = make_poll()
    ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "no"})
    db.session.commit()
    body = client.post(f"/api/v1/polls/{poll.id}/close", headers=auth(organiser_of(room)))
    assert body.get_json()["passed"] is False
    assert client.get(f"/api/v1/meetings/{room.id}/resolutions").get_json() == []


def test_the_resolutions_of_a_private_meeting_are_404_to_outsiders(client, auth, make_meeting,
                                                                   make_user):
    meeting = make_meeting("in_session", is_public=False)
    url = f"/api/v1/meetings/{meeting.id}/resolutions"
    assert api_error(client.get(url), 404)["code"] == "not_found"
    assert client.get(url, headers=auth(make_user())).status_code == 404
    assert client.get(url, headers=auth(meeting.council.test_members[1])).get_json() == []


# --- every way in needs a token; nothing a client sends is a 500 -----------------------------

WRITES = [
    ("post", "/api/v1/meetings/{meeting}/polls"),
    ("post", "/api/v1/polls/{poll}/open"),
    ("post", "/api/v1/polls/{poll}/close"),
    ("post", "/api/v1/polls/{poll}/ballots"),
    ("post", "/api/v1/polls/{poll}/paper-ballots"),
]


@pytest.mark.parametrize("method, template", WRITES)
def test_every_change_needs_a_token(client, make_poll, broadcasts, method, template):
    poll = make_poll(open=False)
    broadcasts.clear()  # forget what the setup sent
    url = template.format(meeting=poll.meeting_id, poll=poll.id)
    response = getattr(client, method)(url, json={"choice": "yes"})
    assert api_error(response, 401)["code"] == "unauthorized"
    assert broadcasts == []


HOSTILE = [
    ["a", "list"], "a string", None, 12, {"title": "x" * 300_000},
    {"choice": {"nested": [{"deeper": True}]}, "choices": [None, 1.5, "x", [], {}]},
    {"ranking": [10**40, -1, 0], "key": ["k"], "member_id": -1, "for_all": None},
    {"item_id": 10**40, "kind": ["single"], "options": [None], "min_choices": "2",
     "max_choices": -5, "closes_in_seconds": 10**40, "user_id": {"id": 1}},
    {"choice": float("1e308"), "user_id": 0, "closes_in_seconds": -1},
]


@pytest.mark.parametrize("method, template", WRITES)
@pytest.mark.parametrize("body", HOSTILE)
@pytest.mark.parametrize("opened", [False, True])
def test_no_body_a_client_sends_is_a_server_error(client, auth, room, make_poll, method,
                                                  template, body, opened):
    poll = make_poll(open=opened)
    url = template.format(meeting=poll.meeting_id, poll=poll.id)
    response = getattr(client, method)(url, headers=auth(room.council.test_members[0]), json=body)
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.is_json
    assert stored_ballots(poll) == 0


@pytest.mark.parametrize("raw", [b"{", b"\xff\xfe", b"[" * 50_000 + b"]" * 50_000,
                                 b'{"choice": "yes", "key": "\\u0000"}'])
def test_broken_json_is_refused_cleanly(client, auth, room, make_poll, raw):
    poll = make_poll()
    response = client.post(f"/api/v1/polls/{poll.id}/ballots",
                           headers={**auth(room.council.test_members[1]),
                                    "Content-Type": "application/json"}, data=raw)
    assert 400 <= response.status_code < 500 and response.is_json
    assert stored_ballots(poll) == 0


def test_the_openapi_document_describes_the_voting_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for method, template in WRITES:
        path = template.format(meeting="{meeting_id}", poll="{poll_id}")
        operation = paths[path][method]
        assert operation["security"] == [{"bearerAuth": []}], path
        assert {"401", "404", "422"} <= set(operation["responses"]) or path.endswith("/close")
    ballots = paths["/api/v1/polls/{poll_id}/ballots"]["post"]["responses"]
    assert {"200", "201", "403", "409", "422"} <= set(ballots)
    assert {} in paths["/api/v1/polls/{poll_id}"]["get"]["security"]
    assert {} in paths["/api/v1/meetings/{meeting_id}/resolutions"]["get"]["security"]
    schemas = spec["components"]["schemas"]
    assert {"choice", "choices", "ranking", "key", "member_id", "for_all"} <= set(
        schemas["Ballot"]["properties"])
