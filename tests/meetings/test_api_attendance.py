"""The meetings JSON API: attendance (checking in and out, paper attendees, proxies),
each change seen by the room.
"""

import pytest

from govhub.meetings import attendance
from tests.helpers.api import api_error, sent
from tests.helpers.records import organiser_of

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
    assert api_error(response, 403)["code"] == "forbidden"
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
    assert api_error(response, 409)["code"] == "not_in_session"


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
    assert api_error(response, 409)["code"] == "not_present"


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
    assert api_error(response, 400)["code"] == "not_a_member"


@pytest.mark.parametrize("body", [{}, {"present": "yes"}, {"present": None}, {"present": 2}])
def test_recording_attendance_needs_present_true_or_false(client, auth, make_meeting, body):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    response = client.put(f"/api/v1/meetings/{meeting.id}/attendance/{member.id}",
                          headers=auth(organiser_of(meeting)), json=body)
    assert "present" in api_error(response, 422)["fields"]


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
    assert api_error(client.delete(f"/api/v1/meetings/{meeting.id}/proxy", headers=headers),
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
    assert "holder_id" in api_error(response, 422)["fields"]
