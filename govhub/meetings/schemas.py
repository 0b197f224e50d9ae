"""API schemas for meetings: what clients send, and the live room's state they get back.

The room's state is the same payload the /live namespace sends
(`live.room_snapshot.snapshot` and its parts), so an API client and a socket client
draw the room from the same data.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.councils.schemas import id_field
from govhub.meetings.models import MeetingStatus
from govhub.meetings.rules import ITEM_STATUSES_SET_BY_CHAIR
from govhub.meetings.services import SPEAKING_SECONDS, TEXT_MAX, TITLE_MAX

STATUSES = [status.value for status in MeetingStatus]
ITEM_STATUSES = sorted(status.value for status in ITEM_STATUSES_SET_BY_CHAIR)
MAX_ITEMS = 100
MINUTES_MAX = 100_000


def _title(**kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(1, TITLE_MAX), **kwargs)


def _text(maximum: int = TEXT_MAX, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(max=maximum), **kwargs)


def _seconds(**kwargs) -> ma.fields.Integer:
    return WholeNumber(validate=validate.Range(*SPEAKING_SECONDS),
                             metadata={"description": "15 to 3600."}, **kwargs)


# --- in -------------------------------------------------------------------------

class ItemCreateSchema(ma.Schema):
    title = _title(required=True)
    description = _text(load_default="")


class ItemUpdateSchema(ma.Schema):
    title = _title()
    description = _text()


class MeetingCreateSchema(ma.Schema):
    title = _title(required=True)
    starts_at = ma.fields.AwareDateTime(required=True, metadata={
        "description": "ISO 8601 with an offset, e.g. 2026-05-12T19:00:00+08:00; stored in UTC."})
    place = ma.fields.String(load_default="", validate=validate.Length(max=TITLE_MAX))
    description = _text(load_default="")
    is_public = ma.fields.Boolean(load_default=True, metadata={
        "description": "Public meetings' rooms and records are readable without signing in."})
    speaking_seconds = _seconds(load_default=180)
    items = ma.fields.List(ma.fields.Nested(ItemCreateSchema), load_default=list,
                           validate=validate.Length(max=MAX_ITEMS),
                           metadata={"description": "The agenda, in order."})


class MeetingUpdateSchema(ma.Schema):
    """Each field optional: what is left out stays as it is (draft or scheduled only)."""

    title = _title()
    starts_at = ma.fields.AwareDateTime()
    place = ma.fields.String(validate=validate.Length(max=TITLE_MAX))
    description = _text()
    is_public = ma.fields.Boolean()
    speaking_seconds = _seconds()


class StatusSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=validate.OneOf(STATUSES))


class ItemStatusSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=validate.OneOf(ITEM_STATUSES))


class OrderSchema(ma.Schema):
    item_ids = ma.fields.List(id_field(), required=True, validate=validate.Length(max=1000),
                              metadata={"description": "Every item's id, once, in the new "
                                                       "order."})


class AdvanceSchema(ma.Schema):
    item_id = id_field(load_default=None, allow_none=True, metadata={
        "description": "The item to take up; by default the next pending one."})


class PresentSchema(ma.Schema):
    present = ma.fields.Boolean(required=True, truthy={True}, falsy={False})


class ProxySchema(ma.Schema):
    holder_id = id_field(required=True, metadata={
        "description": "The user id of a present voting member who will count for you."})


class SecondsSchema(ma.Schema):
    seconds = _seconds(required=True)


class MinutesSchema(ma.Schema):
    text = _text(MINUTES_MAX, required=True, metadata={"description": "Markdown."})


# --- out: the room's state (live.room_snapshot.snapshot) ---------------------------------------

class CouncilRefSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()
    name_en = ma.fields.String()


class RoomMeetingSchema(ma.Schema):
    id = WholeNumber()
    title = ma.fields.String()
    status = ma.fields.String(metadata={"enum": STATUSES})
    starts_at = ma.fields.String(metadata={"description": "ISO 8601, UTC."})
    place = ma.fields.String()
    is_public = ma.fields.Boolean()
    join_code = ma.fields.String()
    council = ma.fields.Nested(CouncilRefSchema)
    timezone = ma.fields.String()


class QuorumSchema(ma.Schema):
    rule = ma.fields.String()
    met = ma.fields.Boolean()
    needed_weight = ma.fields.String()


class AttendanceSummarySchema(ma.Schema):
    meeting_id = WholeNumber()
    present_count = WholeNumber(metadata={"description": "People here (observers too)."})
    present_voters = WholeNumber()
    represented_count = WholeNumber(metadata={
        "description": "Absent voters counted through a present proxy holder."})
    present_weight = ma.fields.String(metadata={
        "description": "Weight here plus weight represented, as a decimal string."})
    entitled_count = WholeNumber()
    entitled_weight = ma.fields.String()
    quorum = ma.fields.Nested(QuorumSchema)


class AgendaItemSchema(ma.Schema):
    id = WholeNumber()
    position = WholeNumber()
    title = ma.fields.String()
    description = ma.fields.String()
    status = ma.fields.String(metadata={"enum": ["pending", "current", "done", "deferred"]})
    poll_ids = ma.fields.List(WholeNumber(), metadata={
        "description": "The polls prepared on this item."})


class AgendaSchema(ma.Schema):
    meeting_id = WholeNumber()
    items = ma.fields.List(ma.fields.Nested(AgendaItemSchema))
    polls = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "Every poll of the meeting, as in GET /api/v1/polls/<id>."})
    current_item_id = WholeNumber(allow_none=True)


class SpeakerSchema(ma.Schema):
    entry_id = WholeNumber()
    user_id = WholeNumber()
    name = ma.fields.String()
    started_at = ma.fields.String(metadata={"description": "Only for the current speaker."})
    seconds = WholeNumber(metadata={"description": "Only for the current speaker."})


class SpeakersSchema(ma.Schema):
    meeting_id = WholeNumber()
    item_id = WholeNumber(allow_none=True)
    current = ma.fields.Nested(SpeakerSchema, allow_none=True)
    queue = ma.fields.List(ma.fields.Nested(SpeakerSchema))
    speaking_seconds = WholeNumber()
    server_time = ma.fields.String(metadata={"description": "For countdowns: the server's "
                                                           "clock, ISO 8601."})


class StateSchema(ma.Schema):
    meeting = ma.fields.Nested(RoomMeetingSchema)
    attendance = ma.fields.Nested(AttendanceSummarySchema)
    agenda = ma.fields.Nested(AgendaSchema)
    speakers = ma.fields.Nested(SpeakersSchema)
    polls = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "Every poll of the meeting, as in GET /api/v1/polls/<id>."})


class YouSchema(ma.Schema):
    user_id = WholeNumber(allow_none=True)
    member = ma.fields.Boolean(metadata={"description": "May check in and ask to speak."})
    can_chair = ma.fields.Boolean()
    present = ma.fields.Boolean()
    proxy_holder_id = WholeNumber(allow_none=True)
    proxies_held = WholeNumber()
    ballots = ma.fields.Dict(metadata={
        "description": "Per poll id: the members whose ballots you cast, which are in, "
                       "and your own named ballot."})


# --- out: meetings ------------------------------------------------------------------

class MeetingSchema(ma.Schema):
    id = WholeNumber()
    council_id = WholeNumber()
    title = ma.fields.String()
    description = ma.fields.String()
    status = ma.fields.String(metadata={"enum": STATUSES})
    starts_at = ma.fields.AwareDateTime()
    place = ma.fields.String()
    is_public = ma.fields.Boolean()
    speaking_seconds = WholeNumber()
    started_at = ma.fields.AwareDateTime(allow_none=True)
    adjourned_at = ma.fields.AwareDateTime(allow_none=True)
    minutes_published_at = ma.fields.AwareDateTime(allow_none=True)


class MeetingDetailSchema(ma.Schema):
    meeting = ma.fields.Nested(MeetingSchema)
    minutes = ma.fields.String(allow_none=True, metadata={
        "description": "Markdown; null until published, except for those who write them."})
    state = ma.fields.Nested(StateSchema, metadata={
        "description": "The live room's snapshot, as meeting:join acknowledges it."})
    you = ma.fields.Nested(YouSchema)


class AttendanceResultSchema(ma.Schema):
    attendance = ma.fields.Nested(AttendanceSummarySchema)
    you = ma.fields.Nested(YouSchema)


class RecordedAttendanceSchema(ma.Schema):
    attendance = ma.fields.Nested(AttendanceSummarySchema)
    user_id = WholeNumber()
    present = ma.fields.Boolean()


class SpeakerResultSchema(ma.Schema):
    entry_id = WholeNumber(allow_none=True, metadata={
        "description": "Your place in the queue (request), or the new speaker's (next)."})
    speakers = ma.fields.Nested(SpeakersSchema)
