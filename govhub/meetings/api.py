"""JSON routes for meetings: the same permissions and services as the pages and /live.

Each handler loads, authorises, calls a service, commits once and answers;
the services queue the broadcasts, which leave after the commit. A meeting
the token's user may not see answers 404, like one that does not exist.
"""

from __future__ import annotations

import functools

import marshmallow as ma
import sqlalchemy as sa
from flask import g
from flask_babel import gettext as _
from marshmallow import validate

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.auth.models import User
from govhub.auth.queries import find_user
from govhub.core.errors import NotFound
from govhub.core.guards import require
from govhub.core.models import is_id
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import api_bp, attendance, permissions, services, speakers
from govhub.meetings.models import AgendaItem, Meeting, MeetingStatus
from govhub.meetings.queries import (
    attendance_summary,
    item_of,
    meetings_of,
    sees_drafts,
    speakers_payload,
    visible_meeting,
)
from govhub.meetings.rules import ANNOUNCED
from govhub.meetings.schemas import (
    STATUSES,
    AdvanceSchema,
    AgendaItemSchema,
    AgendaSchema,
    AttendanceResultSchema,
    ItemCreateSchema,
    ItemStatusSchema,
    ItemUpdateSchema,
    MeetingCreateSchema,
    MeetingDetailSchema,
    MeetingSchema,
    MeetingUpdateSchema,
    MinutesSchema,
    OrderSchema,
    PresentSchema,
    ProxySchema,
    RecordedAttendanceSchema,
    SecondsSchema,
    SpeakerResultSchema,
    SpeakersSchema,
    StatusSchema,
)

errors = functools.partial(error_responses, api_bp)


def _meeting(meeting_id: int) -> Meeting:
    """The meeting, if the token's user may see it; 404 alike for unknown and hidden."""
    return visible_meeting(g.api_user, meeting_id)


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = item_of(meeting, item_id)
    if item is None:
        raise NotFound(_("That item is not on this agenda."))
    return item


def _detail(meeting: Meeting) -> dict:
    actor = g.api_user
    minutes_shown = (meeting.status == MeetingStatus.MINUTES_PUBLISHED
                     or permissions.can_write_minutes(actor, meeting))
    return {"meeting": meeting, "minutes": meeting.minutes if minutes_shown else None,
            "state": room_snapshot.snapshot(meeting, sees_drafts(actor, meeting)),
            "you": room_snapshot.viewer_state(meeting, actor)}


def _attendance_result(meeting: Meeting) -> dict:
    return {"attendance": attendance_summary(meeting),
            "you": room_snapshot.viewer_state(meeting, g.api_user)}


# --- meetings ---------------------------------------------------------------------

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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
    require(permissions.can_write_minutes(g.api_user, meeting))
    services.save_minutes(g.api_user, meeting, body["text"])
    db.session.commit()
    return _detail(meeting)


# --- the agenda -----------------------------------------------------------------------

@api_bp.post("/meetings/<int:meeting_id>/agenda")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemCreateSchema)
@api_bp.response(201, AgendaItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def add_item(body, meeting_id):
    """Add an item at the end of the agenda (organisers; until adjournment)."""
    meeting = _meeting(meeting_id)
    require(permissions.can_organise(g.api_user, meeting))
    item = services.add_item(g.api_user, meeting, body["title"], body["description"])
    db.session.commit()
    return item


@api_bp.patch("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemUpdateSchema)
@api_bp.response(200, AgendaItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def update_item(body, meeting_id, item_id):
    """Change an item's title or description (organisers; until adjournment)."""
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_organise(g.api_user, meeting))
    services.update_item(g.api_user, item, body.get("title", item.title),
                         body.get("description", item.description))
    db.session.commit()
    return item


@api_bp.delete("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404, 409)
def remove_item(meeting_id, item_id):
    """Remove an item before the session starts (afterwards, defer it)."""
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_organise(g.api_user, meeting))
    services.remove_item(g.api_user, item)
    db.session.commit()


@api_bp.post("/meetings/<int:meeting_id>/agenda/order")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(OrderSchema)
@api_bp.response(200, AgendaSchema)
@errors(400, 401, 403, 404, 409, 422)
def reorder_items(body, meeting_id):
    """Put the agenda in a new order: send every item's id once (organisers and the chair)."""
    meeting = _meeting(meeting_id)
    require(permissions.can_organise(g.api_user, meeting)
            or permissions.can_chair(g.api_user, meeting))
    services.reorder_items(g.api_user, meeting, body["item_ids"])
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))


@api_bp.post("/meetings/<int:meeting_id>/agenda/advance")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdvanceSchema)
@api_bp.response(200, AgendaSchema)
@errors(401, 403, 404, 409, 422)
def advance_agenda(body, meeting_id):
    """Close the current item and take up `item_id`, or the next pending one (the chair)."""
    meeting = _meeting(meeting_id)
    require(permissions.can_chair(g.api_user, meeting))
    item = _item(meeting, body["item_id"]) if body["item_id"] is not None else None
    services.advance_agenda(g.api_user, meeting, item)
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))


@api_bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemStatusSchema)
@api_bp.response(200, AgendaSchema)
@errors(401, 403, 404, 409, 422)
def set_item_status(body, meeting_id, item_id):
    """Mark an item done or deferred, or put it back to pending (the chair, in session)."""
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_chair(g.api_user, meeting))
    services.set_item_status(g.api_user, item, body["status"])
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))


# --- attendance -------------------------------------------------------------------------

@api_bp.post("/meetings/<int:meeting_id>/attendance")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AttendanceResultSchema)
@errors(401, 403, 404, 409)
def check_in(meeting_id):
    """Check yourself in (members, while in session). Checking in twice changes nothing."""
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
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
    meeting = _meeting(meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    attendance.revoke_proxy(g.api_user, meeting)
    db.session.commit()
    return _attendance_result(meeting)


# --- speakers ---------------------------------------------------------------------------

@api_bp.post("/meetings/<int:meeting_id>/speakers")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(201, SpeakerResultSchema)
@errors(401, 403, 404, 409)
def request_to_speak(meeting_id):
    """Ask to speak on the current item (present members). Asking twice keeps one place."""
    meeting = _meeting(meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    entry = speakers.request_to_speak(g.api_user, meeting)
    db.session.commit()
    return {"entry_id": entry.id, "speakers": speakers_payload(meeting)}


@api_bp.delete("/meetings/<int:meeting_id>/speakers")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, SpeakersSchema)
@errors(401, 403, 404, 409)
def withdraw(meeting_id):
    """Leave the queue of speakers."""
    meeting = _meeting(meeting_id)
    require(permissions.can_attend(g.api_user, meeting))
    speakers.withdraw(g.api_user, meeting)
    db.session.commit()
    return speakers_payload(meeting)


@api_bp.post("/meetings/<int:meeting_id>/speakers/next")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, SpeakerResultSchema)
@errors(401, 403, 404, 409)
def next_speaker(meeting_id):
    """End the current speech and give the floor to the next in the queue (the chair)."""
    meeting = _meeting(meeting_id)
    require(permissions.can_chair(g.api_user, meeting))
    entry = speakers.next_speaker(g.api_user, meeting)
    db.session.commit()
    return {"entry_id": entry.id if entry else None, "speakers": speakers_payload(meeting)}


@api_bp.put("/meetings/<int:meeting_id>/speaking-time")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(SecondsSchema)
@api_bp.response(200, SpeakersSchema)
@errors(401, 403, 404, 422)
def set_speaking_time(body, meeting_id):
    """Set each speaker's time from now on, the current speaker's too (the chair)."""
    meeting = _meeting(meeting_id)
    require(permissions.can_chair(g.api_user, meeting))
    speakers.set_speaking_time(g.api_user, meeting, body["seconds"])
    db.session.commit()
    return speakers_payload(meeting)
