"""The live room's pages without JavaScript: who sees them, and a member's buttons (the chair's
are in test_chair_views)."""

import re

import pytest

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.meetings.queries import attendance_of, attendance_summary, speakers_payload
from tests.meetings.pages import _events

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
