"""The meetings JSON API: the list of speakers and the speaking time, each change seen
by the room.
"""

import pytest

from govhub.extensions import db
from govhub.meetings import attendance, speakers
from tests.helpers.api import api_error, sent

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
    assert api_error(absent, 409)["code"] == "not_present"
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
    assert api_error(again, 409)["code"] == "not_waiting"


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
    assert api_error(response, 409)["code"] == "not_in_session"


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
    assert "seconds" in api_error(response, 422)["fields"]
    assert meeting.speaking_seconds == 180


def test_a_member_cannot_set_the_speaking_time(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.put(f"/api/v1/meetings/{meeting.id}/speaking-time",
                          headers=auth(meeting.council.test_members[1]), json={"seconds": 60})
    assert response.status_code == 403
