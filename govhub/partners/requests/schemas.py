"""API schemas for service requests and *my services*.

The payload functions at the end fill the answers, for the token's user.
"""

from __future__ import annotations

import marshmallow as ma
from flask import g

from govhub.api.schemas import WholeNumber
from govhub.partners.common import enum_values, text_field
from govhub.partners.enrolments.schemas import EnrolmentSchema, ResidentSchema, resident_payload
from govhub.partners.requests import permissions
from govhub.partners.requests.models import RequestStatus, ServiceRequest


class RequestCreateSchema(ma.Schema):
    message = text_field(2000, load_default="")
    phone = text_field(32, load_default="", metadata={
        "description": "Required when the offering is given at home (`at_home`): a phone "
                       "to arrange the visit (digits, spaces, + and -); refused with "
                       "contact_required otherwise."})
    address = text_field(300, load_default="", metadata={
        "description": "Required when the offering is given at home: the address to visit."})


class RequestStepSchema(ma.Schema):
    status = text_field(24, required=True, metadata={
        "enum": ["accepted", "declined", "completed", "cancelled"],
        "description": "accepted, declined (with reason), completed: the organization; "
                       "cancelled: the resident."})
    reason = text_field(500, load_default="")


class RequestSchema(ma.Schema):
    id = WholeNumber()
    offering_id = WholeNumber()
    offering_title = ma.fields.String()
    status = ma.fields.String(metadata={"enum": enum_values(RequestStatus)})
    message = ma.fields.String()
    decline_reason = ma.fields.String()
    created_at = ma.fields.String()
    resident = ma.fields.Nested(ResidentSchema, allow_none=True)
    visit = ma.fields.Dict(allow_none=True, metadata={
        "description": "{phone, address} left for an offering given at home; only for the "
                       "resident, the organization's members and staff; null otherwise."})


class RequestListSchema(ma.Schema):
    requests = ma.fields.List(ma.fields.Nested(RequestSchema))
    enrolments = ma.fields.List(ma.fields.Nested(EnrolmentSchema), metadata={
        "description": "Active enrolments in the organization's recent and coming sessions."})


class MyServicesSchema(ma.Schema):
    enrolments = ma.fields.List(ma.fields.Nested(EnrolmentSchema))
    requests = ma.fields.List(ma.fields.Nested(RequestSchema))


# --- payloads: what the API answers, for the token's user --------------------

def request_payload(service_request: ServiceRequest, contact: bool = False) -> dict:
    offering = service_request.offering
    visit = None
    if (service_request.contact_phone or service_request.visit_address) and (
            g.api_user.id == service_request.resident_id or (
                contact and permissions.can_see_resident_contact(g.api_user,
                                                                 offering.organization))):
        visit = {"phone": service_request.contact_phone,
                 "address": service_request.visit_address}
    return {"visit": visit,"id": service_request.id, "offering_id": offering.id,
            "offering_title": offering.title, "status": service_request.status.value,
            "message": service_request.message,
            "decline_reason": service_request.decline_reason,
            "created_at": service_request.created_at.isoformat(),
            "resident": resident_payload(service_request.resident, offering.organization, contact)}
