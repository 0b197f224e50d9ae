"""Requesting, cancelling and rating; *My services*; the organization's request list.

The request list updates itself while open (static/js/organization-requests.js listens on
the organization's room and fetches `?fragment=1`); every form on it also works without
JavaScript.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp
from govhub.partners.common import ButtonForm, back_to, expired
from govhub.partners.enrolments import rules as enrolment_rules
from govhub.partners.enrolments.models import EnrolmentStatus
from govhub.partners.enrolments.queries import (
    enrolments_of_resident,
    people_of_session,
    sessions_with_people,
    waiting_entries,
)
from govhub.partners.offerings.models import OfferingMode
from govhub.partners.offerings.queries import find_session
from govhub.partners.offerings.views import offering_page, viewable_offering
from govhub.partners.organizations.queries import get_organization_or_404
from govhub.partners.requests import permissions, rules, services
from govhub.partners.requests.forms import DeclineForm, RatingForm, RequestForm
from govhub.partners.requests.queries import (
    get_request_or_404,
    rated_offerings,
    rated_sessions,
    request_statuses,
    requests_for,
    requests_of_resident,
)
from govhub.web.view_helpers import attempt, show_domain_error


@bp.post("/offerings/<int:offering_id>/request")
@login_required
def request_service(offering_id: int):
    offering = viewable_offering(offering_id)
    form = RequestForm()
    if form.validate_on_submit():
        try:
            services.request_service(current_user, offering, form.message.data,
                                     form.phone.data, form.address.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("Your request is sent. You are notified when the organization answers."),
                  "success")
            return redirect(url_for("partners.offering", offering_id=offering.id))
    return offering_page(offering, request_form=form, status=400)


@bp.post("/requests/<int:request_id>/cancel")
@login_required
def cancel_request(request_id: int):
    service_request = get_request_or_404(request_id)
    require(permissions.is_own_request(current_user, service_request))
    if ButtonForm().validate_on_submit():
        attempt(services.cancel_request, current_user, service_request,
                done=_("Your request is withdrawn."))
    else:
        expired()
    return redirect(back_to(url_for("partners.my_services")))


@bp.post("/offerings/<int:offering_id>/rate")
@login_required
def rate(offering_id: int):
    offering = viewable_offering(offering_id)
    form = RatingForm()
    if not form.validate_on_submit():
        flash(_("Choose from 1 to 5 stars."), "error")
        return redirect(url_for("partners.my_services"))
    session = None
    if offering.mode == OfferingMode.SESSIONS:
        session_id = form.session_id.data or ""
        session = find_session(int(session_id) if session_id.isdigit() else None)
        if session is None:
            abort(404)
    attempt(services.rate, current_user, offering, form.score.data, form.comment.data,
            session=session, done=_("Thank you for your rating."))
    return redirect(url_for("partners.my_services"))


@bp.get("/my/services")
@login_required
def my_services():
    mine = enrolments_of_resident(current_user)
    requests = requests_of_resident(current_user)
    now_rated = rated_sessions(current_user, [e.session_id for e in mine])
    positions = {e.id: enrolment_rules.waitlist_position(waiting_entries(e.session_id), e.id)
                 for e in mine if e.status == EnrolmentStatus.WAITLISTED}
    rated = rated_offerings(current_user)
    rateable = {r.offering_id for r in requests if r.offering_id not in rated
                and rules.may_rate_request(request_statuses(r.offering_id, current_user.id))}
    return render_template(
        "partners/my_services.html", enrolments=mine, requests=requests, positions=positions,
        rated_sessions=now_rated, rateable_offerings=rateable, button=ButtonForm(),
        rating_form=RatingForm(formdata=None), community=current_user.community)


@bp.get("/organizations/<int:organization_id>/requests")
@login_required
def requests_list(organization_id: int):
    organization = get_organization_or_404(organization_id)
    require(permissions.can_see_requests(current_user, organization))
    sessions = sessions_with_people(organization)
    context = {
        "organization": organization,
        "open_requests": requests_for(organization, open_only=True),
        "closed_requests": requests_for(organization, open_only=False),
        "sessions": [(s, people_of_session(s)) for s in sessions],
        "positions": {s.id: {eid: n for n, eid in enumerate(
            enrolment_rules.waitlist_order(waiting_entries(s.id)), start=1)} for s in sessions},
        "handle": permissions.can_handle_requests(current_user, organization),
        "show_contact": permissions.can_see_resident_contact(current_user, organization),
        "decline_form": DeclineForm(formdata=None), "button": ButtonForm(),
        "timezone": organization.community.timezone,
    }
    if request.args.get("fragment") == "1":
        return render_template("partners/_requests.html", **context)
    return render_template("partners/requests.html", **context)


def _handled(service_request) -> None:
    require(permissions.can_handle_requests(current_user, service_request.offering.organization))


def _to_list(service_request):
    return redirect(url_for("partners.requests_list",
                            organization_id=service_request.offering.organization_id,
                            _anchor=f"request-{service_request.id}"))


def _answer(request_id: int, service, done: str):
    service_request = get_request_or_404(request_id)
    _handled(service_request)
    if ButtonForm().validate_on_submit():
        attempt(service, current_user, service_request, done=done)
    else:
        expired()
    return _to_list(service_request)


@bp.post("/requests/<int:request_id>/accept")
@login_required
def accept_request(request_id: int):
    return _answer(request_id, services.accept_request,
                   _("The request is accepted; the resident is notified."))


@bp.post("/requests/<int:request_id>/complete")
@login_required
def complete_request(request_id: int):
    return _answer(request_id, services.complete_request,
                   _("The request is marked as completed."))


@bp.post("/requests/<int:request_id>/decline")
@login_required
def decline_request(request_id: int):
    service_request = get_request_or_404(request_id)
    _handled(service_request)
    form = DeclineForm()
    if form.validate_on_submit():
        attempt(services.decline_request, current_user, service_request,
                form.reason.data, done=_("The request is declined; the resident is told why."))
    elif form.csrf_token.errors:
        expired()
    else:
        flash(_("Say why you decline: the resident reads it."), "error")
    return _to_list(service_request)
