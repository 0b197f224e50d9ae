"""JSON routes for organizations: list, register, read, review.

The same permissions and services as the pages: each handler loads, authorises, calls a
service, commits once and answers. Anything the token's user may not see answers 404,
like something that does not exist.
"""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.core.errors import NotFound
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.common import community_by_slug
from govhub.partners.enrolments.queries import people_of_session, sessions_with_people
from govhub.partners.enrolments.schemas import enrolment_payload
from govhub.partners.organizations import permissions, services
from govhub.partners.organizations.models import Organization
from govhub.partners.organizations.queries import find_organization, verified_organizations
from govhub.partners.organizations.schemas import (
    CommunityQuerySchema,
    OrganizationCreateSchema,
    OrganizationSchema,
    ReviewSchema,
    organization_payload,
)
from govhub.partners.requests import permissions as request_permissions
from govhub.partners.requests.queries import requests_for
from govhub.partners.requests.schemas import RequestListSchema, request_payload

errors = functools.partial(error_responses, api_bp)


def visible_organization(organization_id: int) -> Organization:
    organization = find_organization(organization_id)
    if organization is None or not permissions.can_view_organization(g.api_user, organization):
        raise NotFound(_("There is no such organization."))
    return organization


@api_bp.get("/organizations")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(CommunityQuerySchema, location="query")
@api_bp.response(200, OrganizationSchema(many=True))
@errors(401, 404, 422)
def list_organizations(query):
    """A community's verified organizations, by name."""
    organizations = verified_organizations(community_by_slug(query["community"]).id)
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
    payload = organization_payload(visible_organization(organization_id))
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
    organization = visible_organization(organization_id)
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
    organization = visible_organization(organization_id)
    require(request_permissions.can_see_requests(g.api_user, organization))
    service_requests_ = (requests_for(organization, open_only=True)
                         + requests_for(organization, open_only=False))
    people = [e for s in sessions_with_people(organization) for e in people_of_session(s)]
    payload = {"requests": [request_payload(r, contact=True) for r in service_requests_],
               "enrolments": [enrolment_payload(e, contact=True) for e in people]}
    db.session.commit()
    return payload
