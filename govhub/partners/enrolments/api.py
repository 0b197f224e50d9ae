"""JSON routes for enrolments: enrol (or join the waitlist), cancel."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER
from govhub.api.auth import token_required
from govhub.core.errors import NotFound
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.enrolments import permissions, rules, services
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.enrolments.queries import (
    find_enrolment,
    waiting_entries,
)
from govhub.partners.enrolments.schemas import EnrolmentSchema, EnrolSchema
from govhub.partners.offerings.api import visible_session
from govhub.partners.organizations.api import errors
from govhub.partners.organizations.models import Organization
from govhub.partners.requests import permissions as request_permissions


def resident_payload(user, organization: Organization, contact: bool) -> dict:
    data = {"id": user.id, "name": user.display_name}
    if contact and request_permissions.can_see_resident_contact(g.api_user, organization):
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
            "resident": resident_payload(enrolment.resident, session.offering.organization,
                                         contact)}


@api_bp.post("/sessions/<int:session_id>/enrolments")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EnrolSchema)
@api_bp.response(201, EnrolmentSchema)
@errors(401, 403, 404, 409, 422)
def enrol(body, session_id):
    """Enrol in a session; when it is full: 409 session_full, or the waitlist with
    `waitlist: true`. Twice: 409 already_enrolled."""
    enrolment = services.enrol(g.api_user, visible_session(session_id),
                               join_waitlist=body["waitlist"])
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
    services.cancel_enrolment(g.api_user, enrolment)
    db.session.commit()
    return enrolment_payload(enrolment)
