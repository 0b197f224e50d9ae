"""Enrolling, cancelling and marking attendance, from the offering's page, *My services*
and the organization's request list.
"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp
from govhub.partners.common import ButtonForm, back_to, expired
from govhub.partners.enrolments import permissions, rules, services
from govhub.partners.enrolments.forms import AttendanceForm, EnrolForm
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.enrolments.queries import (
    get_enrolment_or_404,
    waiting_entries,
)
from govhub.partners.offerings.queries import get_session_or_404
from govhub.partners.offerings.views import viewable_offering
from govhub.partners.requests import permissions as request_permissions
from govhub.web.view_helpers import attempt


@bp.post("/sessions/<int:session_id>/enrol")
@login_required
def enrol(session_id: int):
    session = get_session_or_404(session_id)
    offering = viewable_offering(session.offering_id)
    form = EnrolForm()
    back = back_to(url_for("partners.offering", offering_id=offering.id))
    if not form.validate_on_submit():
        expired()
        return redirect(back)
    try:
        enrolment = services.enrol(current_user, session, join_waitlist=form.waitlist.data == "1")
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            flash(_("You are enrolled. The organization has been told."), "success")
        else:
            position = rules.waitlist_position(waiting_entries(session.id), enrolment.id)
            flash(_("You are on the waitlist, number %(position)d. If a place frees up, you "
                    "get it automatically and are notified.", position=position), "success")
    return redirect(back)


@bp.post("/enrolments/<int:enrolment_id>/cancel")
@login_required
def cancel_enrolment(enrolment_id: int):
    enrolment = get_enrolment_or_404(enrolment_id)
    require(permissions.is_own_enrolment(current_user, enrolment))
    if ButtonForm().validate_on_submit():
        attempt(services.cancel_enrolment, current_user, enrolment,
                done=_("Your enrolment is cancelled."))
    else:
        expired()
    return redirect(back_to(url_for("partners.my_services")))


@bp.post("/enrolments/<int:enrolment_id>/attendance")
@login_required
def attendance(enrolment_id: int):
    enrolment: Enrolment = get_enrolment_or_404(enrolment_id)
    organization = enrolment.session.offering.organization
    require(request_permissions.can_handle_requests(current_user, organization))
    form = AttendanceForm()
    if form.validate_on_submit() and form.attended.data in ("0", "1"):
        attempt(services.mark_attendance, current_user, enrolment, form.attended.data == "1")
    else:
        expired()
    return redirect(url_for("partners.requests_list", organization_id=organization.id,
                            _anchor=f"session-{enrolment.session_id}"))
