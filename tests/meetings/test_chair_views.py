"""The chair's console without JavaScript: every button of the chair, and who may press it.
"""

import pytest

from govhub.extensions import db
from govhub.meetings import attendance, speakers
from govhub.meetings.models import ItemStatus, MeetingStatus
from govhub.meetings.queries import attendance_of, speakers_payload
from tests.meetings.pages import _events

# --- the chair's buttons without JavaScript ---------------------------------------------

@pytest.fixture
def chair_console(client, login, post_form):
    """chair_console(meeting) signs the chair in; returns post(action, data) on the console."""

    def open_console(meeting):
        login(meeting.council.test_members[0])
        console = f"/meetings/{meeting.id}/chair"

        def post(action, data=None, **kwargs):
            return post_form(f"{console}/{action}", data, page=console, **kwargs)

        return post

    return open_console


def test_the_chair_takes_up_an_item_by_form(chair_console, make_meeting, broadcasts):
    meeting = make_meeting(items=3)
    post = chair_console(meeting)
    third = meeting.items[2]
    response = post("advance", {"item_id": str(third.id)})
    assert response.headers["Location"] == f"/meetings/{meeting.id}/chair"
    assert meeting.current_item.id == third.id
    assert meeting.items[0].status == ItemStatus.DONE
    assert _events(broadcasts, "agenda:update")[-1]["current_item_id"] == third.id


def test_next_item_by_form(chair_console, make_meeting):
    meeting = make_meeting(items=2)
    chair_console(meeting)("advance")
    assert meeting.current_item.id == meeting.items[1].id


def test_taking_up_an_unknown_item_is_not_found(chair_console, make_meeting):
    meeting = make_meeting()
    assert chair_console(meeting)("advance", {"item_id": "999999"}).status_code == 404


def test_the_chair_defers_an_item_by_form(chair_console, make_meeting):
    meeting = make_meeting()
    item = meeting.items[0]
    chair_console(meeting)(f"items/{item.id}/status", {"status": "deferred"})
    assert item.status == ItemStatus.DEFERRED


def test_an_item_of_another_meeting_is_not_found(chair_console, make_meeting):
    meeting, other = make_meeting(), make_meeting()
    post = chair_console(meeting)
    assert post(f"items/{other.items[0].id}/status", {"status": "done"}).status_code == 404


def test_a_bad_item_status_is_explained_and_changes_nothing(chair_console, make_meeting):
    meeting = make_meeting()
    response = chair_console(meeting)(f"items/{meeting.items[1].id}/status",
                                      {"status": "current"}, follow_redirects=True)
    assert "done, deferred or pending" in response.get_data(as_text=True)
    assert meeting.items[1].status == ItemStatus.PENDING


def test_the_chair_moves_an_item_up_by_form(chair_console, make_meeting, broadcasts):
    meeting = make_meeting(items=3)
    first, second, third = (item.id for item in meeting.items)
    post = chair_console(meeting)
    post(f"items/{third}/move", {"direction": "up"})
    db.session.expire(meeting)
    assert [item.id for item in meeting.items] == [first, third, second]
    assert _events(broadcasts, "agenda:update")
    post(f"items/{first}/move", {"direction": "up"})  # already first: nothing happens
    db.session.expire(meeting)
    assert [item.id for item in meeting.items] == [first, third, second]


def test_a_move_without_a_direction_is_a_bad_request(chair_console, make_meeting):
    meeting = make_meeting()
    assert chair_console(meeting)(f"items/{meeting.items[0].id}/move",
                                  {"direction": "sideways"}).status_code == 400


def test_the_chair_calls_the_next_speaker_and_sets_the_time(chair_console, make_meeting):
    meeting = make_meeting()
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    speakers.request_to_speak(member, meeting)
    db.session.commit()
    post = chair_console(meeting)
    post("next-speaker")
    assert speakers_payload(meeting)["current"]["user_id"] == member.id
    post("speaking-time", {"seconds": "120"})
    assert speakers_payload(meeting)["current"]["seconds"] == 120


@pytest.mark.parametrize("seconds", ["", "5", "abc", "99999"])
def test_a_bad_speaking_time_is_explained(chair_console, make_meeting, seconds):
    meeting = make_meeting()
    response = chair_console(meeting)("speaking-time", {"seconds": seconds},
                                      follow_redirects=True)
    assert "between 15 seconds and one hour" in response.get_data(as_text=True)
    assert meeting.speaking_seconds == 180


def test_the_chair_checks_a_paper_attendee_in_and_out(chair_console, make_meeting,
                                                      broadcasts):
    meeting = make_meeting()
    member = meeting.council.test_members[2]
    post = chair_console(meeting)
    post("attendance", {"user_id": str(member.id), "present": "1"})
    assert attendance_of(meeting, member.id).present
    assert attendance_of(meeting, member.id).via == "staff"
    post("attendance", {"user_id": str(member.id), "present": "0"})
    assert not attendance_of(meeting, member.id).present
    assert [u["changed"]["present"] for u in _events(broadcasts, "attendance:update")] == [
        True, False]


def test_a_stranger_cannot_be_checked_in(chair_console, make_meeting, make_user):
    meeting = make_meeting()
    stranger = make_user()
    response = chair_console(meeting)("attendance", {"user_id": str(stranger.id),
                                                     "present": "1"}, follow_redirects=True)
    assert "not a member of this council" in response.get_data(as_text=True)
    assert attendance_of(meeting, stranger.id) is None


def test_a_member_cannot_use_the_chair_s_buttons(client, login, post_form, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"/meetings/{meeting.id}/chair/advance", page=room)
    assert response.status_code == 403
    assert meeting.current_item.id == meeting.items[0].id


def test_the_chair_opens_and_adjourns_the_session(chair_console, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    post = chair_console(meeting)
    post("move", {"status": "in_session"})
    assert meeting.status == MeetingStatus.IN_SESSION
    assert _events(broadcasts, "meeting:state")[-1]["meeting"]["status"] == "in_session"
    post("move", {"status": "adjourned"})  # not confirmed
    assert meeting.status == MeetingStatus.IN_SESSION
    post("move", {"status": "adjourned", "confirm": "yes"})
    assert meeting.status == MeetingStatus.ADJOURNED


def test_the_console_cannot_skip_to_other_stages(chair_console, make_meeting):
    meeting = make_meeting()
    assert chair_console(meeting)("move", {"status": "minutes_published"}).status_code == 400
    assert meeting.status == MeetingStatus.IN_SESSION


def test_the_agenda_does_not_move_outside_the_session(chair_console, make_meeting, broadcasts):
    meeting = make_meeting("adjourned")
    post = chair_console(meeting)
    broadcasts.clear()
    response = post("advance", follow_redirects=True)
    assert "only while the meeting is in session" in response.get_data(as_text=True)
    assert not _events(broadcasts, "agenda:update")


def test_the_forms_need_their_csrf_token(client, login, make_meeting):
    meeting = make_meeting()
    member = meeting.council.test_members[1]
    login(member)
    assert client.post(f"/meetings/{meeting.id}/room/check-in").status_code == 400
    assert attendance_of(meeting, member.id) is None


def test_anonymous_posts_are_sent_to_sign_in(client, csrf, make_meeting):
    meeting = make_meeting()
    token = csrf("/login")
    for action in ("room/check-in", "room/speak", "chair/advance", "chair/attendance"):
        response = client.post(f"/meetings/{meeting.id}/{action}", data={"csrf_token": token})
        assert response.status_code == 302, action
        assert response.headers["Location"].startswith("/login"), action
