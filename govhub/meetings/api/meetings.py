"""The meetings themselves: lists, drafting, details, stages and minutes."""

from __future__ import annotations

import marshmallow as ma
import sqlalchemy as sa
from flask import g
from marshmallow import validate

from govhub.api import BEARER, OPTIONAL_BEARER
from govhub.api.auth import optional_token, token_required
from govhub.core.guards import require
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import api_bp, permissions, services
from govhub.meetings.api import errors
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.queries import (
    meetings_of,
    sees_drafts,
    visible_meeting,
)
from govhub.meetings.rules import ANNOUNCED
from govhub.meetings.schemas import (
    STATUSES,
    MeetingCreateSchema,
    MeetingDetailSchema,
    MeetingSchema,
    MeetingUpdateSchema,
    MinutesSchema,
    StatusSchema,
)


def _detail(meeting: Meeting) -> dict:
    actor = g.api_user
    minutes_shown = (meeting.status == MeetingStatus.MINUTES_PUBLISHED
                     or permissions.can_write_minutes(actor, meeting))
    return {"meeting": meeting, "minutes": meeting.minutes if minutes_shown else None,
            "state": room_snapshot.snapshot(meeting, sees_drafts(actor, meeting)),
            "you": room_snapshot.viewer_state(meeting, actor)}



@api_bp.get("/councils/<int:council_id>/meetings")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, MeetingSchema(many=True))
@errors(401, 404)
def list_meetings(council_id):
    """A council's meetings that you may see, latest first (drafts for their organisers)."""
    council = get_council_or_404(council_id)
    actor = g.api_user
    drafts = permissions.can_organise_meetings(actor, council)
    db.session.commit()
    return [meeting for meeting in meetings_of(council.id, include_drafts=drafts)
            if permissions.can_view(actor, meeting)]


class MeetingsQuerySchema(ma.Schema):
    status = ma.fields.String(validate=validate.OneOf(STATUSES), metadata={
        "description": "Only meetings at this stage, e.g. in_session."})


@api_bp.get("/meetings")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(MeetingsQuerySchema, location="query")
@api_bp.response(200, MeetingSchema(many=True))
@errors(401, 422)
def list_visible_meetings(query):
    """Every meeting you may see, latest first; `?status=in_session` finds the rooms open now.

    Without a token: the public meetings once announced.
    """
    actor = g.api_user
    candidates = sa.select(Meeting).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    if "status" in query:
        candidates = candidates.where(Meeting.status == MeetingStatus(query["status"]))
    if actor is None:
        candidates = candidates.where(Meeting.is_public.is_(True),
                                      Meeting.status.in_(ANNOUNCED))
    meetings = [meeting for meeting in db.session.scalars(candidates)
                if permissions.can_view(actor, meeting)]
    db.session.commit()
    return meetings


@api_bp.post("/councils/<int:council_id>/meetings")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MeetingCreateSchema)
@api_bp.response(201, MeetingDetailSchema)
@errors(400, 401, 403, 404, 422)
def create_meeting(body, council_id):
    """Draft a meeting with its agenda (the chair, the secretary, the community's staff)."""
    council = get_council_or_404(council_id)
    require(permissions.can_organise_meetings(g.api_user, council))
    meeting = services.create_meeting(
        g.api_user, council, body["title"], body["starts_at"], place=body["place"],
        description=body["description"], is_public=body["is_public"],
        speaking_seconds=body["speaking_seconds"],
        items=[(item["title"], item["description"]) for item in body["items"]])
    db.session.commit()
    return _detail(meeting)


@api_bp.get("/meetings/<int:meeting_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, MeetingDetailSchema)
@errors(401, 404)
def get_meeting(meeting_id):
    """A meeting and its live state. Public meetings need no token once announced."""
    meeting = visible_meeting(g.api_user, meeting_id)
    db.session.commit()
    return _detail(meeting)


@api_bp.patch("/meetings/<int:meeting_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MeetingUpdateSchema)
@api_bp.response(200, MeetingDetailSchema)
@errors(400, 401, 403, 404, 409, 422)
def update_meeting(body, meeting_id):
    """Change a draft or scheduled meeting's title, time, place, description or openness."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_organise(g.api_user, meeting))
    current = {"title": meeting.title, "starts_at": meeting.starts_at, "place": meeting.place,
               "description": meeting.description, "is_public": meeting.is_public,
               "speaking_seconds": meeting.speaking_seconds}
    services.update_meeting(g.api_user, meeting, **{**current, **body})
    db.session.commit()
    return _detail(meeting)


@api_bp.post("/meetings/<int:meeting_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(StatusSchema)
@api_bp.response(200, MeetingDetailSchema)
@errors(401, 403, 404, 409, 422)
def move_meeting(body, meeting_id):
    """Take the meeting to its next stage: scheduled, in_session, adjourned,
    minutes_published (or back to draft from scheduled)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_move_meeting(g.api_user, meeting, MeetingStatus(body["status"])))
    services.move_meeting(g.api_user, meeting, body["status"])
    db.session.commit()
    return _detail(meeting)


@api_bp.put("/meetings/<int:meeting_id>/minutes")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MinutesSchema)
@api_bp.response(200, MeetingDetailSchema)
@errors(400, 401, 403, 404, 409, 422)
def save_minutes(body, meeting_id):
    """Write the minutes in Markdown (chair, secretary, staff), until they are published."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_write_minutes(g.api_user, meeting))
    services.save_minutes(g.api_user, meeting, body["text"])
    db.session.commit()
    return _detail(meeting)
