"""API schemas for the work-item catalogue (read only for now)."""

from __future__ import annotations

import marshmallow as ma

from govhub.admission.catalogue.rules import ListType
from govhub.api.schemas import WholeNumber


class WorkItemSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Unique within its catalogue version."})
    name = ma.fields.String(metadata={"description": "The item's name (usually Chinese)."})
    name_en = ma.fields.String(metadata={"description": "English name, or empty."})
    list_type = ma.fields.String(metadata={
        "description": "Which list it is on.", "enum": [kind.value for kind in ListType]})
    list_type_label = ma.fields.String(metadata={
        "description": "The list's name in the request's language."})
    legal_basis = ma.fields.String(metadata={"description": "The law and article."})
    lead_department = ma.fields.String(metadata={"description": "The responsible department."})
    community_role = ma.fields.String(metadata={"description": "What the community does."})
    deliverables = ma.fields.String(metadata={"description": "Ledgers, forms, certificates."})
    frequency = ma.fields.String(metadata={"description": "How often, in words."})
    hours_per_month = ma.fields.Decimal(as_string=True, metadata={
        "description": "Estimated hours per month, as a decimal string."})
    resources = ma.fields.String(metadata={"description": "Funding, staff, training."})
    assessable = ma.fields.Boolean(metadata={
        "description": "Whether a department may assess communities on it."})
    effective_from = ma.fields.Date(allow_none=True, metadata={"description": "First day."})
    effective_to = ma.fields.Date(allow_none=True, metadata={"description": "Last day."})


class StreetSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()
    name_en = ma.fields.String()


class CatalogueSchema(ma.Schema):
    street = ma.fields.Nested(StreetSchema, allow_none=True, metadata={
        "description": "The street office whose catalogue the community shares, or null."})
    version = WholeNumber(allow_none=True, metadata={
        "description": "The current version's number, or null when there is none."})
    published_at = ma.fields.DateTime(allow_none=True)
    items = ma.fields.List(ma.fields.Nested(WorkItemSchema))
