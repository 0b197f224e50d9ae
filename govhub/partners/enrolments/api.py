"""JSON routes for enrolments: enrol (or join the waitlist), cancel."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.core.errors import NotFound
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.enrolments import permissions, services
from govhub.partners.enrolments.queries import (
    find_enrolment,
)
from govhub.partners.enrolments.schemas import (
    EnrolmentSchema,
    EnrolSchema,
    enrolment_payload,
)
from govhub.partners.offerings.queries import visible_session

errors = functools.partial(error_responses, api_bp)


@api_bp.post("/sessions/<int:session_id>/enrolments")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EnrolSchema)
@api_bp.response(201, EnrolmentSchema)
@errors(401, 403, 404, 409, 422)
def enrol(body, session_id):
    """Enrol in a session; when it is full: 409 session_full, or the waitlist with
    `waitlist: true`. Twice: 409 already_enrolled."""
    enrolment = services.enrol(g.api_user, visible_session(g.api_user, session_id),
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
