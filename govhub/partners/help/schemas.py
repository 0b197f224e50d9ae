"""API schemas for asks for help.

The payload functions at the end fill the answers, for the token's user.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.partners.help.models import HelpRequest


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


# --- payloads: what the API answers, for the token's user --------------------

def ask_payload(ask: HelpRequest) -> dict:
    return {"id": ask.id, "item_id": ask.item_id, "offering_id": ask.offering_id,
            "organization": {"id": ask.organization_id, "name": ask.organization.name},
            "message": ask.message, "status": ask.status.value, "reason": ask.reason,
            "created_at": ask.created_at.isoformat(),
            "answered_at": ask.answered_at.isoformat() if ask.answered_at else None}
