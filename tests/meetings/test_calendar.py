"""A meeting's .ics entry, read back with icalendar as a calendar app would."""

from datetime import UTC, datetime

from icalendar import Calendar

from govhub.extensions import db


def _event(client, meeting):
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    return event


def test_the_ics_is_a_calendar_file_to_download(client, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]


def test_the_entry_starts_at_the_meetings_time_in_utc(client, make_meeting):
    meeting = make_meeting("scheduled")
    meeting.starts_at = datetime(2026, 12, 3, 11, 30, tzinfo=UTC)
    db.session.commit()
    start = _event(client, meeting).decoded("dtstart")
    assert start == datetime(2026, 12, 3, 11, 30, tzinfo=UTC)
    assert start.utcoffset().total_seconds() == 0


def test_the_entry_names_the_meeting_its_place_and_agenda(client, make_meeting):
    meeting = make_meeting("scheduled", title="加装电梯议事会")
    event = _event(client, meeting)
    assert "加装电梯议事会" in str(event["summary"])
    assert str(event["location"]) == "社区活动室"
    assert "1. 议题 1" in str(event["description"]) and "2. 议题 2" in str(event["description"])


def test_the_entry_links_to_the_meeting_page(client, make_meeting):
    meeting = make_meeting("scheduled")
    assert str(_event(client, meeting)["url"]).endswith(f"/meetings/{meeting.id}")


def test_the_uid_stays_the_same_when_the_meeting_changes(client, make_meeting):
    meeting = make_meeting("scheduled")
    first = str(_event(client, meeting)["uid"])
    meeting.title, meeting.place = "Moved", "Elsewhere"
    db.session.commit()
    assert str(_event(client, meeting)["uid"]) == first


def test_each_meeting_has_its_own_uid(client, make_meeting):
    assert _event(client, make_meeting("scheduled"))["uid"] != \
        _event(client, make_meeting("scheduled"))["uid"]


def test_a_private_meetings_entry_is_not_found_by_visitors(client, make_meeting):
    meeting = make_meeting("scheduled", is_public=False)
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 404  # as a missing one


def test_a_member_downloads_a_private_meetings_entry(client, login, make_meeting):
    meeting = make_meeting("scheduled", is_public=False)
    login(meeting.council.test_members[1])
    assert str(_event(client, meeting)["location"]) == "社区活动室"


def test_a_drafts_entry_does_not_exist_for_members(client, login, make_meeting):
    meeting = make_meeting("draft")
    login(meeting.council.test_members[1])
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 404
