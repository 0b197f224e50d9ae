"""API schemas for enrolments."""

from __future__ import annotations

import marshmallow as ma

from govhub.api.schemas import WholeNumber
from govhub.partners.common import enum_values
from govhub.partners.enrolments.models import EnrolmentStatus


class EnrolSchema(ma.Schema):
    waitlist = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "When the session is full, join its waitlist instead of being "
                       "refused with session_full."})


class ResidentSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()
    phone = ma.fields.String(allow_none=True, metadata={
        "description": "Only for the organization's members and staff."})
    email = ma.fields.String(allow_none=True)


class EnrolmentSchema(ma.Schema):
    id = WholeNumber()
    session_id = WholeNumber()
    offering_id = WholeNumber()
    status = ma.fields.String(metadata={"enum": enum_values(EnrolmentStatus)})
    position = WholeNumber(allow_none=True, metadata={
        "description": "Place in the waitlist (1: next to get a place); null otherwise."})
    created_at = ma.fields.String()
    resident = ma.fields.Nested(ResidentSchema, allow_none=True)
