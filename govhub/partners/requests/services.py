"""Residents' requests for on-request offerings, and the organization's answers.

requested → accepted → completed, or declined (with a reason) by the
organization, or cancelled by the resident while open (rules.REQUEST_TRANSITIONS).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify
from govhub.partners import checks
from govhub.partners.enrolments.queries import active_enrolment
from govhub.partners.offerings import permissions as offering_permissions
from govhub.partners.offerings import rules as offering_rules
from govhub.partners.offerings.models import Offering, OfferingMode, OfferingSession
from govhub.partners.organizations.rules import Side
from govhub.partners.organizations.services import tell_organization
from govhub.partners.requests import permissions, rules
from govhub.partners.requests.models import Rating, RequestStatus, ServiceRequest
from govhub.partners.requests.queries import open_request, request_statuses

MESSAGE_MAX = 2000


REASON_MAX = 500


ADDRESS_MAX = 300


def _data(request: ServiceRequest) -> dict:
    offering = request.offering
    return {"resident": request.resident.display_name, "offering": offering.title,
            "offering_id": offering.id, "organization": offering.organization.name,
            "request_id": request.id, "reason": request.decline_reason}


def _changed(request: ServiceRequest, kind: str | None) -> None:
    tell_organization(request.offering.organization, kind, _data(request),
                      {"kind": "request", "id": request.id, "status": request.status.value})


def _already_requested() -> DomainError:
    return DomainError("already_requested",
                       _("You already have an open request for this offering."), status=409)


def visit_contact(offering: Offering, phone, address) -> tuple[str, str]:
    """The phone and address a request for an offering given at home must leave (checked),
    or nothing for any other offering: the organization cannot come without them."""
    if not offering.at_home:
        return "", ""
    phone = checks.phone(phone, "phone")
    address = checks.text(address, "address", ADDRESS_MAX)
    if not phone:
        raise DomainError("contact_required", _("This service comes to your home: leave a "
                                                "phone number to arrange the visit."), "phone")
    if not address:
        raise DomainError("contact_required", _("This service comes to your home: give the "
                                                "address to visit."), "address")
    return phone, address


def request_service(actor, offering: Offering, message: str = "", phone: str = "",
                    address: str = "") -> ServiceRequest:
    """A resident asks for an on-request offering; its organization hears of it at once. For
    one given at home, a phone and an address are required (`visit_contact`)."""
    require(offering_permissions.can_take_part(actor, offering),
            _("Confirmed residents of the community request services."))
    if offering.mode != OfferingMode.ON_REQUEST:
        raise DomainError("not_on_request",
                          _("This offering is held in sessions; enrol in one instead."),
                          status=409)
    if (offering.status not in offering_rules.TAKING_PEOPLE
            or not offering_rules.is_public(offering.status, offering.organization.status)):
        raise DomainError("not_taking_people",
                          _("This offering is not taking requests at the moment."), status=409)
    message = checks.text(message, "message", MESSAGE_MAX, one_line=False)
    phone, address = visit_contact(offering, phone, address)
    if open_request(offering.id, actor.id) is not None:
        raise _already_requested()
    try:
        with db.session.begin_nested():
            request = ServiceRequest(offering=offering, resident_id=actor.id, message=message,
                                     contact_phone=phone, visit_address=address)
            db.session.add(request)
            db.session.flush()
    except sa.exc.IntegrityError:  # the same resident, twice at once
        raise _already_requested() from None
    record(actor, "service_request.created", request, community_id=offering.community_id,
           offering_id=offering.id)
    _changed(request, "partners.requested")
    return request


def _step(actor, request: ServiceRequest, target: RequestStatus, side: Side) -> RequestStatus:
    if not rules.request_step_allowed(request.status, target, side):
        raise DomainError("wrong_status",
                          _("This request cannot go from its present status to that one."),
                          status=409)
    previous, request.status = request.status, target
    now = utcnow()
    if target == RequestStatus.ACCEPTED or target == RequestStatus.DECLINED:
        request.answered_at = now
    if target not in rules.OPEN_REQUESTS:
        request.closed_at = now
    if side == Side.ORGANIZATION:
        request.handled_by_id = actor.id
    db.session.flush()
    record(actor, f"service_request.{target.value}", request,
           community_id=request.offering.community_id, old=previous.value,
           reason=request.decline_reason)
    return previous


def _answer(actor, request: ServiceRequest, target: RequestStatus, kind: str) -> None:
    require(permissions.can_handle_requests(actor, request.offering.organization))
    _step(actor, request, target, Side.ORGANIZATION)
    notify([request.resident], kind, _data(request), link="/my/services")
    _changed(request, None)


def accept_request(actor, request: ServiceRequest) -> None:
    _answer(actor, request, RequestStatus.ACCEPTED, "partners.request_accepted")


def decline_request(actor, request: ServiceRequest, reason: str) -> None:
    """Declining says why, in words the resident reads."""
    require(permissions.can_handle_requests(actor, request.offering.organization))
    reason = checks.text(reason, "reason", REASON_MAX, required=True)
    if not rules.request_step_allowed(request.status, RequestStatus.DECLINED,
                                      Side.ORGANIZATION):
        raise DomainError("wrong_status",
                          _("This request cannot go from its present status to that one."),
                          status=409)
    request.decline_reason = reason
    _answer(actor, request, RequestStatus.DECLINED, "partners.request_declined")


def complete_request(actor, request: ServiceRequest) -> None:
    _answer(actor, request, RequestStatus.COMPLETED, "partners.request_completed")


def cancel_request(actor, request: ServiceRequest) -> None:
    """The resident withdraws an open request."""
    require(permissions.is_own_request(actor, request))
    _step(actor, request, RequestStatus.CANCELLED, Side.RESIDENT)
    _changed(request, "partners.request_cancelled")


COMMENT_MAX = 2000


def _already_rated() -> DomainError:
    return DomainError("already_rated", _("You have already rated this."), status=409)


def _served(actor, offering: Offering, session: OfferingSession | None) -> None:
    if offering.mode == OfferingMode.SESSIONS:
        if session is None or session.offering_id != offering.id:
            raise DomainError("unknown_session", _("Choose the session you attended."),
                              "session_id")
        enrolment = active_enrolment(session.id, actor.id)
        if not rules.may_rate_session(enrolment.status if enrolment else None):
            raise DomainError("not_served", _("You can rate a session after you attended it."),
                              status=409)
    elif session is not None:
        raise DomainError("unknown_session", _("This offering has no sessions."), "session_id")
    elif not rules.may_rate_request(request_statuses(offering.id, actor.id)):
        raise DomainError("not_served",
                          _("You can rate this service once your request is completed."),
                          status=409)


def rate(actor, offering: Offering, score, comment: str = "",
         session: OfferingSession | None = None) -> Rating:
    """Rate a service received: the session attended, or the completed request's offering."""
    require(getattr(actor, "is_authenticated", False) and actor.is_active)
    if not rules.valid_score(score):
        raise DomainError("invalid_score", _("Give 1 to 5 stars."), "score")
    comment = checks.text(comment, "comment", COMMENT_MAX, one_line=False)
    _served(actor, offering, session)
    try:
        with db.session.begin_nested():
            rating = Rating(offering=offering, session=session, resident_id=actor.id,
                            score=score, comment=comment)
            db.session.add(rating)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise _already_rated() from None
    record(actor, "offering.rated", offering, community_id=offering.community_id,
           session_id=session.id if session else None, score=score)
    return rating
