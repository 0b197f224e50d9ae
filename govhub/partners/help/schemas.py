"""API schemas for asks for help."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber


class AskSchema(ma.Schema):
    organization_id = WholeNumber(required=True)
    offering_id = WholeNumber(load_default=None, allow_none=True)
    message = ma.fields.String(load_default="", validate=validate.Length(max=2000))


class AnswerSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=validate.Length(max=24), metadata={
        "enum": ["accepted", "declined", "withdrawn"]})
    reason = ma.fields.String(load_default="", validate=validate.Length(max=500), metadata={
        "description": "Needed to decline."})


class EndSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(max=500))


class HelpRequestSchema(ma.Schema):
    id = WholeNumber()
    item_id = WholeNumber()
    organization = ma.fields.Dict()
    offering_id = WholeNumber(allow_none=True)
    message = ma.fields.String()
    status = ma.fields.String()
    reason = ma.fields.String()
    created_at = ma.fields.String()
    answered_at = ma.fields.String(allow_none=True)
