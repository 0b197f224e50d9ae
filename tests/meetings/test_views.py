"""Meeting pages: planning, who sees the page, its stages (agenda: test_agenda_views; minutes
and the record: test_minutes_views; join codes and the front page: test_join_views)."""

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.notifications.models import Notification
from tests.helpers.records import organiser_of
from tests.meetings.pages import EN, _page, _reloaded

PLAN = {"title": "加装电梯议事会", "date": "2026-12-03", "time": "19:30", "place": "社区活动室",
        "description": "Lifts for buildings 3 and 5.", "is_public": "y",
        "speaking_minutes": "2.5", "items": "Lift in building 3\n\n  Lift in building 5  \n"}


# --- planning -----------------------------------------------------------------------

def test_a_worker_plans_a_meeting_in_the_community_time_zone(client, login, post_form,
                                                              make_council, make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/meetings/new", PLAN)
    assert response.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.council_id == council.id))
    assert response.headers["Location"] == f"/meetings/{meeting.id}"
    assert meeting.starts_at == datetime(2026, 12, 3, 11, 30, tzinfo=UTC)  # Shanghai is UTC+8
    assert meeting.status == MeetingStatus.DRAFT and meeting.speaking_seconds == 150


def test_the_agenda_typed_one_item_per_line_becomes_the_meetings_items(client, login, post_form,
                                                                        make_council, make_user):
    council = make_council()
    login(make_user("worker"))
    post_form(f"/councils/{council.id}/meetings/new", PLAN)
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.council_id == council.id))
    assert [item.title for item in meeting.items] == ["Lift in building 3", "Lift in building 5"]


def test_the_council_chair_may_plan_a_meeting(client, login, post_form, make_council):
    council = make_council()
    login(council.test_members[0])
    assert post_form(f"/councils/{council.id}/meetings/new", PLAN).status_code == 302


def test_a_member_cannot_plan_a_meeting(client, login, post_form, make_council):
    council = make_council()
    login(council.test_members[1])
    assert client.get(f"/councils/{council.id}/meetings/new").status_code == 403
    response = post_form(f"/councils/{council.id}/meetings/new", PLAN, page="/")
    assert response.status_code == 403
    assert db.session.scalar(sa.select(Meeting).where(Meeting.council_id == council.id)) is None


def test_a_plan_without_title_or_valid_date_comes_back_with_errors(client, login, post_form,
                                                                   make_council, make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/meetings/new",
                         {**PLAN, "title": "", "date": "2026-13-45"}, headers=EN)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This field is required." in page and "Not a valid date value." in page
    assert db.session.scalar(sa.select(Meeting).where(Meeting.council_id == council.id)) is None


def test_a_too_short_speaking_time_is_refused(client, login, post_form, make_council, make_user):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/meetings/new",
                         {**PLAN, "speaking_minutes": "0.1"}, headers=EN)
    assert response.status_code == 200
    assert "Number must be between 0.25 and 60." in response.get_data(as_text=True)


def test_planning_for_an_unknown_council_is_404(client, login, make_user):
    login(make_user("worker"))
    assert client.get("/councils/999999/meetings/new").status_code == 404


def test_an_organiser_edits_a_scheduled_meeting(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/edit",
                         {**PLAN, "title": "Lifts, second round", "time": "09:00"})
    assert response.status_code == 302
    meeting = _reloaded(meeting)
    assert meeting.title == "Lifts, second round"
    assert meeting.starts_at == datetime(2026, 12, 3, 1, 0, tzinfo=UTC)


def test_the_edit_form_shows_the_time_as_typed_in_the_community(client, login, post_form,
                                                                make_meeting):
    meeting = make_meeting("draft")
    login(organiser_of(meeting))
    post_form(f"/meetings/{meeting.id}/edit", PLAN)
    page = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert 'value="19:30"' in page and 'value="2026-12-03"' in page and 'value="2.5"' in page


def test_a_meeting_in_session_can_no_longer_be_edited(client, login, post_form, make_meeting):
    meeting = make_meeting("in_session")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/edit", PLAN, page=f"/meetings/{meeting.id}",
                         headers=EN, follow_redirects=True)
    assert "can be edited until its session opens" in response.get_data(as_text=True)
    assert _reloaded(meeting).title == "加装电梯议事会"


# --- who sees the page ----------------------------------------------------------------

def test_a_public_meeting_is_readable_without_signing_in(client, make_meeting):
    meeting = make_meeting("scheduled")
    page = _page(client, meeting)
    assert "加装电梯议事会" in page and "议题 1" in page and "社区活动室" in page


def test_the_time_is_shown_in_the_community_time_zone(client, make_meeting):
    meeting = make_meeting("scheduled")
    meeting.starts_at = datetime(2026, 12, 3, 11, 30, tzinfo=UTC)
    db.session.commit()
    assert "December 3, 2026 7:30" in _page(client, meeting)


CSRF_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="[^"]*"')


def _alike(client, meeting, suffix: str = "", method: str = "GET"):
    """The answer for the meeting, and for an id that does not exist, side by side."""
    answers = [client.open(f"/meetings/{meeting_id}{suffix}", method=method)
               for meeting_id in (meeting.id, 999_999)]
    def same(text: str) -> str:
        for written in (f"%2F{meeting.id}", f"/meetings/{meeting.id}", "%2F999999",
                        "/meetings/999999"):
            text = text.replace(written, "ID")
        # The menu's sign-out form carries a CSRF token, signed with the second it was made:
        # two pages a moment apart may differ there and nowhere else.
        return CSRF_TOKEN.sub("csrf_token", text)

    return [(a.status_code, same(a.headers.get("Location", "")), same(a.get_data(as_text=True)))
            for a in answers]


PRIVATE_PAGES = [("", "GET"), ("/room", "GET"), ("/chair", "GET"), ("/projector", "GET"),
                 ("/qr.svg", "GET"), (".ics", "GET"), ("/edit", "GET"), ("/minutes", "GET"),
                 ("/status", "POST"), ("/items", "POST"), ("/room/check-in", "POST"),
                 ("/room/proxy", "GET"), ("/polls/new", "GET")]


@pytest.mark.parametrize("suffix, method", PRIVATE_PAGES)
def test_a_private_meeting_answers_anonymous_visitors_as_a_missing_one(client, make_meeting,
                                                                       suffix, method):
    meeting = make_meeting("scheduled", is_public=False)
    private, missing = _alike(client, meeting, suffix, method)
    assert private == missing


@pytest.mark.parametrize("suffix, method", PRIVATE_PAGES)
def test_a_private_meeting_answers_residents_outside_the_council_as_a_missing_one(
        client, login, make_meeting, make_user, suffix, method):
    meeting = make_meeting("scheduled", is_public=False)
    login(make_user())
    private, missing = _alike(client, meeting, suffix, method)
    assert private == missing
    if method == "GET":
        assert private[0] == 404


def test_a_private_meeting_is_shown_to_its_members(client, login, make_meeting):
    meeting = make_meeting("scheduled", is_public=False)
    login(meeting.council.test_members[2])
    assert "加装电梯议事会" in _page(client, meeting)


def test_a_draft_is_invisible_to_members(client, login, make_meeting):
    meeting = make_meeting("draft")
    login(meeting.council.test_members[2])
    assert client.get(f"/meetings/{meeting.id}").status_code == 404


def test_a_draft_is_shown_to_its_organiser(client, login, make_meeting):
    meeting = make_meeting("draft")
    login(organiser_of(meeting))
    assert "Schedule and notify members" in _page(client, meeting)


def test_an_unknown_meeting_is_404(client):
    assert client.get("/meetings/999999").status_code == 404


# --- moving through the stages ------------------------------------------------------------

def test_scheduling_from_the_page_notifies_the_members(client, login, post_form, make_meeting):
    meeting = make_meeting("draft")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/status", {"status": "scheduled"},
                         page=f"/meetings/{meeting.id}")
    assert response.status_code == 302
    assert _reloaded(meeting).status == MeetingStatus.SCHEDULED
    notified = db.session.scalars(sa.select(Notification.user_id).where(
        Notification.kind == "meeting.scheduled")).all()
    assert sorted(notified) == sorted(m.id for m in meeting.council.test_members)


def test_the_chair_is_offered_to_open_the_session_or_go_back_to_draft(client, login,
                                                                      make_meeting):
    meeting = make_meeting("scheduled")
    login(meeting.council.test_members[0])
    page = _page(client, meeting)
    assert 'value="in_session"' in page and 'value="draft"' in page
    assert 'value="adjourned"' not in page


def test_a_member_is_offered_no_steps(client, login, make_meeting):
    meeting = make_meeting("scheduled")
    login(meeting.council.test_members[1])
    assert 'name="status"' not in _page(client, meeting)


def test_a_member_cannot_open_the_session(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(meeting.council.test_members[1])
    response = post_form(f"/meetings/{meeting.id}/status", {"status": "in_session"},
                         page=f"/meetings/{meeting.id}")
    assert response.status_code == 403
    assert _reloaded(meeting).status == MeetingStatus.SCHEDULED


def test_a_step_that_cannot_follow_is_explained_and_changes_nothing(client, login, post_form,
                                                                    make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/status", {"status": "adjourned"},
                         page=f"/meetings/{meeting.id}", headers=EN, follow_redirects=True)
    assert "The meeting cannot go from this stage to that one." in response.get_data(as_text=True)
    assert _reloaded(meeting).status == MeetingStatus.SCHEDULED


def test_an_unknown_stage_is_refused_with_a_message(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/status", {"status": "party"},
                         page=f"/meetings/{meeting.id}", headers=EN, follow_redirects=True)
    assert "There is no such stage." in response.get_data(as_text=True)


def test_scheduling_an_empty_agenda_says_why(client, login, post_form, make_meeting):
    meeting = make_meeting("draft", items=0)
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/status", {"status": "scheduled"},
                         page=f"/meetings/{meeting.id}", headers=EN, follow_redirects=True)
    assert "Add at least one agenda item first." in response.get_data(as_text=True)
    assert _reloaded(meeting).status == MeetingStatus.DRAFT


def test_in_session_the_page_leads_to_the_live_room(client, make_meeting):
    meeting = make_meeting("in_session")
    assert f'href="/meetings/{meeting.id}/room"' in _page(client, meeting)


def test_after_adjournment_the_page_no_longer_leads_to_the_room(client, make_meeting):
    meeting = make_meeting("adjourned")
    assert f'href="/meetings/{meeting.id}/room"' not in _page(client, meeting)


@pytest.mark.parametrize("field, value", [
    ("speaking_minutes", "NaN"), ("speaking_minutes", "sNaN"), ("speaking_minutes", "Infinity"),
    ("speaking_minutes", "many"), ("date", "0001-01-01"), ("date", "9999-12-31"),
    ("time", "25:00"),
])
def test_nonsense_in_the_plan_is_refused_on_the_form(client, login, post_form, make_council,
                                                     make_user, field, value):
    council = make_council()
    login(make_user("worker"))
    response = post_form(f"/councils/{council.id}/meetings/new", {**PLAN, field: value},
                         headers=EN)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Meeting).where(Meeting.council_id == council.id)) is None


def test_the_edit_form_shows_ten_minutes_as_10(client, login, make_meeting):
    meeting = make_meeting("draft")
    meeting.speaking_seconds = 600
    db.session.commit()
    login(organiser_of(meeting))
    assert 'value="10"' in client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)


def test_a_signed_out_member_is_offered_to_sign_in_and_come_back(client, login, make_meeting):
    meeting = make_meeting("scheduled", is_public=False)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'href="/login?next=/meetings/{meeting.id}"' in page
    login(meeting.council.test_members[2])
    assert client.get(f"/meetings/{meeting.id}").status_code == 200
