"""The meetings' JSON API: the same story as the live room, told over HTTP.

Every change must reach the room: each test of a change also checks what
the publisher sent to `meeting:<id>` after the commit.
"""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.live.room_snapshot import snapshot
from govhub.meetings.models import Meeting, MeetingStatus
from tests.helpers.api import api_error, sent
from tests.helpers.records import organiser_of

MEETING = {"title": "停车位与充电桩规划", "starts_at": "2026-05-12T19:00:00+08:00",
           "place": "社区活动室", "items": [{"title": "地面停车位重新划线"},
                                            {"title": "充电桩选址", "description": "候选两处"}]}


# --- reading ------------------------------------------------------------------------

def test_anyone_reads_a_public_meeting_in_session(client, make_meeting):
    meeting = make_meeting("in_session")
    response = client.get(f"/api/v1/meetings/{meeting.id}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["meeting"]["status"] == "in_session" and body["minutes"] is None
    assert body["you"]["user_id"] is None and body["you"]["member"] is False
    expected = snapshot(meeting)
    for part in ("meeting", "attendance", "agenda", "polls"):
        assert body["state"][part] == expected[part]
    assert body["state"]["speakers"].keys() == expected["speakers"].keys()


def test_a_member_reads_their_own_place_in_the_room(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    chair = meeting.council.test_members[0]
    body = client.get(f"/api/v1/meetings/{meeting.id}", headers=auth(chair)).get_json()
    assert body["you"] == {"user_id": chair.id, "member": True, "can_chair": True,
                           "present": False, "proxy_holder_id": None, "proxies_held": 0,
                          "ballots": {}}


def test_a_private_meeting_is_404_to_outsiders_like_an_unknown_one(client, auth, make_meeting,
                                                                    make_user):
    meeting = make_meeting("in_session", is_public=False)
    anonymous = client.get(f"/api/v1/meetings/{meeting.id}")
    outsider = client.get(f"/api/v1/meetings/{meeting.id}", headers=auth(make_user()))
    unknown = client.get("/api/v1/meetings/987654")
    assert anonymous.status_code == outsider.status_code == unknown.status_code == 404
    assert anonymous.get_json() == outsider.get_json() == unknown.get_json()
    member = meeting.council.test_members[1]
    assert client.get(f"/api/v1/meetings/{meeting.id}", headers=auth(member)).status_code == 200


def test_a_draft_is_seen_only_by_its_organisers(client, auth, make_meeting):
    meeting = make_meeting("draft")
    member = meeting.council.test_members[1]
    assert client.get(f"/api/v1/meetings/{meeting.id}", headers=auth(member)).status_code == 404
    assert client.get(f"/api/v1/meetings/{meeting.id}",
                      headers=auth(organiser_of(meeting))).status_code == 200


@pytest.mark.parametrize("meeting_id", [0, 10**30])
def test_impossible_meeting_ids_are_404(client, meeting_id):
    assert api_error(client.get(f"/api/v1/meetings/{meeting_id}"), 404)["code"] == "not_found"


def test_a_councils_meetings_are_listed_as_each_reader_may_see_them(client, auth, make_council,
                                                                    make_meeting, make_user):
    council = make_council()
    public = make_meeting("scheduled", council=council)
    private = make_meeting("scheduled", council=council, is_public=False)
    draft = make_meeting("draft", council=council)
    url = f"/api/v1/councils/{council.id}/meetings"

    def listed(headers=None):
        return {m["id"] for m in client.get(url, headers=headers).get_json()}

    assert listed() == listed(auth(make_user())) == {public.id}
    assert listed(auth(council.test_members[1])) == {public.id, private.id}
    assert listed(auth(organiser_of(draft))) == {public.id, private.id, draft.id}


def test_the_meetings_of_an_unknown_council_are_404(client):
    assert client.get("/api/v1/councils/777777/meetings").status_code == 404


# --- creating and changing a meeting -------------------------------------------------------

def test_the_chair_drafts_a_meeting_with_its_agenda(client, auth, make_council, broadcasts):
    council = make_council()
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[0]), json=MEETING)
    assert response.status_code == 201
    body = response.get_json()
    assert body["meeting"]["status"] == "draft" and body["meeting"]["is_public"] is True
    assert [i["title"] for i in body["state"]["agenda"]["items"]] == ["地面停车位重新划线",
                                                                     "充电桩选址"]
    meeting = db.session.get(Meeting, body["meeting"]["id"])
    assert meeting.starts_at == datetime(2026, 5, 12, 11, 0, tzinfo=UTC)
    assert body["meeting"]["starts_at"] == "2026-05-12T11:00:00+00:00"
    assert not [b for b in broadcasts if b[1] == "notification"]  # drafts tell nobody


def test_a_secretary_may_draft_a_meeting(client, auth, make_council):
    council = make_council()
    membership = db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == council.test_members[1].id))
    membership.role = MemberRole.SECRETARY
    db.session.commit()
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[1]), json=MEETING)
    assert response.status_code == 201


def test_a_plain_member_cannot_draft_a_meeting(client, auth, make_council):
    council = make_council()
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[1]), json=MEETING)
    assert api_error(response, 403)["code"] == "forbidden"
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_drafting_a_meeting_for_an_unknown_council_is_404(client, auth, make_user):
    response = client.post("/api/v1/councils/5555/meetings",
                           headers=auth(make_user(role="worker")), json=MEETING)
    assert response.status_code == 404


@pytest.mark.parametrize("change, field", [
    ({"starts_at": "2026-05-12T19:00:00"}, "starts_at"),
    ({"starts_at": "next tuesday"}, "starts_at"),
    ({"title": ""}, "title"),
    ({"title": "议" * 201}, "title"),
    ({"speaking_seconds": 10}, "speaking_seconds"),
    ({"speaking_seconds": "180"}, "speaking_seconds"),
    ({"is_public": "perhaps"}, "is_public"),
    ({"items": {"title": "one"}}, "items"),
    ({"items": [{"description": "no title"}]}, "items"),
    ({"items": [{"title": "x"}] * 101}, "items"),
    ({"place": "x" * 10_000}, "place"),
])
def test_a_bad_meeting_body_names_the_field(client, auth, make_council, change, field):
    council = make_council()
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[0]), json={**MEETING, **change})
    error = api_error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]


def test_a_meeting_without_a_title_is_refused(client, auth, make_council):
    council = make_council()
    body = {key: value for key, value in MEETING.items() if key != "title"}
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[0]), json=body)
    assert "title" in api_error(response, 422)["fields"]


def test_patching_a_meeting_keeps_what_is_not_sent(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.patch(f"/api/v1/meetings/{meeting.id}",
                            headers=auth(meeting.council.test_members[0]),
                            json={"place": "二楼会议室", "is_public": False})
    assert response.status_code == 200
    body = response.get_json()["meeting"]
    assert (body["place"], body["is_public"]) == ("二楼会议室", False)
    assert body["title"] == "加装电梯议事会"


def test_a_meeting_in_session_can_no_longer_be_patched(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.patch(f"/api/v1/meetings/{meeting.id}",
                            headers=auth(organiser_of(meeting)), json={"title": "新的标题"})
    assert api_error(response, 409)["code"] == "wrong_status"


def test_a_member_cannot_patch_a_meeting(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.patch(f"/api/v1/meetings/{meeting.id}",
                            headers=auth(meeting.council.test_members[1]), json={"title": "x"})
    assert response.status_code == 403


# --- the meeting's stages ----------------------------------------------------------------

def test_scheduling_announces_the_meeting(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("draft")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json={"status": "scheduled"})
    assert response.status_code == 200
    assert response.get_json()["meeting"]["status"] == "scheduled"
    [state] = sent(broadcasts, "meeting:state", meeting)
    assert state["meeting"]["status"] == "scheduled"
    assert {room for room, event, _ in broadcasts if event == "notification"} == {
        f"user:{m.id}" for m in meeting.council.test_members}


def test_the_chair_opens_the_session_and_the_room_sees_the_first_item(client, auth,
                                                                      make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(meeting.council.test_members[0]),
                           json={"status": "in_session"})
    assert response.status_code == 200
    [state] = sent(broadcasts, "meeting:state", meeting)
    assert state["meeting"]["status"] == "in_session"
    assert state["agenda"]["current_item_id"] == meeting.items[0].id


def test_a_member_cannot_open_the_session(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(meeting.council.test_members[1]),
                           json={"status": "in_session"})
    assert response.status_code == 403
    assert meeting.status == MeetingStatus.SCHEDULED and broadcasts == []


def test_a_meeting_cannot_skip_a_stage(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("draft")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json={"status": "adjourned"})
    assert api_error(response, 409)["code"] == "wrong_status"
    assert broadcasts == []


def test_an_empty_agenda_cannot_be_scheduled(client, auth, make_meeting):
    meeting = make_meeting("draft", items=0)
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json={"status": "scheduled"})
    assert api_error(response, 409)["code"] == "empty_agenda"


@pytest.mark.parametrize("body", [{}, {"status": "finished"}, {"status": 3}, {"status": None}])
def test_an_unknown_stage_is_422(client, auth, make_meeting, body):
    meeting = make_meeting("draft")
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json=body)
    assert "status" in api_error(response, 422)["fields"]


def test_minutes_are_written_then_published_and_then_public(client, auth, make_meeting,
                                                           broadcasts):
    meeting = make_meeting("adjourned")
    secretary_headers = auth(meeting.council.test_members[0])
    url = f"/api/v1/meetings/{meeting.id}"
    broadcasts.clear()  # forget what the setup sent
    refused = client.post(url + "/status", headers=secretary_headers,
                          json={"status": "minutes_published"})
    assert api_error(refused, 409)["code"] == "no_minutes"
    saved = client.put(url + "/minutes", headers=secretary_headers,
                       json={"text": "# 纪要\n\n- 同意方案一"})
    assert saved.get_json()["minutes"] == "# 纪要\n\n- 同意方案一"
    assert client.get(url).get_json()["minutes"] is None  # not yet for the public
    published = client.post(url + "/status", headers=secretary_headers,
                            json={"status": "minutes_published"})
    assert published.status_code == 200
    assert client.get(url).get_json()["minutes"] == "# 纪要\n\n- 同意方案一"
    assert sent(broadcasts, "meeting:state", meeting)[-1]["meeting"]["status"] == (
        "minutes_published")


def test_a_plain_member_cannot_write_the_minutes(client, auth, make_meeting):
    meeting = make_meeting("adjourned")
    response = client.put(f"/api/v1/meetings/{meeting.id}/minutes",
                          headers=auth(meeting.council.test_members[1]), json={"text": "x"})
    assert response.status_code == 403


# --- every meeting one may see, by stage ------------------------------------------------

def test_the_meetings_in_session_are_listed_for_anyone(client, make_council, make_meeting):
    council = make_council()
    live = make_meeting("in_session", council=council)
    make_meeting("scheduled", council=council)
    make_meeting("in_session", council=council, is_public=False)
    make_meeting("draft", council=council)
    response = client.get("/api/v1/meetings?status=in_session")
    assert response.status_code == 200
    assert [(m["id"], m["status"]) for m in response.get_json()] == [(live.id, "in_session")]


def test_the_list_of_meetings_shows_each_reader_what_they_may_see(client, auth, make_council,
                                                                 make_meeting, make_user):
    council = make_council()
    public = make_meeting("in_session", council=council)
    private = make_meeting("in_session", council=council, is_public=False)
    scheduled = make_meeting("scheduled", council=council)
    draft = make_meeting("draft", council=council)

    def listed(query="", headers=None):
        response = client.get(f"/api/v1/meetings{query}", headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        return {m["id"] for m in response.get_json()}

    assert listed() == listed(headers=auth(make_user())) == {public.id, scheduled.id}
    member = auth(council.test_members[1])
    assert listed("?status=in_session", member) == {public.id, private.id}
    assert listed(headers=member) == {public.id, private.id, scheduled.id}
    assert listed("?status=draft", auth(organiser_of(draft))) == {draft.id}
    assert listed("?status=draft", member) == set()


@pytest.mark.parametrize("query", ["?status=running", "?status=", "?status=IN_SESSION"])
def test_listing_meetings_by_an_unknown_stage_is_422(client, query):
    response = client.get(f"/api/v1/meetings{query}")
    assert api_error(response, 422)["code"] == "validation_error"


def test_listing_meetings_with_a_bad_token_is_401(client):
    response = client.get("/api/v1/meetings", headers={"Authorization": "Bearer gh_nothing"})
    assert api_error(response, 401)["code"] == "unauthorized"
