"""API schemas for refusals: the task a worker sends (a 422 names a field of the wrong
shape), the answer, the records and the public figures. The rules (a future day, a
department not covering the community, an item not in the catalogue, an empty task) stay
in the service, which answers 400 naming the field."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.admission.refusals.rules import OTHER_DEPARTMENT_MAX, WHAT_MAX, Channel, RuleCode
from govhub.api.schemas import WholeNumber
from govhub.proposals.schemas import StrictBoolean

CHANNELS = [c.value for c in Channel]
RULES = [r.value for r in RuleCode]


class RefusalCreateSchema(ma.Schema):
    department_id = WholeNumber(allow_none=True, load_default=None, metadata={
        "description": "A department covering the community; null for another one."})
    other_department = ma.fields.String(load_default="", validate=validate.Length(
        max=OTHER_DEPARTMENT_MAX), metadata={
        "description": "The name of the department when department_id is null."})
    channel = ma.fields.String(required=True, validate=validate.OneOf(CHANNELS))
    asked_on = ma.fields.Date(load_default=None, metadata={
        "description": "The day the task arrived (not in the future); today by default."})
    what = ma.fields.String(required=True, validate=validate.Length(max=WHAT_MAX), metadata={
        "description": "What was asked, in a few words."})
    work_item_id = WholeNumber(allow_none=True, load_default=None, metadata={
        "description": "The matching item of the community's current catalogue, if any."})
    asks_certificate = StrictBoolean(load_default=False, metadata={
        "description": "What was asked is a certificate (checked against the list)."})


class RefusalSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    department_id = WholeNumber(allow_none=True)
    department = ma.fields.String(metadata={"description": "Its name, or the other name."})
    channel = ma.fields.String(metadata={"enum": CHANNELS})
    asked_on = ma.fields.Date()
    what = ma.fields.String()
    rule = ma.fields.String(metadata={"enum": RULES})
    work_item_id = WholeNumber(allow_none=True)
    worker = ma.fields.String(metadata={"description": "The worker's display name."})
    created_at = ma.fields.DateTime()


class RefusalAnswerSchema(ma.Schema):
    rule = ma.fields.String(metadata={"enum": RULES, "description": (
        "negative_list, certificate_not_listed and not_admitted refuse the task and record "
        "it; admitted records nothing.")})
    rule_label = ma.fields.String(metadata={"description": "The rule in the request's language."})
    reply = ma.fields.String(metadata={
        "description": "The text to send back, citing the rule, in the request's language."})
    refusal = ma.fields.Nested(RefusalSchema, allow_none=True)


class RefusalListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(RefusalSchema))


class RefusalFigureSchema(ma.Schema):
    month = ma.fields.String(metadata={"description": "YYYY-MM."})
    department_id = WholeNumber(allow_none=True, metadata={
        "description": "Null for departments not covering the community."})
    department = ma.fields.String()
    negative_list = WholeNumber()
    certificate_not_listed = WholeNumber()
    not_admitted = WholeNumber()
    total = WholeNumber()


class RefusalFiguresSchema(ma.Schema):
    figures = ma.fields.List(ma.fields.Nested(RefusalFigureSchema), metadata={
        "description": "Month × department counts by rule, newest month first; no names."})
