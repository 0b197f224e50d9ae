"""Reading meetings: lookups, lists, and the live room's payloads.

The payloads are what every client in a meeting's room sees; they never
depend on who asks, so one broadcast serves everyone. The room's snapshot,
which adds voting's polls to them, is govhub/live/room_snapshot.py.
"""

from __future__ import annotations

import math
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.auth.models import User
from govhub.core.after_transaction import after_commit
from govhub.core.clock import clock
from govhub.core.errors import DomainError, NotFound
from govhub.core.models import is_id, utcnow
from govhub.councils.models import Council, CouncilMembership, MemberRole
from govhub.councils.rules import quorum_met, weight_needed, weight_text
from govhub.extensions import db
from govhub.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    SpeakerEntry,
    SpeakerStatus,
)
from govhub.meetings.permissions import can_view
from govhub.meetings.rules import ANNOUNCED


def visible_meeting(actor, meeting_id, projector_key: str | None = None,
                    field: str | None = None) -> Meeting:
    """The meeting, if the actor may see it. One they may not see (a draft, a private
    meeting of another council) answers exactly as one that does not exist: 404, signed in
    or not, so that no answer tells that it exists; what they may do with one they see is
    asked after (403). Every page, endpoint and live event loads here. A live event names
    the payload's `field` that carried the id: its refusal is `unknown_meeting`, with it."""
    meeting = find_meeting(meeting_id)
    if meeting is None or not can_view(actor, meeting, projector_key=projector_key):
        if field:
            raise DomainError("unknown_meeting", _("There is no such meeting."), field,
                              status=404)
        raise NotFound(_("There is no such meeting."))
    return meeting


def find_meeting(meeting_id) -> Meeting | None:
    """The meeting with this id, or None for anything that is not a sane id.

    With its council and community, in one statement: every live event of the
    room asks who may act on the meeting, which reads the council's.
    """
    if not is_id(meeting_id):
        return None
    return db.session.get(Meeting, meeting_id, options=[
        orm.joinedload(Meeting.council).joinedload(Council.community)])


def meeting_by_join_code(code: str) -> Meeting | None:
    code = (code or "").strip().upper()
    if not code.isalnum() or len(code) > 8:
        return None
    return db.session.scalar(sa.select(Meeting).where(Meeting.join_code == code))


def meetings_of(council_id: int, include_drafts: bool) -> list[Meeting]:
    query = sa.select(Meeting).where(Meeting.council_id == council_id)
    if not include_drafts:
        query = query.where(Meeting.status.in_(ANNOUNCED))
    return list(db.session.scalars(query.order_by(Meeting.starts_at.desc())))


def attendance_of(meeting: Meeting, user_id: int) -> Attendance | None:
    return db.session.scalar(sa.select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.user_id == user_id))


def present_members(meeting: Meeting) -> list[tuple[User, Attendance]]:
    rows = db.session.execute(
        sa.select(User, Attendance).join(Attendance, Attendance.user_id == User.id)
        .where(Attendance.meeting_id == meeting.id, Attendance.present.is_(True))
        .order_by(User.display_name))
    return [(user, attendance) for user, attendance in rows]


def proxies_held(meeting: Meeting, holder_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Attendance.id)).where(
        Attendance.meeting_id == meeting.id, Attendance.proxy_holder_id == holder_id,
        Attendance.present.is_(False)))


# --- the room's payloads ------------------------------------------------------

def _voting_members(meeting: Meeting):
    return (sa.select(CouncilMembership.user_id, CouncilMembership.vote_weight)
            .where(CouncilMembership.council_id == meeting.council_id,
                   CouncilMembership.active.is_(True),
                   CouncilMembership.role != MemberRole.OBSERVER)
            .subquery())


def attendance_summary(meeting: Meeting) -> dict:
    """Who is here, what weight that carries, and whether quorum is met.

    One pass over the council's voting members with their attendance (and
    their proxy holder's): the room asks for this at every join, so it is
    two statements, not one per figure.
    """
    voters = _voting_members(meeting)
    own = orm.aliased(Attendance)
    holder = orm.aliased(Attendance)
    here = own.present.is_(True)
    represented = sa.and_(own.present.is_(False), holder.present.is_(True))

    def weight_if(condition):
        return sa.func.sum(sa.case((condition, voters.c.vote_weight), else_=0))

    def count_if(condition):
        return sa.func.count(sa.case((condition, 1)))

    row = db.session.execute(
        sa.select(sa.func.sum(voters.c.vote_weight), sa.func.count(),
                  weight_if(here), count_if(here),
                  weight_if(represented), count_if(represented))
        .select_from(voters)
        .outerjoin(own, sa.and_(own.meeting_id == meeting.id, own.user_id == voters.c.user_id))
        .outerjoin(holder, sa.and_(holder.meeting_id == meeting.id,
                                   holder.user_id == own.proxy_holder_id))).one()
    entitled_weight, present_weight, represented_weight = (
        Decimal(row[i] or 0) for i in (0, 2, 4))
    entitled_count, present_voters, represented_count = (int(row[i] or 0) for i in (1, 3, 5))
    present_people = db.session.scalar(sa.select(sa.func.count(Attendance.id)).where(
        Attendance.meeting_id == meeting.id, Attendance.present.is_(True)))
    counted = present_weight + represented_weight
    rules = meeting.council.rules
    return {
        "meeting_id": meeting.id,
        "present_count": present_people,
        "present_voters": present_voters,
        "represented_count": represented_count,
        "present_weight": weight_text(counted),
        "entitled_count": entitled_count,
        "entitled_weight": weight_text(entitled_weight),
        "quorum": {
            "rule": rules.key,
            "met": quorum_met(counted, entitled_weight, rules),
            "needed_weight": weight_text(weight_needed(entitled_weight, rules.quorum)),
        },
    }


_recent_summaries: dict[int, tuple[float, dict]] = {}


def recent_attendance_summary(meeting: Meeting) -> dict:
    """attendance_summary, reused by a burst of joins until the attendance changes.

    Two thousand phones joining within a minute would count the hall two
    thousand times. A change committed in this process forgets the count
    (see `attendance_changed`), so one server's snapshots are always exact;
    with several server processes a count may be up to one attendance
    interval old, and the change's coalesced `attendance:update` then
    reaches the joiner, already in the room.
    """
    settings = current_app.config["GOVHUB"]
    if settings["tally_interval_ms"] <= 0:  # summaries sent after every change: count now
        return attendance_summary(meeting)
    ttl = settings["attendance_interval_ms"] / 1000
    if ttl <= 0:
        return attendance_summary(meeting)
    now = clock().monotonic()
    counted_at, summary = _recent_summaries.get(meeting.id, (-math.inf, None))
    if now - counted_at > ttl:
        summary = attendance_summary(meeting)
        if len(_recent_summaries) > 1000:
            _recent_summaries.clear()
        _recent_summaries[meeting.id] = (now, summary)
    return summary


def attendance_changed(meeting: Meeting) -> None:
    """The meeting's attendance changed in this transaction: forget its count once committed."""
    after_commit(_recent_summaries.pop, meeting.id, None)


def _speaker(entry: SpeakerEntry) -> dict:
    data = {"entry_id": entry.id, "user_id": entry.user_id, "name": entry.user.display_name}
    if entry.status == SpeakerStatus.SPEAKING:
        data["started_at"] = entry.started_at.isoformat()
        data["seconds"] = entry.seconds
    return data


def speakers_payload(meeting: Meeting) -> dict:
    """The current item's speaker and queue, with the server's clock for countdowns."""
    current_item = meeting.current_item
    entries = [] if current_item is None else db.session.scalars(
        sa.select(SpeakerEntry).options(orm.joinedload(SpeakerEntry.user))
        .where(SpeakerEntry.agenda_item_id == current_item.id,
               SpeakerEntry.status.in_([SpeakerStatus.WAITING, SpeakerStatus.SPEAKING]))
        .order_by(SpeakerEntry.id)).all()
    speaking = next((e for e in entries if e.status == SpeakerStatus.SPEAKING), None)
    return {
        "meeting_id": meeting.id,
        "item_id": current_item.id if current_item else None,
        "current": _speaker(speaking) if speaking else None,
        "queue": [_speaker(e) for e in entries if e.status == SpeakerStatus.WAITING],
        "speaking_seconds": meeting.speaking_seconds,
        "server_time": utcnow().isoformat(),
    }


def meeting_payload(meeting: Meeting) -> dict:
    council = meeting.council
    return {
        "id": meeting.id, "title": meeting.title, "status": meeting.status.value,
        "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
        "is_public": meeting.is_public, "join_code": meeting.join_code,
        "council": {"id": council.id, "name": council.name, "name_en": council.name_en},
        "timezone": council.community.timezone,
    }


def sees_drafts(user, meeting: Meeting) -> bool:
    """Draft polls are for those who prepare and open them."""
    from govhub.meetings.permissions import can_chair, can_organise

    return can_organise(user, meeting) or can_chair(user, meeting)


def is_open(meeting: Meeting) -> bool:
    return meeting.status == MeetingStatus.IN_SESSION


def item_of(meeting: Meeting, item_id) -> AgendaItem | None:
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        return None
    return next((item for item in meeting.items if item.id == item_id), None)


def attendance_record(meeting: Meeting) -> list[Attendance]:
    """Everyone who was there at some point, or was represented by a proxy: the record."""
    return list(db.session.scalars(
        sa.select(Attendance).join(User, User.id == Attendance.user_id)
        .options(orm.joinedload(Attendance.user), orm.joinedload(Attendance.proxy_holder))
        .where(Attendance.meeting_id == meeting.id,
               sa.or_(Attendance.checked_in_at.is_not(None),
                      Attendance.proxy_holder_id.is_not(None)))
        .order_by(User.display_name)))


def meetings_of_councils(council_ids: list[int], statuses) -> list[Meeting]:
    """Meetings of these councils at these stages, soonest first (a community's front page)."""
    if not council_ids:
        return []
    return list(db.session.scalars(
        sa.select(Meeting).where(Meeting.council_id.in_(council_ids),
                                 Meeting.status.in_(list(statuses)))
        .order_by(Meeting.starts_at)))
