"""API schemas for hours: what a worker sends (shapes; the rules stay in the services, which
answer 400 or 403) and what the entries, the workload and the public figures look like."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.admission.hours.rules import (
    MAX_WEEKS,
    MINUTES_A_DAY,
    NOTE_MAX,
    HoursType,
    Share,
    TargetKind,
)
from govhub.api.schemas import WholeNumber

KINDS = [kind.value for kind in TargetKind]
TYPES = [kind.value for kind in HoursType]


class EntryCreateSchema(ma.Schema):
    target_kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    target_id = WholeNumber(load_default=None, allow_none=True, metadata={
        "description": "The work item's, action item's, meeting's or admission request's "
                       "id; null for other."})
    minutes = WholeNumber(required=True, validate=validate.Range(min=1, max=MINUTES_A_DAY))
    day = ma.fields.Date(load_default=None, allow_none=True,
                         metadata={"description": "The day; today when left out."})
    note = ma.fields.String(load_default="", validate=validate.Length(max=NOTE_MAX),
                            metadata={"description": "Required for other work."})


class EntryUpdateSchema(ma.Schema):
    minutes = WholeNumber(validate=validate.Range(min=1, max=MINUTES_A_DAY))
    day = ma.fields.Date()
    note = ma.fields.String(validate=validate.Length(max=NOTE_MAX))


class EntriesQuerySchema(ma.Schema):
    since = ma.fields.Date(metadata={"description": "First day; 14 days ago by default."})
    until = ma.fields.Date(metadata={"description": "Last day; today by default."})


class EntrySchema(ma.Schema):
    id = WholeNumber()
    day = ma.fields.Date()
    minutes = WholeNumber()
    target_kind = ma.fields.String(validate=validate.OneOf(KINDS))
    target_id = WholeNumber(allow_none=True)
    work_item_code = ma.fields.String(allow_none=True)
    list_type = ma.fields.String(validate=validate.OneOf(TYPES), metadata={
        "description": "The hours type the time counts under, fixed when it was logged."})
    note = ma.fields.String()
    editable = ma.fields.Boolean(metadata={"description": "Within the last 14 days."})


class WorkloadQuerySchema(ma.Schema):
    weeks = WholeNumber(text=True, load_default=8, validate=validate.Range(min=1, max=MAX_WEEKS))


class WeekSchema(ma.Schema):
    week = ma.fields.Date(metadata={"description": "The week's Monday."})
    minutes = ma.fields.Dict(keys=ma.fields.String(validate=validate.OneOf(TYPES)),
                             values=WholeNumber(), metadata={
                                 "description": "Minutes per hours type."})
    shares = ma.fields.Dict(keys=ma.fields.String(
        validate=validate.OneOf([s.value for s in Share])), values=WholeNumber())


class WorkerWorkloadSchema(ma.Schema):
    worker_id = WholeNumber()
    name = ma.fields.String()
    weeks = ma.fields.List(ma.fields.Nested(WeekSchema))


class WorkloadSchema(ma.Schema):
    first = ma.fields.Date()
    last = ma.fields.Date()
    workers = ma.fields.List(ma.fields.Nested(WorkerWorkloadSchema))


class MonthSchema(ma.Schema):
    month = ma.fields.String(metadata={"description": "YYYY-MM."})
    minutes = ma.fields.Dict(keys=ma.fields.String(validate=validate.OneOf(TYPES)),
                             values=WholeNumber())
    total_minutes = WholeNumber()


class PublicHoursSchema(ma.Schema):
    place = ma.fields.String(metadata={"description": "The community's or street's name."})
    months = ma.fields.List(ma.fields.Nested(MonthSchema))
