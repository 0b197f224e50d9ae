"""The list of speakers on the current agenda item."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.meetings import permissions
from govhub.meetings.models import Meeting, MeetingStatus, SpeakerEntry, SpeakerStatus
from govhub.meetings.queries import attendance_of
from govhub.meetings.services import broadcast_speakers, checked_speaking_seconds


def _current_item(meeting: Meeting):
    if meeting.status != MeetingStatus.IN_SESSION:
        raise DomainError("not_in_session", _("The meeting is not in session."), status=409)
    item = meeting.current_item
    if item is None:
        raise DomainError("no_current_item", _("No agenda item is under discussion."),
                          status=409)
    return item


def _open_entry(item_id: int, user_id: int) -> SpeakerEntry | None:
    return db.session.scalar(sa.select(SpeakerEntry).where(
        SpeakerEntry.agenda_item_id == item_id, SpeakerEntry.user_id == user_id,
        SpeakerEntry.status.in_([SpeakerStatus.WAITING, SpeakerStatus.SPEAKING])))


def request_to_speak(actor, meeting: Meeting) -> SpeakerEntry:
    """A present member joins the queue for the current item (once)."""
    require(permissions.can_attend(actor, meeting),
            _("Only members of this council can ask to speak."))
    item = _current_item(meeting)
    attendance = attendance_of(meeting, actor.id)
    if attendance is None or not attendance.present:
        raise DomainError("not_present", _("Check in first, then ask to speak."), status=409)
    existing = _open_entry(item.id, actor.id)
    if existing is not None:
        return existing  # a second tap, or a second tab: still one place in the queue
    entry = SpeakerEntry(meeting_id=meeting.id, agenda_item_id=item.id, user_id=actor.id)
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except sa.exc.IntegrityError:
        return _open_entry(item.id, actor.id)
    record(actor, "speakers.requested", meeting, community_id=meeting.community_id,
           item_id=item.id)
    broadcast_speakers(meeting)
    return entry


def withdraw(actor, meeting: Meeting) -> None:
    require(permissions.can_attend(actor, meeting))
    item = _current_item(meeting)
    entry = _open_entry(item.id, actor.id)
    if entry is None or entry.status != SpeakerStatus.WAITING:
        raise DomainError("not_waiting", _("You are not waiting to speak."), status=409)
    entry.status, entry.finished_at = SpeakerStatus.WITHDRAWN, utcnow()
    db.session.flush()
    record(actor, "speakers.withdrawn", meeting, community_id=meeting.community_id,
           item_id=item.id)
    broadcast_speakers(meeting)


def next_speaker(actor, meeting: Meeting) -> SpeakerEntry | None:
    """The chair ends the current speech and gives the floor to the next in the queue."""
    require(permissions.can_chair(actor, meeting))
    item = _current_item(meeting)
    entries = db.session.scalars(sa.select(SpeakerEntry).where(
        SpeakerEntry.agenda_item_id == item.id,
        SpeakerEntry.status.in_([SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]))
        .order_by(SpeakerEntry.id)).all()
    now = utcnow()
    for entry in entries:
        if entry.status == SpeakerStatus.SPEAKING:
            entry.status, entry.finished_at = SpeakerStatus.DONE, now
    following = next((e for e in entries if e.status == SpeakerStatus.WAITING), None)
    if following is not None:
        following.status, following.started_at = SpeakerStatus.SPEAKING, now
        following.seconds = meeting.speaking_seconds
    db.session.flush()
    record(actor, "speakers.next", meeting, community_id=meeting.community_id, item_id=item.id,
           user_id=following.user_id if following else None)
    broadcast_speakers(meeting)
    return following


def set_speaking_time(actor, meeting: Meeting, seconds) -> None:
    """The chair sets the time each speaker gets from now on (and for the current one)."""
    require(permissions.can_chair(actor, meeting))
    meeting.speaking_seconds = checked_speaking_seconds(seconds)
    if meeting.status == MeetingStatus.IN_SESSION and meeting.current_item is not None:
        speaking = db.session.scalar(sa.select(SpeakerEntry).where(
            SpeakerEntry.agenda_item_id == meeting.current_item.id,
            SpeakerEntry.status == SpeakerStatus.SPEAKING))
        if speaking is not None:
            speaking.seconds = meeting.speaking_seconds
    db.session.flush()
    record(actor, "speakers.time_set", meeting, community_id=meeting.community_id,
           seconds=meeting.speaking_seconds)
    broadcast_speakers(meeting)
