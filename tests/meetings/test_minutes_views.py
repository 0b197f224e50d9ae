"""Minutes and the meeting's record: written, published, and then public.
"""

from govhub.councils.models import MemberRole
from govhub.extensions import db
from govhub.meetings import attendance, services
from tests.helpers.records import organiser_of
from tests.meetings.pages import EN, _page, _reloaded, _with_role

# --- minutes and the record ----------------------------------------------------------------

def test_the_secretary_writes_the_minutes(client, login, post_form, make_meeting):
    meeting = make_meeting("adjourned")
    secretary = _with_role(meeting.council, 1, MemberRole.SECRETARY)
    login(secretary)
    response = post_form(f"/meetings/{meeting.id}/minutes", {"minutes": "## Decided\n\n- lifts"})
    assert response.status_code == 302
    assert _reloaded(meeting).minutes == "## Decided\n\n- lifts"


def test_a_member_cannot_write_the_minutes(client, login, make_meeting):
    meeting = make_meeting("adjourned")
    login(meeting.council.test_members[1])
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 403


def test_minutes_cannot_be_written_before_the_session(client, login, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = client.get(f"/meetings/{meeting.id}/minutes", headers=EN, follow_redirects=True)
    assert "Minutes are written once the session has opened" in response.get_data(as_text=True)


def test_unpublished_minutes_are_not_shown_to_the_public(client, make_meeting):
    meeting = make_meeting("adjourned")
    meeting.minutes = "Secret draft wording"
    db.session.commit()
    assert "Secret draft wording" not in _page(client, meeting)


def _published(make_meeting, minutes="# Decided\n\nLifts go ahead.", is_public=True):
    meeting = make_meeting("in_session", is_public=is_public)
    first, second, third = meeting.council.test_members
    organiser = organiser_of(meeting)
    attendance.check_in(first, meeting)
    attendance.check_in(organiser, meeting, second)
    attendance.name_proxy(third, meeting, first)
    services.move_meeting(organiser, meeting, "adjourned")
    services.save_minutes(organiser, meeting, minutes)
    services.move_meeting(organiser, meeting, "minutes_published")
    db.session.commit()
    return meeting


def test_published_minutes_are_rendered_for_anonymous_visitors(client, make_meeting):
    meeting = _published(make_meeting)
    page = _page(client, meeting)
    assert "<h1>Decided</h1>" in page and "Lifts go ahead." in page


def test_published_minutes_cannot_carry_scripts(client, make_meeting):
    meeting = _published(make_meeting, minutes="<script>alert(1)</script> [x](javascript:alert(1))")
    page = _page(client, meeting)
    assert "<script>alert(1)" not in page and 'href="javascript:' not in page


def test_the_record_tells_how_each_member_attended(client, login, make_meeting, make_user):
    meeting = _published(make_meeting)
    first, second, third = meeting.council.test_members
    login(make_user())  # any resident of the community
    page = _page(client, meeting)
    assert "2 members attended." in page
    assert "checked in by staff (on paper)" in page and "checked in on their phone" in page
    assert f"{third.display_name}, represented by {first.display_name}" in page


def test_anonymous_visitors_see_how_many_attended_but_not_who(client, make_meeting):
    meeting = _published(make_meeting)
    page = _page(client, meeting)
    assert "2 members attended." in page
    assert meeting.council.test_members[1].display_name not in page


def test_a_private_meetings_record_is_not_found_by_visitors(client, make_meeting):
    meeting = _published(make_meeting, is_public=False)
    assert client.get(f"/meetings/{meeting.id}").status_code == 404


def test_the_record_shows_each_items_final_status(client, make_meeting):
    meeting = _published(make_meeting)
    page = _page(client, meeting)
    assert "Under discussion when the meeting adjourned" in page
    assert "Not yet taken up" in page  # the second item was never reached
