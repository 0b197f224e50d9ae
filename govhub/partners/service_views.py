"""Taking part and answering: enrol, request, cancel, rate; the organization's request list.

The request list updates itself while open (static/js/organization-requests.js
listens on the organization's room and fetches `?fragment=1`); every form
on it also works without JavaScript.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp, enrolments, permissions, ratings, rules, service_requests
from govhub.partners.forms import (
    AttendanceForm,
    ButtonForm,
    DeclineForm,
    EnrolForm,
    RatingForm,
    RequestForm,
)
from govhub.partners.models import Enrolment, EnrolmentStatus, OfferingMode
from govhub.partners.offering_views import offering_page, viewable_offering
from govhub.partners.queries import (
    enrolments_of_resident,
    find_session,
    get_enrolment_or_404,
    get_organization_or_404,
    get_request_or_404,
    get_session_or_404,
    people_of_session,
    rated_offerings,
    rated_sessions,
    request_statuses,
    requests_for,
    requests_of_resident,
    sessions_with_people,
    waiting_entries,
)
from govhub.partners.views import expired
from govhub.web.view_helpers import attempt, safe_next_url, show_domain_error


def _back(fallback: str) -> str:
    return safe_next_url(request.form.get("next"), fallback)


# --- residents: enrol, request, cancel, rate -----------------------------------------------

@bp.post("/sessions/<int:session_id>/enrol")
@login_required
def enrol(session_id: int):
    session = get_session_or_404(session_id)
    offering = viewable_offering(session.offering_id)
    form = EnrolForm()
    back = _back(url_for("partners.offering", offering_id=offering.id))
    if not form.validate_on_submit():
        expired()
        return redirect(back)
    try:
        enrolment = enrolments.enrol(current_user, session, join_waitlist=form.waitlist.data == "1")
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
        attempt(enrolments.cancel_enrolment, current_user, enrolment,
                done=_("Your enrolment is cancelled."))
    else:
        expired()
    return redirect(_back(url_for("partners.my_services")))


@bp.post("/offerings/<int:offering_id>/request")
@login_required
def request_service(offering_id: int):
    offering = viewable_offering(offering_id)
    form = RequestForm()
    if form.validate_on_submit():
        try:
            service_requests.request_service(current_user, offering, form.message.data,
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
        attempt(service_requests.cancel_request, current_user, service_request,
                done=_("Your request is withdrawn."))
    else:
        expired()
    return redirect(_back(url_for("partners.my_services")))


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
    attempt(ratings.rate, current_user, offering, form.score.data, form.comment.data,
            session=session, done=_("Thank you for your rating."))
    return redirect(url_for("partners.my_services"))


@bp.get("/my/services")
@login_required
def my_services():
    mine = enrolments_of_resident(current_user)
    requests = requests_of_resident(current_user)
    now_rated = rated_sessions(current_user, [e.session_id for e in mine])
    positions = {e.id: rules.waitlist_position(waiting_entries(e.session_id), e.id)
                 for e in mine if e.status == EnrolmentStatus.WAITLISTED}
    rated = rated_offerings(current_user)
    rateable = {r.offering_id for r in requests if r.offering_id not in rated
                and rules.may_rate_request(request_statuses(r.offering_id, current_user.id))}
    return render_template(
        "partners/my_services.html", enrolments=mine, requests=requests, positions=positions,
        rated_sessions=now_rated, rateable_offerings=rateable, button=ButtonForm(),
        community=current_user.community)


# --- the organization's requests and enrolments --------------------------------------------

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
            rules.waitlist_order(waiting_entries(s.id)), start=1)} for s in sessions},
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
    return _answer(request_id, service_requests.accept_request,
                   _("The request is accepted; the resident is notified."))


@bp.post("/requests/<int:request_id>/complete")
@login_required
def complete_request(request_id: int):
    return _answer(request_id, service_requests.complete_request,
                   _("The request is marked as completed."))


@bp.post("/requests/<int:request_id>/decline")
@login_required
def decline_request(request_id: int):
    service_request = get_request_or_404(request_id)
    _handled(service_request)
    form = DeclineForm()
    if form.validate_on_submit():
        attempt(service_requests.decline_request, current_user, service_request,
                form.reason.data, done=_("The request is declined; the resident is told why."))
    elif form.csrf_token.errors:
        expired()
    else:
        flash(_("Say why you decline: the resident reads it."), "error")
    return _to_list(service_request)


@bp.post("/enrolments/<int:enrolment_id>/attendance")
@login_required
def attendance(enrolment_id: int):
    enrolment: Enrolment = get_enrolment_or_404(enrolment_id)
    organization = enrolment.session.offering.organization
    require(permissions.can_handle_requests(current_user, organization))
    form = AttendanceForm()
    if form.validate_on_submit() and form.attended.data in ("0", "1"):
        attempt(enrolments.mark_attendance, current_user, enrolment, form.attended.data == "1")
    else:
        expired()
    return redirect(url_for("partners.requests_list", organization_id=organization.id,
                            _anchor=f"session-{enrolment.session_id}"))

