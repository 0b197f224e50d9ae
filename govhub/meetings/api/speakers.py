"""The list of speakers: asking to speak, withdrawing, the next speaker, speaking time."""

from __future__ import annotations

from flask import g

from govhub.api import BEARER
from govhub.api.auth import token_required
from govhub.core.guards import require
from govhub.extensions import db
from govhub.meetings import api_bp, permissions, speakers
from govhub.meetings.api import errors
from govhub.meetings.queries import speakers_payload, visible_meeting
from govhub.meetings.schemas import SecondsSchema, SpeakerResultSchema, SpeakersSchema


@api_bp.post("/meetings/<int:meeting_id>/speakers")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(201, SpeakerResultSchema)
@errors(401, 403, 404, 409)
def request_to_speak(meeting_id):
    """Ask to speak on the current item (present members). Asking twice keeps one place."""
    meeting = visible_meeting(g.api_user, meeting_id)
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
    meeting = visible_meeting(g.api_user, meeting_id)
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
    meeting = visible_meeting(g.api_user, meeting_id)
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
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_chair(g.api_user, meeting))
    speakers.set_speaking_time(g.api_user, meeting, body["seconds"])
    db.session.commit()
    return speakers_payload(meeting)
