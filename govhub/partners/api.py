"""JSON routes for organizations, offerings, sessions, enrolments and requests.

The same permissions and services as the pages: each handler loads,
authorises, calls a service, commits once and answers; the organization's
room hears of new enrolments and requests after the commit. Anything the
token's user may not see answers 404, like something that does not exist.
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
from flask import g, url_for
from flask_babel import gettext as _

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.communities.models import Community
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import (
    api_bp,
    enrolments,
    offerings,
    permissions,
    rules,
    service_requests,
    services,
)
from govhub.partners.models import (
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingCategory,
    OfferingSession,
    Organization,
    RequestStatus,
    ServiceRequest,
)
from govhub.partners.queries import (
    enrolments_of_resident,
    find_enrolment,
    find_offering,
    find_organization,
    find_request,
    find_session,
    next_sessions,
    people_of_session,
    public_offerings,
    rating_summary,
    requests_for,
    requests_of_resident,
    sessions_of,
    sessions_with_people,
    verified_organizations,
    waiting_entries,
)
from govhub.partners.schemas import (
    CapacitySchema,
    CommunityQuerySchema,
    EnrolmentSchema,
    EnrolSchema,
    MyServicesSchema,
    OfferingCreateSchema,
    OfferingDetailSchema,
    OfferingPageSchema,
    OfferingSchema,
    OfferingsQuerySchema,
    OfferingStatusSchema,
    OrganizationCreateSchema,
    OrganizationSchema,
    RequestCreateSchema,
    RequestListSchema,
    RequestSchema,
    RequestStepSchema,
    ReviewSchema,
    SessionCreateSchema,
    SessionSchema,
)

errors = functools.partial(error_responses, api_bp)


# --- loading what the token's user may see ----------------------------------------------------

def _organization(organization_id: int) -> Organization:
    organization = find_organization(organization_id)
    if organization is None or not permissions.can_view_organization(g.api_user, organization):
        raise NotFound(_("There is no such organization."))
    return organization


def _offering(offering_id: int) -> Offering:
    offering = find_offering(offering_id)
    if offering is None or not permissions.can_view_offering(g.api_user, offering):
        raise NotFound(_("There is no such offering."))
    return offering


def _session(session_id: int) -> OfferingSession:
    session = find_session(session_id)
    if session is None or not permissions.can_view_offering(g.api_user, session.offering):
        raise NotFound(_("There is no such session."))
    return session


def _community(slug: str) -> Community:
    community = db.session.scalar(sa.select(Community).where(Community.slug == slug))
    if community is None:
        raise NotFound(_("There is no such community."))
    return community


# --- payloads -----------------------------------------------------------------------------------

def organization_payload(organization: Organization) -> dict:
    mine = permissions.membership(g.api_user, organization)
    return {**{name: getattr(organization, name) for name in (
        "id", "community_id", "name", "description", "contact_phone", "contact_email",
        "website", "service_area", "registration_number", "status_reason")},
        "kind": organization.kind.value, "status": organization.status.value,
        "verified_at": organization.verified_at.isoformat() if organization.verified_at
        else None, "your_role": mine.role.value if mine else None}


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


def _resident(user, organization: Organization, contact: bool) -> dict:
    data = {"id": user.id, "name": user.display_name}
    if contact and permissions.can_see_resident_contact(g.api_user, organization):
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
            "resident": _resident(enrolment.resident, session.offering.organization, contact)}


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
            "resident": _resident(service_request.resident, offering.organization, contact)}


# --- organizations -------------------------------------------------------------------------------

@api_bp.get("/organizations")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(CommunityQuerySchema, location="query")
@api_bp.response(200, OrganizationSchema(many=True))
@errors(401, 404, 422)
def list_organizations(query):
    """A community's verified organizations, by name."""
    organizations = verified_organizations(_community(query["community"]).id)
    payload = [organization_payload(o) for o in organizations]
    db.session.commit()
    return payload


@api_bp.post("/organizations")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(OrganizationCreateSchema)
@api_bp.response(201, OrganizationSchema)
@errors(400, 401, 403, 409, 422)
def register_organization(body):
    """Register your organization (partner accounts); it waits for the community's verification."""
    organization = services.register_organization(g.api_user, **body)
    db.session.commit()
    return organization_payload(organization)


@api_bp.get("/organizations/<int:organization_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, OrganizationSchema)
@errors(401, 404)
def get_organization(organization_id):
    """A verified organization; an unverified one for its members and staff."""
    payload = organization_payload(_organization(organization_id))
    db.session.commit()
    return payload


@api_bp.post("/organizations/<int:organization_id>/review")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ReviewSchema)
@api_bp.response(200, OrganizationSchema)
@errors(400, 401, 403, 404, 409, 422)
def review_organization(body, organization_id):
    """Verify, reject or suspend (the community's workers, admins)."""
    organization = _organization(organization_id)
    services.review_organization(g.api_user, organization, body["status"], body["reason"])
    db.session.commit()
    return organization_payload(organization)


@api_bp.get("/organizations/<int:organization_id>/requests")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, RequestListSchema)
@errors(401, 403, 404)
def organization_requests(organization_id):
    """Requests and enrolments addressed to the organization, with residents' contact data
    (its members and staff)."""
    organization = _organization(organization_id)
    require(permissions.can_see_requests(g.api_user, organization))
    service_requests_ = (requests_for(organization, open_only=True)
                         + requests_for(organization, open_only=False))
    people = [e for s in sessions_with_people(organization) for e in people_of_session(s)]
    payload = {"requests": [request_payload(r, contact=True) for r in service_requests_],
               "enrolments": [enrolment_payload(e, contact=True) for e in people]}
    db.session.commit()
    return payload


# --- offerings ------------------------------------------------------------------------------------

@api_bp.get("/offerings")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(OfferingsQuerySchema, location="query")
@api_bp.response(200, OfferingPageSchema)
@errors(401, 404, 422)
def list_offerings(query):
    """A community's public offerings, newest first; by keywords (`q`), category, date and
    place."""
    community = _community(query["community"])
    category = OfferingCategory(query["category"]) if "category" in query else None
    page = public_offerings(community, category=category, day=query.get("date"),
                            place=query["place"], page=query["page"],
                            per_page=query["per_page"], keywords=query["q"])
    coming = next_sessions([o.id for o in page.items])
    payload = {"items": [offering_payload(o, coming.get(o.id)) for o in page.items],
               "page": page.page, "pages": page.pages or 1, "total": page.total}
    db.session.commit()
    return payload


@api_bp.get("/offerings/<int:offering_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, OfferingDetailSchema)
@errors(401, 404)
def get_offering(offering_id):
    """An offering with its upcoming sessions and places left."""
    offering = _offering(offering_id)
    sessions = sessions_of(offering, upcoming_only=True)
    average, count = rating_summary(offering)
    payload = {**offering_payload(offering, sessions[0].starts_at if sessions else None),
               "sessions": [session_payload(s) for s in sessions],
               "rating": {"average": average, "count": count}}
    db.session.commit()
    return payload


@api_bp.post("/organizations/<int:organization_id>/offerings")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(OfferingCreateSchema)
@api_bp.response(201, OfferingSchema)
@errors(400, 401, 403, 404, 409, 422)
def create_offering(body, organization_id):
    """A draft offering of your organization (owners and editors)."""
    offering = offerings.create_offering(g.api_user, _organization(organization_id), **body)
    db.session.commit()
    return offering_payload(offering)


@api_bp.post("/offerings/<int:offering_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(OfferingStatusSchema)
@api_bp.response(200, OfferingSchema)
@errors(400, 401, 403, 404, 409, 422)
def set_offering_status(body, offering_id):
    """Publish, pause or archive an offering."""
    offering = _offering(offering_id)
    offerings.set_offering_status(g.api_user, offering, body["status"])
    db.session.commit()
    return offering_payload(offering)


# --- sessions and enrolments ----------------------------------------------------------------------

@api_bp.get("/offerings/<int:offering_id>/sessions")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, SessionSchema(many=True))
@errors(401, 404)
def list_sessions(offering_id):
    """The offering's sessions, past and coming, with their places."""
    payload = [session_payload(s) for s in sessions_of(_offering(offering_id))]
    db.session.commit()
    return payload


@api_bp.post("/offerings/<int:offering_id>/sessions")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(SessionCreateSchema)
@api_bp.response(201, SessionSchema(many=True))
@errors(400, 401, 403, 404, 409, 422)
def add_sessions(body, offering_id):
    """One session (starts_at, ends_at), or weekly ones generated from `weekly`."""
    offering = _offering(offering_id)
    if body["weekly"] is not None:
        made = offerings.add_weekly_sessions(g.api_user, offering, capacity=body["capacity"],
                                             **body["weekly"])
    else:
        made = [offerings.add_session(g.api_user, offering, body["starts_at"], body["ends_at"],
                                      body["capacity"])]
    db.session.commit()
    return [session_payload(s) for s in made]


@api_bp.post("/sessions/<int:session_id>/capacity")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CapacitySchema)
@api_bp.response(200, SessionSchema)
@errors(400, 401, 403, 404, 409, 422)
def change_capacity(body, session_id):
    """Change a session's places: never below those taken (409 capacity_below_enrolled);
    new places go to the waitlist, first come first served."""
    session = _session(session_id)
    enrolments.change_capacity(g.api_user, session, body["capacity"])
    db.session.commit()
    return session_payload(session)


@api_bp.post("/sessions/<int:session_id>/enrolments")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EnrolSchema)
@api_bp.response(201, EnrolmentSchema)
@errors(401, 403, 404, 409, 422)
def enrol(body, session_id):
    """Enrol in a session; when it is full: 409 session_full, or the waitlist with
    `waitlist: true`. Twice: 409 already_enrolled."""
    enrolment = enrolments.enrol(g.api_user, _session(session_id), join_waitlist=body["waitlist"])
    db.session.commit()
    return enrolment_payload(enrolment)


@api_bp.post("/enrolments/<int:enrolment_id>/cancel")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, EnrolmentSchema)
@errors(401, 403, 404, 409)
def cancel_enrolment(enrolment_id):
    """Cancel your enrolment before the session starts; your place goes to the first in line."""
    enrolment = find_enrolment(enrolment_id)
    if enrolment is None or not permissions.can_see_enrolment(g.api_user, enrolment):
        raise NotFound(_("There is no such enrolment."))
    enrolments.cancel_enrolment(g.api_user, enrolment)
    db.session.commit()
    return enrolment_payload(enrolment)


# --- requests ------------------------------------------------------------------------------------

@api_bp.post("/offerings/<int:offering_id>/requests")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(RequestCreateSchema)
@api_bp.response(201, RequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def request_service(body, offering_id):
    """Request an on-request offering; one open request per offering."""
    service_request = service_requests.request_service(
        g.api_user, _offering(offering_id), body["message"], body["phone"], body["address"])
    db.session.commit()
    return request_payload(service_request)


STEPS = {
    RequestStatus.ACCEPTED.value: lambda actor, r, body: service_requests.accept_request(actor, r),
    RequestStatus.DECLINED.value: lambda actor, r, body: service_requests.decline_request(
        actor, r, body["reason"]),
    RequestStatus.COMPLETED.value: lambda actor, r, body: service_requests.complete_request(
        actor, r),
    RequestStatus.CANCELLED.value: lambda actor, r, body: service_requests.cancel_request(
        actor, r),
}


@api_bp.post("/requests/<int:request_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(RequestStepSchema)
@api_bp.response(200, RequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def answer_request(body, request_id):
    """Accept, decline (with a reason), complete (the organization) or cancel (the resident)."""
    service_request = find_request(request_id)
    if service_request is None or not permissions.can_see_request(g.api_user, service_request):
        raise NotFound(_("There is no such request."))
    step = STEPS.get(body["status"])
    if step is None:
        raise DomainError("invalid_status", _("There is no such status."), "status")
    step(g.api_user, service_request, body)
    db.session.commit()
    return request_payload(service_request, contact=True)


@api_bp.get("/me/services")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, MyServicesSchema)
@errors(401)
def my_services():
    """Your enrolments (with your place on any waitlist) and your requests."""
    payload = {"enrolments": [enrolment_payload(e) for e in enrolments_of_resident(g.api_user)],
               "requests": [request_payload(r) for r in requests_of_resident(g.api_user)]}
    db.session.commit()
    return payload
