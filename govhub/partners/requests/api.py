"""JSON routes for service requests: request, answer, the organization's list, *my services*."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.core.errors import DomainError, NotFound
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.enrolments.queries import (
    enrolments_of_resident,
)
from govhub.partners.enrolments.schemas import enrolment_payload
from govhub.partners.offerings.queries import visible_offering
from govhub.partners.requests import permissions, services
from govhub.partners.requests.models import RequestStatus
from govhub.partners.requests.queries import (
    find_request,
    requests_of_resident,
)
from govhub.partners.requests.schemas import (
    MyServicesSchema,
    RequestCreateSchema,
    RequestSchema,
    RequestStepSchema,
    request_payload,
)

errors = functools.partial(error_responses, api_bp)


@api_bp.post("/offerings/<int:offering_id>/requests")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(RequestCreateSchema)
@api_bp.response(201, RequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def request_service(body, offering_id):
    """Request an on-request offering; one open request per offering."""
    service_request = services.request_service(
        g.api_user, visible_offering(g.api_user, offering_id), body["message"], body["phone"],
        body["address"])
    db.session.commit()
    return request_payload(service_request)


STEPS = {
    RequestStatus.ACCEPTED.value: lambda actor, r, body: services.accept_request(actor, r),
    RequestStatus.DECLINED.value: lambda actor, r, body: services.decline_request(
        actor, r, body["reason"]),
    RequestStatus.COMPLETED.value: lambda actor, r, body: services.complete_request(
        actor, r),
    RequestStatus.CANCELLED.value: lambda actor, r, body: services.cancel_request(
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
