"""API schemas for organizations (in and out) and the community query.

The payload functions at the end fill the answers, for the token's user.
"""

from __future__ import annotations

import marshmallow as ma
from flask import g

from govhub.api.schemas import WholeNumber
from govhub.partners.common import enum_values, text_field
from govhub.partners.organizations import permissions
from govhub.partners.organizations.models import (
    MemberRole,
    Organization,
    OrganizationKind,
    OrganizationStatus,
)


class OrganizationCreateSchema(ma.Schema):
    name = text_field(120, required=True)
    # Any text: the service answers 400 unknown_kind for a kind it does not know.
    kind = text_field(40, required=True, metadata={"enum": enum_values(OrganizationKind)})
    description = text_field(20_000, load_default="")
    contact_phone = text_field(32, load_default="")
    contact_email = text_field(254, load_default="")
    website = text_field(300, load_default="")
    service_area = text_field(200, load_default="")
    registration_number = text_field(60, load_default="")


class ReviewSchema(ma.Schema):
    status = text_field(24, required=True, metadata={"enum": ["verified", "rejected", "suspended"]})
    reason = text_field(500, load_default="", metadata={
        "description": "Needed to reject or suspend; the organization's owners read it."})


class CommunityQuerySchema(ma.Schema):
    community = text_field(60, required=True, metadata={"description": "The community's slug."})


class OrganizationSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    name = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": enum_values(OrganizationKind)})
    description = ma.fields.String()
    contact_phone = ma.fields.String()
    contact_email = ma.fields.String()
    website = ma.fields.String()
    service_area = ma.fields.String()
    registration_number = ma.fields.String()
    status = ma.fields.String(metadata={"enum": enum_values(OrganizationStatus)})
    status_reason = ma.fields.String()
    verified_at = ma.fields.String(allow_none=True)
    your_role = ma.fields.String(allow_none=True, metadata={
        "enum": enum_values(MemberRole), "description": "Your role in it, if you are a member."})


# --- payloads: what the API answers, for the token's user --------------------

def organization_payload(organization: Organization) -> dict:
    mine = permissions.membership(g.api_user, organization)
    return {**{name: getattr(organization, name) for name in (
        "id", "community_id", "name", "description", "contact_phone", "contact_email",
        "website", "service_area", "registration_number", "status_reason")},
        "kind": organization.kind.value, "status": organization.status.value,
        "verified_at": organization.verified_at.isoformat() if organization.verified_at
        else None, "your_role": mine.role.value if mine else None}
