"""A meeting as an iCalendar (.ics) entry members add to their phone's calendar."""

from __future__ import annotations

from datetime import UTC, timedelta

from icalendar import Calendar, Event

from govhub.core.models import utcnow
from govhub.meetings.models import Meeting, MeetingStatus

# A meeting without a planned end shows in calendars as two hours long.
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the meeting's whole life, so that a re-download updates the entry."""
    created = meeting.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"meeting-{meeting.id}-{created}@govhub"


def _description(meeting: Meeting, url: str) -> str:
    parts = [meeting.description.strip()] if meeting.description.strip() else []
    agenda = [f"{index}. {item.title}" for index, item in enumerate(meeting.items, start=1)]
    if agenda:
        parts.append("\n".join(agenda))
    parts.append(url)
    return "\n\n".join(parts)


def meeting_ics(meeting: Meeting, url: str, council_name: str) -> bytes:
    """The .ics file: UID, DTSTART in UTC, SUMMARY, LOCATION, DESCRIPTION (with the agenda), URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//GovHub//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", utcnow().replace(microsecond=0))
    start = meeting.starts_at.astimezone(UTC).replace(microsecond=0)
    event.add("dtstart", start)
    event.add("dtend", (meeting.ends_at.astimezone(UTC).replace(microsecond=0)
                        if meeting.ends_at and meeting.ends_at > start else start + DEFAULT_LENGTH))
    event.add("summary", f"{council_name}: {meeting.title}" if council_name else meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _description(meeting, url))
    event.add("url", url)
    event.add("status", "TENTATIVE" if meeting.status == MeetingStatus.DRAFT else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
