"""Meetings: scheduling, the agenda, the session's steps, the minutes.

Attendance (check-in, proxies) lives in attendance.py and the list of
speakers in speakers.py; all three follow the same pattern: authorise,
check the rule, change, audit, publish.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils.models import Council, CouncilMembership
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import permissions, rules
from govhub.meetings.models import (
    AgendaItem,
    ItemStatus,
    Meeting,
    MeetingStatus,
    SpeakerEntry,
    SpeakerStatus,
)
from govhub.meetings.queries import speakers_payload
from govhub.notifications.services import notify
from govhub.realtime import publish
from govhub.realtime.rooms import meeting_chair_room, meeting_room

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a wall
JOIN_CODE_LENGTH = 6
TITLE_MAX = 200
TEXT_MAX = 20_000
SPEAKING_SECONDS = (15, 3600)


# --- checks -------------------------------------------------------------------

def _text(value, field: str, maximum: int, required: bool = False) -> str:
    text = " ".join(str(value or "").split()) if maximum <= TITLE_MAX else str(value or "").strip()
    if required and not text:
        raise DomainError("required", _("This field is required."), field)
    if len(text) > maximum:
        raise DomainError("too_long", _("At most %(max)d characters.", max=maximum), field)
    return text


def checked_speaking_seconds(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not (
            SPEAKING_SECONDS[0] <= value <= SPEAKING_SECONDS[1]):
        raise DomainError("invalid_seconds",
                          _("Speaking time is between 15 seconds and one hour."), "seconds")
    return value


def _require_status(meeting: Meeting, allowed: frozenset[MeetingStatus] | set[MeetingStatus],
                    message: str | None = None) -> None:
    if meeting.status not in allowed:
        raise DomainError("wrong_status", message or _("The meeting is not at that stage."),
                          status=409)


def _new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not db.session.scalar(sa.select(Meeting.id).where(Meeting.join_code == code)):
            return code


def _members(meeting: Meeting) -> list:
    return [m.user for m in db.session.scalars(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == meeting.council_id, CouncilMembership.active.is_(True)))]


def broadcast_agenda(meeting: Meeting) -> None:
    """The room hears the agenda with announced polls; the chair's room also hears drafts."""
    publish(meeting_room(meeting.id), "agenda:update", room_snapshot.agenda_payload(meeting))
    publish(meeting_chair_room(meeting.id), "agenda:update",
            room_snapshot.agenda_payload(meeting, include_drafts=True))


def broadcast_speakers(meeting: Meeting) -> None:
    publish(meeting_room(meeting.id), "speakers:update", speakers_payload(meeting))


# --- the meeting ----------------------------------------------------------------

def create_meeting(actor, council: Council, title: str, starts_at: datetime, *,
                   place: str = "", description: str = "", is_public: bool = True,
                   speaking_seconds: int = 180, items: list[tuple[str, str]] = ()) -> Meeting:
    """Draft a meeting with its agenda; members hear of it when it is scheduled."""
    require(permissions.can_organise_meetings(actor, council))
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be an aware datetime")
    meeting = Meeting(
        council=council, title=_text(title, "title", TITLE_MAX, required=True),
        description=_text(description, "description", TEXT_MAX),
        place=_text(place, "place", TITLE_MAX), starts_at=starts_at, is_public=bool(is_public),
        speaking_seconds=checked_speaking_seconds(speaking_seconds), join_code=_new_join_code(),
        projector_key=secrets.token_urlsafe(32), created_by_id=getattr(actor, "id", None),
    )
    db.session.add(meeting)
    db.session.flush()
    for item_title, item_description in items:
        add_item(actor, meeting, item_title, item_description)
    record(actor, "meeting.created", meeting, community_id=council.community_id,
           council_id=council.id, title=meeting.title)
    return meeting


def update_meeting(actor, meeting: Meeting, *, title: str, starts_at: datetime, place: str,
                   description: str, is_public: bool, speaking_seconds: int) -> None:
    require(permissions.can_organise(actor, meeting))
    _require_status(meeting, {MeetingStatus.DRAFT, MeetingStatus.SCHEDULED})
    meeting.title = _text(title, "title", TITLE_MAX, required=True)
    meeting.starts_at = starts_at
    meeting.place = _text(place, "place", TITLE_MAX)
    meeting.description = _text(description, "description", TEXT_MAX)
    meeting.is_public = bool(is_public)
    meeting.speaking_seconds = checked_speaking_seconds(speaking_seconds)
    record(actor, "meeting.updated", meeting, community_id=meeting.community_id)


def move_meeting(actor, meeting: Meeting, target: MeetingStatus | str) -> None:
    """Take the meeting to its next stage, if the actor may and the stage may follow."""
    try:
        target = MeetingStatus(target)
    except ValueError:
        raise DomainError("invalid_status", _("There is no such stage."), "status") from None
    require(permissions.can_move_meeting(actor, meeting, target))
    if not rules.can_move(meeting.status, target):
        raise DomainError("wrong_status", _("The meeting cannot go from this stage to that one."),
                          status=409)
    _STEPS[target](actor, meeting)
    previous, meeting.status = meeting.status, target
    record(actor, "meeting.status_changed", meeting, community_id=meeting.community_id,
           old=previous.value, new=target.value)
    publish(meeting_room(meeting.id), "meeting:state", room_snapshot.snapshot(meeting))
    publish(meeting_chair_room(meeting.id), "meeting:state",
            room_snapshot.snapshot(meeting, True))


def _on_schedule(actor, meeting: Meeting) -> None:
    if not meeting.items:
        raise DomainError("empty_agenda", _("Add at least one agenda item first."), status=409)
    notify(_members(meeting), "meeting.scheduled",
           {"title": meeting.title, "council": meeting.council.name,
            "council_en": meeting.council.name_en,  # text_of picks the reader's
            "starts_at": meeting.starts_at.isoformat(),
            "timezone": meeting.council.community.timezone, "meeting_id": meeting.id},
           link=f"/meetings/{meeting.id}")


def _on_unschedule(actor, meeting: Meeting) -> None:
    """Back to draft: nothing to undo, members keep the notice that it was planned."""


def _on_start(actor, meeting: Meeting) -> None:
    meeting.started_at = utcnow()
    if meeting.current_item is None:
        first = next((item for item in meeting.items if item.status == ItemStatus.PENDING), None)
        if first is not None:
            first.status = ItemStatus.CURRENT
    notify(_members(meeting), "meeting.started", {"title": meeting.title,
                                                  "meeting_id": meeting.id},
           link=f"/meetings/{meeting.id}/room")


def _on_adjourn(actor, meeting: Meeting) -> None:
    meeting.adjourned_at = utcnow()
    if meeting.current_item is not None:
        _close_speakers(meeting.current_item)
    broadcast_speakers(meeting)


def _on_publish_minutes(actor, meeting: Meeting) -> None:
    if not meeting.minutes.strip():
        raise DomainError("no_minutes", _("Write the minutes before publishing them."),
                          status=409)
    meeting.minutes_published_at = utcnow()
    notify(_members(meeting), "meeting.minutes_published",
           {"title": meeting.title, "meeting_id": meeting.id}, link=f"/meetings/{meeting.id}")


_STEPS = {
    MeetingStatus.SCHEDULED: _on_schedule,
    MeetingStatus.DRAFT: _on_unschedule,
    MeetingStatus.IN_SESSION: _on_start,
    MeetingStatus.ADJOURNED: _on_adjourn,
    MeetingStatus.MINUTES_PUBLISHED: _on_publish_minutes,
}


def save_minutes(actor, meeting: Meeting, text: str) -> None:
    """The secretary's minutes, in Markdown; sanitised when shown."""
    require(permissions.can_write_minutes(actor, meeting))
    _require_status(meeting, {MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED},
                    _("Minutes are written during and after the session, until published."))
    meeting.minutes = _text(text, "minutes", 100_000)
    record(actor, "meeting.minutes_saved", meeting, community_id=meeting.community_id)


# --- the agenda -------------------------------------------------------------------

def add_item(actor, meeting: Meeting, title: str, description: str = "") -> AgendaItem:
    require(permissions.can_organise(actor, meeting))
    _require_status(meeting, rules.AGENDA_EDITABLE)
    item = _append_item(meeting, title, description)
    record(actor, "agenda.item_added", meeting, community_id=meeting.community_id,
           item_id=item.id, title=item.title)
    return item


def queue_item(meeting: Meeting, title: str, description: str, **origin) -> AgendaItem:
    """Put an item on the agenda on the council's own rules, not an organiser's hand (a
    proposal that reached its threshold); `origin` says what brought it, for the audit."""
    _require_status(meeting, rules.AGENDA_EDITABLE)
    item = _append_item(meeting, title[:TITLE_MAX], description[:TEXT_MAX])
    record(None, "agenda.item_queued", meeting, community_id=meeting.community_id,
           item_id=item.id, title=item.title, **origin)
    return item


def unqueue_item(item: AgendaItem, **origin) -> bool:
    """Take back an item `queue_item` put on an agenda, while the meeting has not begun;
    False (and the item stays, for the chair to defer) once it has."""
    meeting = item.meeting
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED):
        return False
    meeting.items.remove(item)
    db.session.flush()
    record(None, "agenda.item_unqueued", meeting, community_id=meeting.community_id,
           item_id=item.id, title=item.title, **origin)
    broadcast_agenda(meeting)
    return True


def _append_item(meeting: Meeting, title: str, description: str) -> AgendaItem:
    item = AgendaItem(meeting=meeting, title=_text(title, "title", TITLE_MAX, required=True),
                      description=_text(description, "description", TEXT_MAX),
                      position=rules.next_item_position([i.position for i in meeting.items]))
    db.session.add(item)
    db.session.flush()
    broadcast_agenda(meeting)
    return item


def update_item(actor, item: AgendaItem, title: str, description: str) -> None:
    meeting = item.meeting
    require(permissions.can_organise(actor, meeting))
    _require_status(meeting, rules.AGENDA_EDITABLE)
    item.title = _text(title, "title", TITLE_MAX, required=True)
    item.description = _text(description, "description", TEXT_MAX)
    record(actor, "agenda.item_updated", meeting, community_id=meeting.community_id,
           item_id=item.id)
    broadcast_agenda(meeting)


def remove_item(actor, item: AgendaItem) -> None:
    meeting = item.meeting
    require(permissions.can_organise(actor, meeting))
    _require_status(meeting, {MeetingStatus.DRAFT, MeetingStatus.SCHEDULED},
                    _("Once the session has started, defer an item instead of removing it."))
    meeting.items.remove(item)
    db.session.flush()
    record(actor, "agenda.item_removed", meeting, community_id=meeting.community_id,
           item_id=item.id, title=item.title)
    broadcast_agenda(meeting)


def reorder_items(actor, meeting: Meeting, item_ids: list) -> None:
    require(permissions.can_organise(actor, meeting) or permissions.can_chair(actor, meeting))
    _require_status(meeting, rules.AGENDA_EDITABLE)
    order = rules.reordered([item.id for item in meeting.items], item_ids)
    if order is None:
        raise DomainError("invalid_order", _("Send every agenda item exactly once."), "items")
    by_id = {item.id: item for item in meeting.items}
    for position, item_id in enumerate(order, start=1):
        by_id[item_id].position = position
    db.session.flush()
    db.session.expire(meeting, ["items"])
    record(actor, "agenda.reordered", meeting, community_id=meeting.community_id, order=order)
    broadcast_agenda(meeting)


def advance_agenda(actor, meeting: Meeting, item: AgendaItem | None = None) -> AgendaItem | None:
    """Close the current item and take up `item`, or the next pending one."""
    require(permissions.can_chair(actor, meeting))
    _require_status(meeting, {MeetingStatus.IN_SESSION},
                    _("The agenda moves only while the meeting is in session."))
    if item is not None and item.meeting_id != meeting.id:
        raise DomainError("unknown_item", _("That item is not on this agenda."), "item_id")
    current = meeting.current_item
    if current is not None:
        current.status = ItemStatus.DONE
        _close_speakers(current)
    target = item or next((i for i in meeting.items if i.status == ItemStatus.PENDING), None)
    if target is not None:
        target.status = ItemStatus.CURRENT
    record(actor, "agenda.advanced", meeting, community_id=meeting.community_id,
           item_id=target.id if target else None)
    broadcast_agenda(meeting)
    broadcast_speakers(meeting)
    return target


def set_item_status(actor, item: AgendaItem, status: ItemStatus | str) -> None:
    """Mark an item done or deferred, or put it back to pending."""
    meeting = item.meeting
    require(permissions.can_chair(actor, meeting))
    _require_status(meeting, {MeetingStatus.IN_SESSION})
    try:
        status = ItemStatus(status)
    except ValueError:
        status = None
    if status not in rules.ITEM_STATUSES_SET_BY_CHAIR:
        raise DomainError("invalid_status", _("An item can be done, deferred or pending."),
                          "status")
    if item.status == ItemStatus.CURRENT:
        _close_speakers(item)
    item.status = status
    record(actor, "agenda.item_status", meeting, community_id=meeting.community_id,
           item_id=item.id, status=status.value)
    broadcast_agenda(meeting)
    broadcast_speakers(meeting)


def _close_speakers(item: AgendaItem) -> None:
    now = utcnow()
    for entry in db.session.scalars(sa.select(SpeakerEntry).where(
            SpeakerEntry.agenda_item_id == item.id,
            SpeakerEntry.status.in_([SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]))):
        entry.status = (SpeakerStatus.DONE if entry.status == SpeakerStatus.SPEAKING
                        else SpeakerStatus.WITHDRAWN)
        entry.finished_at = now
    db.session.flush()
