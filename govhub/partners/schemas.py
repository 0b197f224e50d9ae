"""API schemas for organizations, offerings, sessions, enrolments and requests.

Input schemas check shapes and sizes (a 422 names each field); the rules
(capacity below the places taken, sessions in the past, unknown category,
duplicate enrolment) stay in the services, which answer 400, 403, 404 or 409
with a stable code.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.partners.checks import MAX_CAPACITY
from govhub.partners.models import (
    EnrolmentStatus,
    MemberRole,
    OfferingCategory,
    OfferingMode,
    OfferingStatus,
    OrganizationKind,
    OrganizationStatus,
    RequestStatus,
)
from govhub.partners.rules import MAX_SESSIONS_PER_SCHEDULE
from govhub.partners.search import QUERY_MAX


def _values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


def _text(maximum: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(max=maximum), **kwargs)


def _capacity(**kwargs) -> ma.fields.Integer:
    return WholeNumber(validate=validate.Range(1, MAX_CAPACITY), **kwargs)


# --- in ---------------------------------------------------------------------------------

class OrganizationCreateSchema(ma.Schema):
    name = _text(120, required=True)
    # Any text: the service answers 400 unknown_kind for a kind it does not know.
    kind = _text(40, required=True, metadata={"enum": _values(OrganizationKind)})
    description = _text(20_000, load_default="")
    contact_phone = _text(32, load_default="")
    contact_email = _text(254, load_default="")
    website = _text(300, load_default="")
    service_area = _text(200, load_default="")
    registration_number = _text(60, load_default="")


class ReviewSchema(ma.Schema):
    status = _text(24, required=True, metadata={"enum": ["verified", "rejected", "suspended"]})
    reason = _text(500, load_default="", metadata={
        "description": "Needed to reject or suspend; the organization's owners read it."})


class OfferingCreateSchema(ma.Schema):
    title = _text(200, required=True)
    category = _text(40, required=True, metadata={"enum": _values(OfferingCategory)})
    mode = _text(24, load_default="sessions", metadata={"enum": _values(OfferingMode)})
    description = _text(20_000, load_default="")
    eligibility = _text(1000, load_default="")
    location_name = _text(200, load_default="")
    address = _text(300, load_default="")
    at_home = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "Given at the resident's home: requests must leave a phone and an "
                       "address."})
    price = ma.fields.Decimal(load_default=None, allow_none=True, as_string=True, metadata={
        "description": "In yuan; null or 0: free."})


class OfferingStatusSchema(ma.Schema):
    status = _text(24, required=True, metadata={"enum": _values(OfferingStatus)})


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


class EnrolSchema(ma.Schema):
    waitlist = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "When the session is full, join its waitlist instead of being "
                       "refused with session_full."})


class RequestCreateSchema(ma.Schema):
    message = _text(2000, load_default="")
    phone = _text(32, load_default="", metadata={
        "description": "Required when the offering is given at home (`at_home`): a phone "
                       "to arrange the visit (digits, spaces, + and -); refused with "
                       "contact_required otherwise."})
    address = _text(300, load_default="", metadata={
        "description": "Required when the offering is given at home: the address to visit."})


class RequestStepSchema(ma.Schema):
    status = _text(24, required=True, metadata={
        "enum": ["accepted", "declined", "completed", "cancelled"],
        "description": "accepted, declined (with reason), completed: the organization; "
                       "cancelled: the resident."})
    reason = _text(500, load_default="")


class OfferingsQuerySchema(ma.Schema):
    community = _text(60, required=True, metadata={"description": "The community's slug."})
    category = ma.fields.String(validate=validate.OneOf(_values(OfferingCategory)))
    date = ma.fields.Date(metadata={"description": "Only offerings with a session that day."})
    place = _text(200, load_default="")
    q = _text(QUERY_MAX, load_default="", metadata={
        "description": "Keywords, every one must match: title, description, eligibility, "
                       "place, organization; Chinese needs no spaces (\"书法\")."})
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 10_000))
    per_page = WholeNumber(text=True, load_default=20, validate=validate.Range(1, 100))


class CommunityQuerySchema(ma.Schema):
    community = _text(60, required=True, metadata={"description": "The community's slug."})


# --- out -----------------------------------------------------------------------------------

class OrganizationSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    name = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": _values(OrganizationKind)})
    description = ma.fields.String()
    contact_phone = ma.fields.String()
    contact_email = ma.fields.String()
    website = ma.fields.String()
    service_area = ma.fields.String()
    registration_number = ma.fields.String()
    status = ma.fields.String(metadata={"enum": _values(OrganizationStatus)})
    status_reason = ma.fields.String()
    verified_at = ma.fields.String(allow_none=True)
    your_role = ma.fields.String(allow_none=True, metadata={
        "enum": _values(MemberRole), "description": "Your role in it, if you are a member."})


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
    category = ma.fields.String(metadata={"enum": _values(OfferingCategory)})
    eligibility = ma.fields.String()
    location_name = ma.fields.String()
    address = ma.fields.String()
    at_home = ma.fields.Boolean(metadata={"description": "Given at the resident's home."})
    price = ma.fields.String(allow_none=True, metadata={"description": "Yuan; null: free."})
    status = ma.fields.String(metadata={"enum": _values(OfferingStatus)})
    mode = ma.fields.String(metadata={"enum": _values(OfferingMode)})
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
    status = ma.fields.String(metadata={"enum": _values(EnrolmentStatus)})
    position = WholeNumber(allow_none=True, metadata={
        "description": "Place in the waitlist (1: next to get a place); null otherwise."})
    created_at = ma.fields.String()
    resident = ma.fields.Nested(ResidentSchema, allow_none=True)


class RequestSchema(ma.Schema):
    id = WholeNumber()
    offering_id = WholeNumber()
    offering_title = ma.fields.String()
    status = ma.fields.String(metadata={"enum": _values(RequestStatus)})
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

