"""JSON routes for offerings and their sessions: browse, read, create, publish, add
sessions, change a session's places.
"""

from __future__ import annotations

import functools

from flask import g

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.common import community_by_slug
from govhub.partners.enrolments import services as enrolment_services
from govhub.partners.offerings import services
from govhub.partners.offerings.models import OfferingCategory
from govhub.partners.offerings.queries import (
    next_sessions,
    public_offerings,
    sessions_of,
    visible_offering,
    visible_session,
)
from govhub.partners.offerings.schemas import (
    CapacitySchema,
    OfferingCreateSchema,
    OfferingDetailSchema,
    OfferingPageSchema,
    OfferingSchema,
    OfferingsQuerySchema,
    OfferingStatusSchema,
    SessionCreateSchema,
    SessionSchema,
    offering_payload,
    session_payload,
)
from govhub.partners.organizations.api import visible_organization
from govhub.partners.requests.queries import (
    rating_summary,
)

errors = functools.partial(error_responses, api_bp)


@api_bp.get("/offerings")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(OfferingsQuerySchema, location="query")
@api_bp.response(200, OfferingPageSchema)
@errors(401, 404, 422)
def list_offerings(query):
    """A community's public offerings, newest first; by keywords (`q`), category, date and
    place."""
    community = community_by_slug(query["community"])
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
    offering = visible_offering(g.api_user, offering_id)
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
    offering = services.create_offering(g.api_user, visible_organization(organization_id), **body)
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
    offering = visible_offering(g.api_user, offering_id)
    services.set_offering_status(g.api_user, offering, body["status"])
    db.session.commit()
    return offering_payload(offering)


@api_bp.get("/offerings/<int:offering_id>/sessions")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, SessionSchema(many=True))
@errors(401, 404)
def list_sessions(offering_id):
    """The offering's sessions, past and coming, with their places."""
    payload = [session_payload(s) for s in sessions_of(visible_offering(g.api_user, offering_id))]
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
    offering = visible_offering(g.api_user, offering_id)
    if body["weekly"] is not None:
        made = services.add_weekly_sessions(g.api_user, offering, capacity=body["capacity"],
                                            **body["weekly"])
    else:
        made = [services.add_session(g.api_user, offering, body["starts_at"], body["ends_at"],
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
    session = visible_session(g.api_user, session_id)
    enrolment_services.change_capacity(g.api_user, session, body["capacity"])
    db.session.commit()
    return session_payload(session)
