"""API schemas for offerings and sessions: input shapes and sizes (a 422 names each field),
the rules stay in the services; and what the API answers.

The payload functions at the end fill the answers, for the token's user.
"""

from __future__ import annotations

import marshmallow as ma
from flask import url_for
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.partners.checks import MAX_CAPACITY
from govhub.partners.common import enum_values, text_field
from govhub.partners.enrolments.queries import (
    waiting_entries,
)
from govhub.partners.offerings.models import (
    Offering,
    OfferingCategory,
    OfferingMode,
    OfferingSession,
    OfferingStatus,
)
from govhub.partners.offerings.rules import MAX_SESSIONS_PER_SCHEDULE
from govhub.partners.offerings.search import QUERY_MAX


def _capacity(**kwargs) -> ma.fields.Integer:
    return WholeNumber(validate=validate.Range(1, MAX_CAPACITY), **kwargs)


class OfferingCreateSchema(ma.Schema):
    title = text_field(200, required=True)
    category = text_field(40, required=True, metadata={"enum": enum_values(OfferingCategory)})
    mode = text_field(24, load_default="sessions", metadata={"enum": enum_values(OfferingMode)})
    description = text_field(20_000, load_default="")
    eligibility = text_field(1000, load_default="")
    location_name = text_field(200, load_default="")
    address = text_field(300, load_default="")
    at_home = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "Given at the resident's home: requests must leave a phone and an "
                       "address."})
    price = ma.fields.Decimal(load_default=None, allow_none=True, as_string=True, metadata={
        "description": "In yuan; null or 0: free."})


class OfferingStatusSchema(ma.Schema):
    status = text_field(24, required=True, metadata={"enum": enum_values(OfferingStatus)})


# A wall-clock time as the server reads it: 09:30 or 09:30:00 (no offset).
CLOCK_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


class WeeklySchema(ma.Schema):
    weekday = WholeNumber(required=True, validate=validate.Range(0, 6),
                                metadata={"description": "Monday 0 … Sunday 6."})
    starts_time = ma.fields.Time(required=True, metadata={
        "description": "Wall-clock time in the community's time zone, e.g. 09:30.",
        "pattern": CLOCK_TIME})
    ends_time = ma.fields.Time(required=True, metadata={"pattern": CLOCK_TIME})
    first_date = ma.fields.Date(required=True)
    count = WholeNumber(load_default=None, allow_none=True,
                              validate=validate.Range(1, MAX_SESSIONS_PER_SCHEDULE))
    until = ma.fields.Date(load_default=None, allow_none=True, metadata={
        "description": "The last possible date (inclusive); give count or until."})


class SessionCreateSchema(ma.Schema):
    """Either one session (starts_at, ends_at) or a weekly schedule (weekly)."""

    OPENAPI_RULES = {"oneOf": [
        {"required": ["starts_at", "ends_at"], "properties": {
            "starts_at": {"not": {"type": "null"}}, "ends_at": {"not": {"type": "null"}}}},
        {"required": ["weekly"], "properties": {"weekly": {"not": {"type": "null"}}}}]}

    starts_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    ends_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    weekly = ma.fields.Nested(WeeklySchema, load_default=None, allow_none=True)
    capacity = _capacity(required=True)

    @ma.validates_schema
    def _one_or_weekly(self, data, **kwargs):
        one = data.get("starts_at") is not None and data.get("ends_at") is not None
        if one == (data.get("weekly") is not None):
            raise ma.ValidationError("Send starts_at and ends_at, or weekly.", "weekly")


class CapacitySchema(ma.Schema):
    capacity = _capacity(required=True)


class OfferingsQuerySchema(ma.Schema):
    community = text_field(60, required=True, metadata={"description": "The community's slug."})
    category = ma.fields.String(validate=validate.OneOf(enum_values(OfferingCategory)))
    date = ma.fields.Date(metadata={"description": "Only offerings with a session that day."})
    place = text_field(200, load_default="")
    q = text_field(QUERY_MAX, load_default="", metadata={
        "description": "Keywords, every one must match: title, description, eligibility, "
                       "place, organization; Chinese needs no spaces (\"书法\")."})
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 10_000))
    per_page = WholeNumber(text=True, load_default=20, validate=validate.Range(1, 100))


class SessionSchema(ma.Schema):
    id = WholeNumber()
    offering_id = WholeNumber()
    starts_at = ma.fields.String()
    ends_at = ma.fields.String()
    capacity = WholeNumber()
    enrolled = WholeNumber(metadata={"description": "Places taken."})
    places_left = WholeNumber()
    waiting = WholeNumber(metadata={"description": "How many are on the waitlist."})
    schedule_id = WholeNumber(allow_none=True)


class OfferingSchema(ma.Schema):
    id = WholeNumber()
    organization = ma.fields.Dict(metadata={"description": "{id, name, verified}"})
    title = ma.fields.String()
    description = ma.fields.String()
    category = ma.fields.String(metadata={"enum": enum_values(OfferingCategory)})
    eligibility = ma.fields.String()
    location_name = ma.fields.String()
    address = ma.fields.String()
    at_home = ma.fields.Boolean(metadata={"description": "Given at the resident's home."})
    price = ma.fields.String(allow_none=True, metadata={"description": "Yuan; null: free."})
    status = ma.fields.String(metadata={"enum": enum_values(OfferingStatus)})
    mode = ma.fields.String(metadata={"enum": enum_values(OfferingMode)})
    next_session_at = ma.fields.String(allow_none=True)
    url = ma.fields.String(metadata={"description": "The shareable page."})


class OfferingDetailSchema(OfferingSchema):
    sessions = ma.fields.List(ma.fields.Nested(SessionSchema), metadata={
        "description": "Upcoming sessions with their places."})
    rating = ma.fields.Dict(metadata={"description": "{average, count}"})


class OfferingPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(OfferingSchema))
    page = WholeNumber()
    pages = WholeNumber()
    total = WholeNumber()


# --- payloads: what the API answers, for the token's user --------------------

def session_payload(session: OfferingSession) -> dict:
    return {"id": session.id, "offering_id": session.offering_id,
            "starts_at": session.starts_at.isoformat(), "ends_at": session.ends_at.isoformat(),
            "capacity": session.capacity, "enrolled": session.enrolled_count,
            "places_left": session.places_left, "waiting": len(waiting_entries(session.id)),
            "schedule_id": session.schedule_id}


def offering_payload(offering: Offering, next_at=None) -> dict:
    organization = offering.organization
    return {
        "id": offering.id, "title": offering.title, "description": offering.description,
        "organization": {"id": organization.id, "name": organization.name,
                         "verified": organization.is_verified},
        "category": offering.category.value, "eligibility": offering.eligibility,
        "location_name": offering.location_name, "address": offering.address,
        "at_home": offering.at_home,
        "price": None if offering.price is None else str(offering.price),
        "status": offering.status.value, "mode": offering.mode.value,
        "next_session_at": next_at.isoformat() if next_at else None,
        "url": url_for("partners.offering", offering_id=offering.id, _external=True),
    }
