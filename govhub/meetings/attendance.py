"""Who is in the room: check-in and check-out, on one's phone or by a worker, and proxies."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils.queries import active_membership
from govhub.extensions import db
from govhub.meetings import permissions
from govhub.meetings.models import Attendance, Meeting, MeetingStatus
from govhub.meetings.queries import (
    attendance_changed,
    attendance_of,
    attendance_summary,
    proxies_held,
)
from govhub.realtime import coalesce
from govhub.realtime.rooms import meeting_room


def _require_in_session(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.IN_SESSION:
        raise DomainError("not_in_session", _("The meeting is not in session."), status=409)


def _attendance(meeting: Meeting, user_id: int) -> Attendance:
    """The member's attendance row, created on first need (a savepoint absorbs races)."""
    existing = attendance_of(meeting, user_id)
    if existing is not None:
        return existing
    try:
        with db.session.begin_nested():
            attendance = Attendance(meeting_id=meeting.id, user_id=user_id)
            db.session.add(attendance)
    except sa.exc.IntegrityError:
        return attendance_of(meeting, user_id)
    return attendance


def _broadcast(meeting: Meeting, user_id: int, present: bool) -> None:
    """The room learns the new counts, coalesced: one summary per interval, not per arrival."""
    attendance_changed(meeting)
    coalesce.mark("attendance", meeting.id, {"user_id": user_id, "present": present})


def seats_changed(council_id: int) -> None:
    """A member was seated, unseated or given another weight: the council's rooms in
    session recount who is entitled (the quorum base) and tell the hall."""
    for meeting_id in db.session.scalars(sa.select(Meeting.id).where(
            Meeting.council_id == council_id, Meeting.status == MeetingStatus.IN_SESSION)):
        attendance_changed(db.session.get(Meeting, meeting_id))
        coalesce.mark("attendance", meeting_id)


@coalesce.sender("attendance", spacing_setting="attendance_interval_ms")
def _send_summary(meeting_id: int, changes: list, send) -> None:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        return
    send(meeting_room(meeting_id), "attendance:update",
         {**attendance_summary(meeting), "changed": changes[-1] if changes else None,
          "changes": changes})


def check_in(actor, meeting: Meeting, member=None) -> Attendance:
    """A member checks in on their phone; staff or the chair check in someone on paper."""
    member = member or actor
    if member is actor:
        require(permissions.can_attend(actor, meeting),
                _("Only members of this council can check in."))
    else:
        require(permissions.can_record_attendance(actor, meeting))
        if active_membership(meeting.council_id, member.id) is None:
            raise DomainError("not_a_member", _("That person is not a member of this council."),
                              "user_id")
    _require_in_session(meeting)
    attendance = _attendance(meeting, member.id)
    if attendance.present:
        return attendance  # checking in twice (two tabs, a retry) changes nothing
    attendance.present, attendance.checked_in_at = True, utcnow()
    attendance.checked_out_at = None
    attendance.via = "self" if member is actor else "staff"
    attendance.proxy_holder_id = None  # here in person: their proxy is no longer needed
    db.session.flush()
    record(actor, "attendance.checked_in", meeting, community_id=meeting.community_id,
           user_id=member.id, via=attendance.via)
    _broadcast(meeting, member.id, True)
    return attendance


def check_out(actor, meeting: Meeting, member=None) -> None:
    """A member leaves (or staff record that they left)."""
    member = member or actor
    if member is not actor:
        require(permissions.can_record_attendance(actor, meeting))
    else:
        require(permissions.can_attend(actor, meeting))
    _require_in_session(meeting)
    attendance = attendance_of(meeting, member.id)
    if attendance is None or not attendance.present:
        raise DomainError("not_present", _("That member is not checked in."), status=409)
    attendance.present, attendance.checked_out_at = False, utcnow()
    db.session.flush()
    record(actor, "attendance.checked_out", meeting, community_id=meeting.community_id,
           user_id=member.id)
    _broadcast(meeting, member.id, False)


def name_proxy(actor, meeting: Meeting, holder) -> None:
    """An absent member names a present member to count (and later vote) for them."""
    require(permissions.can_attend(actor, meeting))
    _require_in_session(meeting)
    own = active_membership(meeting.council_id, actor.id)
    if not own.votes:
        raise DomainError("no_vote", _("Observers hold no vote to hand over."), status=409)
    if holder is None or holder.id == actor.id:
        raise DomainError("invalid_holder", _("Choose another member of the council."),
                          "holder_id")
    holder_membership = active_membership(meeting.council_id, holder.id)
    holder_attendance = attendance_of(meeting, holder.id)
    if holder_membership is None or not holder_membership.votes or not (
            holder_attendance and holder_attendance.present):
        raise DomainError("holder_absent",
                          _("A proxy goes to a voting member who is present."), "holder_id")
    if holder_attendance.proxy_holder_id == actor.id:
        raise DomainError("invalid_holder", _("Choose another member of the council."),
                          "holder_id")
    attendance = _attendance(meeting, actor.id)
    if attendance.present:
        raise DomainError("present", _("You are here; you vote yourself."), status=409)
    if proxies_held(meeting, holder.id) >= meeting.council.max_proxies_per_holder:
        raise DomainError("too_many_proxies",
                          _("That member already holds as many proxies as the council allows."),
                          "holder_id", status=409)
    attendance.proxy_holder_id = holder.id
    db.session.flush()
    record(actor, "attendance.proxy_named", meeting, community_id=meeting.community_id,
           user_id=actor.id, holder_id=holder.id)
    _broadcast(meeting, actor.id, False)


def revoke_proxy(actor, meeting: Meeting) -> None:
    require(permissions.can_attend(actor, meeting))
    attendance = attendance_of(meeting, actor.id)
    if attendance is None or attendance.proxy_holder_id is None:
        raise DomainError("no_proxy", _("You have not named a proxy."), status=409)
    holder_id, attendance.proxy_holder_id = attendance.proxy_holder_id, None
    db.session.flush()
    record(actor, "attendance.proxy_revoked", meeting, community_id=meeting.community_id,
           user_id=actor.id, holder_id=holder_id)
    _broadcast(meeting, actor.id, False)
