"""The live room's pages without JavaScript: who sees them, and the forms behind every button."""

import re

import pytest

from govhub.extensions import db
from govhub.meetings import attendance, speakers
from govhub.meetings.models import ItemStatus, MeetingStatus
from govhub.meetings.queries import attendance_of, attendance_summary, speakers_payload


def _events(broadcasts, name):
    return [payload for room, event, payload in broadcasts if event == name]


def _worker(meeting):
    from govhub.auth.models import User

    return db.session.get(User, meeting.created_by_id)


# --- who sees the pages --------------------------------------------------------------

def test_anyone_may_watch_a_public_meeting_s_room(client, make_meeting):
    meeting = make_meeting()
    page = client.get(f"/meetings/{meeting.id}/room")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert meeting.title in html and "议题 1" in html
    assert 'id="polls"' in html
    assert "/room/check-in" not in html  # watching, not taking part


def test_a_member_s_room_has_the_buttons(client, login, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    html = client.get(f"/meetings/{meeting.id}/room").get_data(as_text=True)
    assert f'action="/meetings/{meeting.id}/room/check-in"' in html
    assert 'data-event="attendance:check_in"' in html


def test_a_private_meeting_s_room_is_closed_to_non_members(client, login, make_meeting,
                                                           make_user):
    meeting = make_meeting(is_public=False)
    assert client.get(f"/meetings/{meeting.id}/room").status_code == 404  # as a missing one
    login(make_user())
    assert client.get(f"/meetings/{meeting.id}/room").status_code == 404


def test_a_private_meeting_s_room_is_open_to_members(client, login, make_meeting):
    meeting = make_meeting(is_public=False)
    login(meeting.council.test_members[2])
    assert client.get(f"/meetings/{meeting.id}/room").status_code == 200


def test_a_draft_has_no_room(client, make_meeting):
    meeting = make_meeting("draft")
    assert client.get(f"/meetings/{meeting.id}/room").status_code == 404


def test_an_unknown_meeting_is_not_found(client):
    assert client.get("/meetings/999999/room").status_code == 404
    assert client.get("/meetings/999999/projector").status_code == 404
    assert client.get("/meetings/999999/qr.svg").status_code == 404


def test_the_chair_console_is_the_chair_s(client, login, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[0])
    page = client.get(f"/meetings/{meeting.id}/chair")
    assert page.status_code == 200
    assert meeting.join_code in page.get_data(as_text=True)


def test_a_member_cannot_open_the_chair_console(client, login, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    assert client.get(f"/meetings/{meeting.id}/chair").status_code == 403


def test_the_chair_console_asks_anonymous_visitors_to_sign_in(client, make_meeting):
    meeting = make_meeting()
    response = client.get(f"/meetings/{meeting.id}/chair")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_public_meeting_s_projector_needs_no_sign_in(client, make_meeting):
    meeting = make_meeting()
    html = client.get(f"/meetings/{meeting.id}/projector").get_data(as_text=True)
    assert meeting.join_code in html
    assert f"/join/{meeting.join_code}" in html
    assert "site-header" not in html  # no navigation on the wall


def test_a_private_meeting_s_projector_needs_its_key(client, make_meeting):
    meeting = make_meeting(is_public=False)
    assert client.get(f"/meetings/{meeting.id}/projector").status_code == 404
    assert client.get(f"/meetings/{meeting.id}/projector?key=wrong").status_code == 404
    page = client.get(f"/meetings/{meeting.id}/projector?key={meeting.projector_key}")
    assert page.status_code == 200
    assert f'data-projector-key="{meeting.projector_key}"' in page.get_data(as_text=True)


def test_the_chair_console_links_a_private_meeting_s_projector_with_its_key(
        client, login, make_meeting):
    meeting = make_meeting(is_public=False)
    login(meeting.council.test_members[0])
    html = client.get(f"/meetings/{meeting.id}/chair").get_data(as_text=True)
    assert f"/meetings/{meeting.id}/projector?key={meeting.projector_key}" in html


def test_the_qr_code_is_an_svg_of_the_join_link(client, make_meeting):
    meeting = make_meeting()
    response = client.get(f"/meetings/{meeting.id}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg") and "viewBox" in svg
    assert "style=" not in svg


def test_a_private_meeting_s_qr_code_needs_its_key(client, make_meeting):
    meeting = make_meeting(is_public=False)
    assert client.get(f"/meetings/{meeting.id}/qr.svg").status_code == 404
    assert client.get(f"/meetings/{meeting.id}/qr.svg?key={meeting.projector_key}"
                      ).status_code == 200


def test_live_pages_carry_no_inline_style_or_script(client, login, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[0])
    for page in ("room", "chair", "projector"):
        html = client.get(f"/meetings/{meeting.id}/{page}").get_data(as_text=True)
        assert " style=" not in html, page
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page


# --- a member's buttons without JavaScript ----------------------------------------------

def test_checking_in_by_form_counts_and_is_broadcast(client, login, post_form, make_meeting,
                                                     broadcasts):
    meeting = make_meeting()
    member = meeting.council.test_members[1]
    login(member)
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"{room}/check-in", page=room)
    assert response.status_code == 302 and response.headers["Location"] == room
    assert attendance_of(meeting, member.id).present
    assert _events(broadcasts, "attendance:update")[-1]["changed"] == {
        "user_id": member.id, "present": True}


def test_checking_out_by_form(client, login, post_form, make_meeting):
    meeting = make_meeting()
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    db.session.commit()
    login(member)
    room = f"/meetings/{meeting.id}/room"
    post_form(f"{room}/check-out", page=room)
    assert not attendance_of(meeting, member.id).present


def test_asking_to_speak_and_withdrawing_by_form(client, login, post_form, make_meeting,
                                                 broadcasts):
    meeting = make_meeting()
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    db.session.commit()
    login(member)
    room = f"/meetings/{meeting.id}/room"
    post_form(f"{room}/speak", page=room)
    assert [e["user_id"] for e in speakers_payload(meeting)["queue"]] == [member.id]
    assert _events(broadcasts, "speakers:update")
    html = client.get(room).get_data(as_text=True)
    assert 'data-show-if="in_session queued"' in html
    post_form(f"{room}/withdraw", page=room)
    assert speakers_payload(meeting)["queue"] == []


def test_asking_to_speak_before_checking_in_is_explained(client, login, post_form,
                                                         make_meeting, broadcasts):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    broadcasts.clear()
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"{room}/speak", page=room, follow_redirects=True)
    assert "Check in first" in response.get_data(as_text=True)
    assert speakers_payload(meeting)["queue"] == []
    assert not _events(broadcasts, "speakers:update")


def test_checking_in_before_the_session_is_refused_with_a_message(client, login, post_form,
                                                                  make_meeting):
    meeting = make_meeting("scheduled")
    member = meeting.council.test_members[1]
    login(member)
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"{room}/check-in", page=room, follow_redirects=True)
    assert "not in session" in response.get_data(as_text=True)
    assert attendance_of(meeting, member.id) is None


def test_a_non_member_cannot_check_in_by_form(client, login, post_form, make_meeting,
                                              make_user):
    meeting = make_meeting()
    outsider = make_user()
    login(outsider)
    room = f"/meetings/{meeting.id}/room"
    assert post_form(f"{room}/check-in", page=room).status_code == 403
    assert attendance_of(meeting, outsider.id) is None


def test_naming_and_revoking_a_proxy_by_form(client, login, post_form, make_meeting):
    meeting = make_meeting()
    _chair, absent, holder = meeting.council.test_members
    attendance.check_in(holder, meeting)
    db.session.commit()
    login(absent)
    chooser = client.get(f"/meetings/{meeting.id}/room/proxy").get_data(as_text=True)
    assert holder.display_name in chooser and f'value="{holder.id}"' in chooser
    room = f"/meetings/{meeting.id}/room"
    post_form(f"{room}/proxy", {"holder_id": str(holder.id)}, page=room)
    assert attendance_of(meeting, absent.id).proxy_holder_id == holder.id
    assert attendance_summary(meeting)["represented_count"] == 1
    assert f"{holder.display_name}" in client.get(room).get_data(as_text=True)
    post_form(f"{room}/proxy/revoke", page=room)
    assert attendance_of(meeting, absent.id).proxy_holder_id is None


def test_a_proxy_for_someone_absent_is_refused(client, login, post_form, make_meeting):
    meeting = make_meeting()
    _chair, absent, other = meeting.council.test_members
    login(absent)
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"{room}/proxy", {"holder_id": str(other.id)}, page=room,
                         follow_redirects=True)
    assert "voting member who is present" in response.get_data(as_text=True)
    attendance_row = attendance_of(meeting, absent.id)
    assert attendance_row is None or attendance_row.proxy_holder_id is None


@pytest.mark.parametrize("holder_id", ["", "abc", "999999"])
def test_a_proxy_for_nobody_is_refused(client, login, post_form, make_meeting, holder_id):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    room = f"/meetings/{meeting.id}/room"
    response = post_form(f"{room}/proxy", {"holder_id": holder_id}, page=room)
    assert response.status_code == 302


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
