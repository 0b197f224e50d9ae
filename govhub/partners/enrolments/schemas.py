"""API schemas for enrolments.

The payload functions at the end fill the answers, for the token's user.
"""

from __future__ import annotations

import marshmallow as ma
from flask import g

from govhub.api.schemas import WholeNumber
from govhub.partners.common import enum_values
from govhub.partners.enrolments import rules
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.enrolments.queries import (
    waiting_entries,
)
from govhub.partners.organizations.models import Organization
from govhub.partners.requests import permissions as request_permissions


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


# --- payloads: what the API answers, for the token's user --------------------

def resident_payload(user, organization: Organization, contact: bool) -> dict:
    data = {"id": user.id, "name": user.display_name}
    if contact and request_permissions.can_see_resident_contact(g.api_user, organization):
        data.update(phone=user.phone, email=user.email)
    return data


def enrolment_payload(enrolment: Enrolment, contact: bool = False) -> dict:
    session = enrolment.session
    position = None
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        position = rules.waitlist_position(waiting_entries(session.id), enrolment.id)
    return {"id": enrolment.id, "session_id": session.id, "offering_id": session.offering_id,
            "status": enrolment.status.value, "position": position,
            "created_at": enrolment.created_at.isoformat(),
            "resident": resident_payload(enrolment.resident, session.offering.organization,
                                         contact)}
