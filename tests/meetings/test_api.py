"""The meetings' JSON API: the same story as the live room, told over HTTP.

Every change must reach the room: each test of a change also checks what
the publisher sent to `meeting:<id>` after the commit.
"""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from govhub.auth.models import User
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.live.room_snapshot import snapshot
from govhub.meetings import attendance, speakers
from govhub.meetings.models import ItemStatus, Meeting, MeetingStatus


@pytest.fixture
def auth(make_token):
    """auth(user) -> the headers that carry a fresh token of that user."""
    return lambda user: {"Authorization": f"Bearer {make_token(user)}"}


def organiser_of(meeting) -> User:
    """The worker who made the meeting (make_meeting's organiser)."""
    return db.session.get(User, meeting.created_by_id)


def sent(broadcasts, event, meeting):
    """The payloads of `event` sent to the meeting's room, in order."""
    return [payload for room, name, payload in broadcasts
            if name == event and room == f"meeting:{meeting.id}"]


def _error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()["error"]


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
    assert _error(client.get(f"/api/v1/meetings/{meeting_id}"), 404)["code"] == "not_found"


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
    assert _error(response, 403)["code"] == "forbidden"
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
    error = _error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]


def test_a_meeting_without_a_title_is_refused(client, auth, make_council):
    council = make_council()
    body = {key: value for key, value in MEETING.items() if key != "title"}
    response = client.post(f"/api/v1/councils/{council.id}/meetings",
                           headers=auth(council.test_members[0]), json=body)
    assert "title" in _error(response, 422)["fields"]


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
    assert _error(response, 409)["code"] == "wrong_status"


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
    assert _error(response, 409)["code"] == "wrong_status"
    assert broadcasts == []


def test_an_empty_agenda_cannot_be_scheduled(client, auth, make_meeting):
    meeting = make_meeting("draft", items=0)
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json={"status": "scheduled"})
    assert _error(response, 409)["code"] == "empty_agenda"


@pytest.mark.parametrize("body", [{}, {"status": "finished"}, {"status": 3}, {"status": None}])
def test_an_unknown_stage_is_422(client, auth, make_meeting, body):
    meeting = make_meeting("draft")
    response = client.post(f"/api/v1/meetings/{meeting.id}/status",
                           headers=auth(organiser_of(meeting)), json=body)
    assert "status" in _error(response, 422)["fields"]


def test_minutes_are_written_then_published_and_then_public(client, auth, make_meeting,
                                                           broadcasts):
    meeting = make_meeting("adjourned")
    secretary_headers = auth(meeting.council.test_members[0])
    url = f"/api/v1/meetings/{meeting.id}"
    broadcasts.clear()  # forget what the setup sent
    refused = client.post(url + "/status", headers=secretary_headers,
                          json={"status": "minutes_published"})
    assert _error(refused, 409)["code"] == "no_minutes"
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


# --- the agenda ---------------------------------------------------------------------------

def test_an_organiser_adds_an_item_and_the_room_sees_it(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(organiser_of(meeting)),
                           json={"title": "临时动议", "description": "楼道堆物"})
    assert response.status_code == 201
    assert response.get_json()["position"] == 3 and response.get_json()["status"] == "pending"
    [agenda] = sent(broadcasts, "agenda:update", meeting)
    assert [i["title"] for i in agenda["items"]][-1] == "临时动议"


def test_items_cannot_be_added_after_adjournment(client, auth, make_meeting):
    meeting = make_meeting("adjourned")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(organiser_of(meeting)), json={"title": "迟到的议题"})
    assert _error(response, 409)["code"] == "wrong_status"


def test_a_member_cannot_add_an_item(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(meeting.council.test_members[1]), json={"title": "x"})
    assert response.status_code == 403


def test_an_item_is_edited_and_the_room_sees_it(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    item = meeting.items[1]
    broadcasts.clear()  # forget what the setup sent
    response = client.patch(f"/api/v1/meetings/{meeting.id}/agenda/{item.id}",
                            headers=auth(organiser_of(meeting)), json={"title": "费用分摊办法"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "费用分摊办法"
    assert sent(broadcasts, "agenda:update", meeting)[0]["items"][1]["title"] == "费用分摊办法"


def test_an_item_of_another_meeting_is_404_here(client, auth, make_meeting):
    meeting, other = make_meeting("scheduled"), make_meeting("scheduled")
    headers = auth(organiser_of(meeting))
    url = f"/api/v1/meetings/{meeting.id}/agenda/{other.items[0].id}"
    assert client.patch(url, headers=headers, json={"title": "x"}).status_code == 404
    assert client.delete(url, headers=headers).status_code == 404
    assert client.post(url + "/status", headers=headers, json={"status": "done"}).status_code == (
        404)


def test_an_item_is_removed_before_the_session(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    first, second = meeting.items
    broadcasts.clear()  # forget what the setup sent
    response = client.delete(f"/api/v1/meetings/{meeting.id}/agenda/{first.id}",
                             headers=auth(organiser_of(meeting)))
    assert response.status_code == 204
    assert [i["id"] for i in sent(broadcasts, "agenda:update", meeting)[0]["items"]] == [
        second.id]


def test_an_item_is_deferred_not_removed_once_in_session(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.delete(f"/api/v1/meetings/{meeting.id}/agenda/{meeting.items[1].id}",
                             headers=auth(organiser_of(meeting)))
    assert _error(response, 409)["code"] == "wrong_status"
    assert len(meeting.items) == 2


def test_the_chair_reorders_the_agenda(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session", items=3)
    ids = [item.id for item in meeting.items]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_ids": ids[::-1]})
    assert response.status_code == 200
    assert [i["id"] for i in response.get_json()["items"]] == ids[::-1]
    assert [i["id"] for i in sent(broadcasts, "agenda:update", meeting)[0]["items"]] == ids[::-1]


@pytest.mark.parametrize("order, status", [
    (lambda ids: ids[:1], 400),
    (lambda ids: ids + ids[:1], 400),
    (lambda ids: [ids[0], 10**12], 400),
    (lambda ids: [str(i) for i in ids], 422),
    (lambda ids: ids[0], 422),
    (lambda ids: [None, *ids], 422),
])
def test_a_wrong_order_is_refused_and_changes_nothing(client, auth, make_meeting, broadcasts,
                                                      order, status):
    meeting = make_meeting("in_session")
    ids = [item.id for item in meeting.items]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_ids": order(ids)})
    assert response.status_code == status
    assert [item.id for item in meeting.items] == ids and broadcasts == []


def test_a_member_cannot_reorder_the_agenda(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[1]),
                           json={"item_ids": [i.id for i in meeting.items][::-1]})
    assert response.status_code == 403


def test_the_chair_advances_the_agenda_and_the_room_follows(client, auth, make_meeting,
                                                            broadcasts):
    meeting = make_meeting("in_session")
    first, second = meeting.items
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]), json={})
    assert response.status_code == 200
    assert response.get_json()["current_item_id"] == second.id
    [agenda] = sent(broadcasts, "agenda:update", meeting)
    assert [i["status"] for i in agenda["items"]] == ["done", "current"]
    assert sent(broadcasts, "speakers:update", meeting)[0]["item_id"] == second.id


def test_the_chair_takes_up_a_chosen_item(client, auth, make_meeting):
    meeting = make_meeting("in_session", items=3)
    third = meeting.items[2]
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_id": third.id})
    assert response.get_json()["current_item_id"] == third.id


def test_advancing_to_an_unknown_item_is_404(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_id": 10**9})
    assert response.status_code == 404
    assert meeting.items[0].status == ItemStatus.CURRENT and broadcasts == []


def test_the_agenda_moves_only_in_session(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]), json={})
    assert _error(response, 409)["code"] == "wrong_status"


def test_a_member_cannot_advance_the_agenda(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[1]), json={})
    assert response.status_code == 403


def test_the_chair_defers_an_item(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    item = meeting.items[1]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/{item.id}/status",
                           headers=auth(meeting.council.test_members[0]),
                           json={"status": "deferred"})
    assert response.status_code == 200
    assert sent(broadcasts, "agenda:update", meeting)[0]["items"][1]["status"] == "deferred"


@pytest.mark.parametrize("status", ["current", "closed", 1])
def test_an_item_cannot_be_set_to_an_unknown_status(client, auth, make_meeting, status):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/{meeting.items[1].id}/status",
                           headers=auth(meeting.council.test_members[0]), json={"status": status})
    assert "status" in _error(response, 422)["fields"]


# --- attendance ---------------------------------------------------------------------------

def test_a_member_checks_in_and_everyone_sees_the_quorum(client, auth, make_meeting,
                                                         broadcasts):
    meeting = make_meeting("in_session")
    first, second, _ = meeting.council.test_members
    broadcasts.clear()  # forget what the setup sent
    client.post(f"/api/v1/meetings/{meeting.id}/attendance", headers=auth(first))
    response = client.post(f"/api/v1/meetings/{meeting.id}/attendance", headers=auth(second))
    assert response.status_code == 200
    body = response.get_json()
    assert body["you"]["present"] is True
    assert body["attendance"]["quorum"]["met"] is True
    updates = sent(broadcasts, "attendance:update", meeting)
    assert [(u["changed"], u["quorum"]["met"]) for u in updates] == [
        ({"user_id": first.id, "present": True}, False),
        ({"user_id": second.id, "present": True}, True)]


def test_an_outsider_cannot_check_in_to_a_public_meeting(client, auth, make_meeting, make_user,
                                                         broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/attendance",
                           headers=auth(make_user()))
    assert _error(response, 403)["code"] == "forbidden"
    assert broadcasts == []


def test_an_outsider_cannot_find_a_private_meeting_to_check_in_to(client, auth, make_meeting,
                                                                  make_user):
    meeting = make_meeting("in_session", is_public=False)
    response = client.post(f"/api/v1/meetings/{meeting.id}/attendance",
                           headers=auth(make_user()))
    assert response.status_code == 404


def test_checking_in_before_the_session_is_409(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.post(f"/api/v1/meetings/{meeting.id}/attendance",
                           headers=auth(meeting.council.test_members[1]))
    assert _error(response, 409)["code"] == "not_in_session"


def test_a_member_checks_out(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    headers = auth(member)
    broadcasts.clear()  # forget what the setup sent
    client.post(f"/api/v1/meetings/{meeting.id}/attendance", headers=headers)
    response = client.delete(f"/api/v1/meetings/{meeting.id}/attendance", headers=headers)
    assert response.status_code == 200
    assert response.get_json()["you"]["present"] is False
    assert sent(broadcasts, "attendance:update", meeting)[-1]["changed"] == {
        "user_id": member.id, "present": False}


def test_checking_out_without_being_in_is_409(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.delete(f"/api/v1/meetings/{meeting.id}/attendance",
                             headers=auth(meeting.council.test_members[1]))
    assert _error(response, 409)["code"] == "not_present"


def test_a_worker_checks_a_paper_attendee_in_and_out(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[2]
    url = f"/api/v1/meetings/{meeting.id}/attendance/{member.id}"
    headers = auth(organiser_of(meeting))
    broadcasts.clear()  # forget what the setup sent
    response = client.put(url, headers=headers, json={"present": True})
    assert response.status_code == 200
    assert response.get_json()["user_id"] == member.id
    assert response.get_json()["attendance"]["present_count"] == 1
    assert attendance.attendance_of(meeting, member.id).via == "staff"
    assert client.put(url, headers=headers, json={"present": False}).status_code == 200
    assert [u["changed"]["present"] for u in sent(broadcasts, "attendance:update", meeting)] == [
        True, False]


def test_a_member_cannot_check_someone_else_in(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    first, second, _ = meeting.council.test_members[0:3]
    response = client.put(f"/api/v1/meetings/{meeting.id}/attendance/{first.id}",
                          headers=auth(second), json={"present": True})
    assert response.status_code == 403


def test_recording_an_unknown_person_is_404_and_an_outsider_400(client, auth, make_meeting,
                                                                make_user):
    meeting = make_meeting("in_session")
    headers = auth(organiser_of(meeting))
    for user_id in (424242, 10**30):
        response = client.put(f"/api/v1/meetings/{meeting.id}/attendance/{user_id}",
                              headers=headers, json={"present": True})
        assert response.status_code == 404
    outsider = make_user()
    response = client.put(f"/api/v1/meetings/{meeting.id}/attendance/{outsider.id}",
                          headers=headers, json={"present": True})
    assert _error(response, 400)["code"] == "not_a_member"


@pytest.mark.parametrize("body", [{}, {"present": "yes"}, {"present": None}, {"present": 2}])
def test_recording_attendance_needs_present_true_or_false(client, auth, make_meeting, body):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    response = client.put(f"/api/v1/meetings/{meeting.id}/attendance/{member.id}",
                          headers=auth(organiser_of(meeting)), json=body)
    assert "present" in _error(response, 422)["fields"]


def test_an_absent_member_names_a_proxy_and_takes_it_back(client, auth, make_meeting,
                                                          broadcasts):
    meeting = make_meeting("in_session")
    _, holder, absent = meeting.council.test_members
    broadcasts.clear()  # forget what the setup sent
    client.post(f"/api/v1/meetings/{meeting.id}/attendance", headers=auth(holder))
    headers = auth(absent)
    response = client.put(f"/api/v1/meetings/{meeting.id}/proxy", headers=headers,
                          json={"holder_id": holder.id})
    assert response.status_code == 200
    body = response.get_json()
    assert body["you"]["proxy_holder_id"] == holder.id
    assert body["attendance"]["represented_count"] == 1
    assert body["attendance"]["present_weight"] == "2" and body["attendance"]["quorum"]["met"]
    assert sent(broadcasts, "attendance:update", meeting)[-1]["represented_count"] == 1
    response = client.delete(f"/api/v1/meetings/{meeting.id}/proxy", headers=headers)
    assert response.get_json()["attendance"]["represented_count"] == 0
    assert _error(client.delete(f"/api/v1/meetings/{meeting.id}/proxy", headers=headers),
                  409)["code"] == "no_proxy"


def test_a_proxy_goes_only_to_someone_present(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    _, holder, absent = meeting.council.test_members
    for holder_id in (holder.id, 10**12):
        response = client.put(f"/api/v1/meetings/{meeting.id}/proxy", headers=auth(absent),
                              json={"holder_id": holder_id})
        assert response.status_code == 400


def test_a_proxy_needs_a_holder_id(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.put(f"/api/v1/meetings/{meeting.id}/proxy",
                          headers=auth(meeting.council.test_members[1]),
                          json={"holder_id": "the chair"})
    assert "holder_id" in _error(response, 422)["fields"]


# --- speakers ------------------------------------------------------------------------------

def _present(meeting, *members):
    for member in members:
        attendance.check_in(member, meeting)
    db.session.commit()


def test_present_members_ask_to_speak_in_order(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    _, first, second = meeting.council.test_members
    _present(meeting, first, second)
    broadcasts.clear()  # forget what the setup sent
    one = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=auth(first))
    two = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=auth(second))
    assert one.status_code == two.status_code == 201
    assert [s["user_id"] for s in two.get_json()["speakers"]["queue"]] == [first.id, second.id]
    queues = [[s["user_id"] for s in u["queue"]]
              for u in sent(broadcasts, "speakers:update", meeting)]
    assert queues == [[first.id], [first.id, second.id]]


def test_asking_twice_keeps_one_place(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    _present(meeting, member)
    headers = auth(member)
    first = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=headers).get_json()
    again = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=headers).get_json()
    assert first["entry_id"] == again["entry_id"] and len(again["speakers"]["queue"]) == 1


def test_only_present_members_ask_to_speak(client, auth, make_meeting, make_user):
    meeting = make_meeting("in_session")
    absent = client.post(f"/api/v1/meetings/{meeting.id}/speakers",
                         headers=auth(meeting.council.test_members[1]))
    assert _error(absent, 409)["code"] == "not_present"
    outsider = client.post(f"/api/v1/meetings/{meeting.id}/speakers", headers=auth(make_user()))
    assert outsider.status_code == 403


def test_a_member_withdraws_from_the_queue(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    _present(meeting, member)
    speakers.request_to_speak(member, meeting)
    db.session.commit()
    broadcasts.clear()  # forget what the setup sent
    response = client.delete(f"/api/v1/meetings/{meeting.id}/speakers", headers=auth(member))
    assert response.status_code == 200 and response.get_json()["queue"] == []
    assert sent(broadcasts, "speakers:update", meeting)[-1]["queue"] == []
    again = client.delete(f"/api/v1/meetings/{meeting.id}/speakers", headers=auth(member))
    assert _error(again, 409)["code"] == "not_waiting"


def test_the_chair_gives_the_floor_in_order(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    chair, first, second = meeting.council.test_members
    _present(meeting, first, second)
    for member in (first, second):
        speakers.request_to_speak(member, meeting)
    db.session.commit()
    headers = auth(chair)
    url = f"/api/v1/meetings/{meeting.id}/speakers/next"
    broadcasts.clear()  # forget what the setup sent
    calls = [client.post(url, headers=headers).get_json() for _ in range(3)]
    assert [c["speakers"]["current"] and c["speakers"]["current"]["user_id"] for c in calls] == [
        first.id, second.id, None]
    assert calls[0]["speakers"]["current"]["seconds"] == 180
    assert calls[2]["entry_id"] is None
    currents = [u["current"] and u["current"]["user_id"]
                for u in sent(broadcasts, "speakers:update", meeting)]
    assert currents[-3:] == [first.id, second.id, None]


def test_a_member_cannot_give_the_floor(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/speakers/next",
                           headers=auth(meeting.council.test_members[1]))
    assert response.status_code == 403


def test_speakers_are_called_only_in_session(client, auth, make_meeting):
    meeting = make_meeting("adjourned")
    response = client.post(f"/api/v1/meetings/{meeting.id}/speakers/next",
                           headers=auth(meeting.council.test_members[0]))
    assert _error(response, 409)["code"] == "not_in_session"


def test_the_chair_sets_the_speaking_time(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.put(f"/api/v1/meetings/{meeting.id}/speaking-time",
                          headers=auth(meeting.council.test_members[0]), json={"seconds": 120})
    assert response.status_code == 200 and response.get_json()["speaking_seconds"] == 120
    assert sent(broadcasts, "speakers:update", meeting)[0]["speaking_seconds"] == 120


@pytest.mark.parametrize("seconds", [14, 3601, "120", None, 1.5])
def test_a_senseless_speaking_time_is_422(client, auth, make_meeting, seconds):
    meeting = make_meeting("in_session")
    response = client.put(f"/api/v1/meetings/{meeting.id}/speaking-time",
                          headers=auth(meeting.council.test_members[0]), json={"seconds": seconds})
    assert "seconds" in _error(response, 422)["fields"]
    assert meeting.speaking_seconds == 180


def test_a_member_cannot_set_the_speaking_time(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.put(f"/api/v1/meetings/{meeting.id}/speaking-time",
                          headers=auth(meeting.council.test_members[1]), json={"seconds": 60})
    assert response.status_code == 403


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
    assert _error(response, 401)["code"] == "unauthorized"
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
    assert _error(response, 422)["code"] == "validation_error"


def test_listing_meetings_with_a_bad_token_is_401(client):
    response = client.get("/api/v1/meetings", headers={"Authorization": "Bearer gh_nothing"})
    assert _error(response, 401)["code"] == "unauthorized"
