"""Attendance: checking in and out, paper attendees, proxies."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER
from govhub.api.auth import token_required
from govhub.auth.models import User
from govhub.auth.queries import find_user
from govhub.core.errors import NotFound
from govhub.core.guards import require
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import api_bp, attendance, permissions
from govhub.meetings.api import errors
from govhub.meetings.models import Meeting
from govhub.meetings.queries import attendance_summary, visible_meeting
from govhub.meetings.schemas import (
    AttendanceResultSchema,
    PresentSchema,
    ProxySchema,
    RecordedAttendanceSchema,
)


def _attendance_result(meeting: Meeting) -> dict:
    return {"attendance": attendance_summary(meeting),
            "you": room_snapshot.viewer_state(meeting, g.api_user)}


@api_bp.post("/meetings/<int:meeting_id>/attendance")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AttendanceResultSchema)
@errors(401, 403, 404, 409)
def check_in(meeting_id):
    """Check yourself in (members, while in session). Checking in twice changes nothing."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    attendance.check_in(g.api_user, meeting)
    db.session.commit()
    return _attendance_result(meeting)


@api_bp.delete("/meetings/<int:meeting_id>/attendance")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AttendanceResultSchema)
@errors(401, 403, 404, 409)
def check_out(meeting_id):
    """Check yourself out (members, while in session)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    attendance.check_out(g.api_user, meeting)
    db.session.commit()
    return _attendance_result(meeting)


@api_bp.put("/meetings/<int:meeting_id>/attendance/<int:user_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PresentSchema)
@api_bp.response(200, RecordedAttendanceSchema)
@errors(400, 401, 403, 404, 409, 422)
def record_attendance(body, meeting_id, user_id):
    """Check a member in (present: true, e.g. a paper attendee) or out (staff and the chair)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_record_attendance(g.api_user, meeting))
    member = db.session.get(User, user_id) if is_id(user_id) else None
    if member is None:
        raise NotFound(_("There is no such member."))
    if body["present"]:
        attendance.check_in(g.api_user, meeting, member)
    else:
        attendance.check_out(g.api_user, meeting, member)
    db.session.commit()
    return {"attendance": attendance_summary(meeting), "user_id": member.id,
            "present": body["present"]}


@api_bp.put("/meetings/<int:meeting_id>/proxy")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ProxySchema)
@api_bp.response(200, AttendanceResultSchema)
@errors(400, 401, 403, 404, 409, 422)
def name_proxy(body, meeting_id):
    """Name a present voting member to count for you while you are absent (in session)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    attendance.name_proxy(g.api_user, meeting, find_user(body["holder_id"]))
    db.session.commit()
    return _attendance_result(meeting)


@api_bp.delete("/meetings/<int:meeting_id>/proxy")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AttendanceResultSchema)
@errors(401, 403, 404, 409)
def revoke_proxy(meeting_id):
    """Take back the proxy you named."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    attendance.revoke_proxy(g.api_user, meeting)
    db.session.commit()
    return _attendance_result(meeting)
