"""Offering pages: browsing, the shareable offering page, editing, publishing, sessions."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.communities.queries import get_community_or_404
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.time import from_local
from govhub.extensions import db
from govhub.partners import bp
from govhub.partners.checks import MAX_CAPACITY
from govhub.partners.common import ButtonForm, expired
from govhub.partners.enrolments import rules as enrolment_rules
from govhub.partners.enrolments import services as enrolment_services
from govhub.partners.enrolments.forms import EnrolForm
from govhub.partners.enrolments.queries import enrolments_by_session, waiting_entries
from govhub.partners.offerings import labels, permissions, rules, services
from govhub.partners.offerings.forms import (
    BrowseForm,
    CapacityForm,
    OfferingForm,
    SessionForm,
    StepForm,
    WeeklyForm,
)
from govhub.partners.offerings.models import (
    Offering,
    OfferingCategory,
    OfferingMode,
    OfferingStatus,
)
from govhub.partners.offerings.queries import (
    get_offering_or_404,
    get_session_or_404,
    next_sessions,
    places_of,
    public_offerings,
    sessions_of,
)
from govhub.partners.organizations.queries import get_organization_or_404
from govhub.partners.requests.forms import RequestForm
from govhub.partners.requests.queries import open_request, rating_summary, ratings_of
from govhub.web.view_helpers import attempt, page_number, show_domain_error

OFFERING_FIELDS = ("title", "category", "mode", "description", "eligibility", "location_name",
                   "address", "at_home", "price")


FILTERS = ("q", "category", "day", "place")


STEP_ORDER = [OfferingStatus.PUBLISHED, OfferingStatus.PAUSED, OfferingStatus.ARCHIVED]


@bp.get("/c/<slug>/services")
def browse(slug: str):
    community = get_community_or_404(slug)
    form = BrowseForm(request.args, places=places_of(community.id))
    filters = {}
    if form.validate():
        filters = {"category": OfferingCategory(form.category.data) if form.category.data
                   else None, "day": form.day.data, "place": form.place.data or "",
                   "keywords": form.q.data or ""}
    page = public_offerings(community, page=page_number(),
                            **filters)
    return render_template("partners/browse.html", community=community, form=form,
                           page=page, filters={name: request.args[name] for name in FILTERS
                                               if request.args.get(name)},
                           next_sessions=next_sessions([o.id for o in page.items]))


def viewable_offering(offering_id: int) -> Offering:
    """The offering if the viewer may see it; a hidden one does not exist for them."""
    offering = get_offering_or_404(offering_id)
    if not permissions.can_view_offering(current_user, offering):
        abort(404)
    return offering


def offering_page(offering: Offering, request_form: RequestForm | None = None,
                  status: int = 200):
    user = current_user
    organization = offering.organization
    sessions = sessions_of(offering, upcoming_only=True)
    mine = enrolments_by_session(user, [s.id for s in sessions])
    positions = {e.id: enrolment_rules.waitlist_position(waiting_entries(e.session_id), e.id)
                 for e in mine.values() if e.status == "waitlisted"}
    average, count = rating_summary(offering)
    return render_template(
        "partners/offering.html", offering=offering, organization=organization,
        sessions=sessions, mine=mine, positions=positions, average=average, count=count,
        ratings=ratings_of(offering), enrol_form=EnrolForm(formdata=None),
        request_form=request_form or RequestForm(
            formdata=None, phone=getattr(user, "phone", None) or ""), button=ButtonForm(),
        taking=offering.status in rules.TAKING_PEOPLE and organization.is_verified,
        public=rules.is_public(offering.status, organization.status),
        takes_part=permissions.can_take_part(user, offering),
        manage=permissions.can_manage_offerings(user, organization),
        my_request=open_request(offering.id, user.id) if user.is_authenticated else None,
        share_url=url_for("partners.offering", offering_id=offering.id, _external=True),
        steps=offering_steps(offering)), status


@bp.get("/offerings/<int:offering_id>")
def offering(offering_id: int):
    return offering_page(viewable_offering(offering_id))


def _form_data(form: OfferingForm) -> dict:
    return {name: getattr(form, name).data for name in OFFERING_FIELDS}


@bp.route("/organizations/<int:organization_id>/offerings/new", methods=["GET", "POST"])
@login_required
def new_offering(organization_id: int):
    organization = get_organization_or_404(organization_id)
    require(permissions.can_manage_offerings(current_user, organization))
    form = OfferingForm()
    if form.validate_on_submit():
        try:
            offering = services.create_offering(current_user, organization, **_form_data(form))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The offering is saved as a draft. Add its sessions, then publish it.")
                  if offering.mode == OfferingMode.SESSIONS else
                  _("The offering is saved as a draft. Publish it when it is ready."), "success")
            target = ("partners.sessions" if offering.mode == OfferingMode.SESSIONS
                      else "partners.offering")
            return redirect(url_for(target, offering_id=offering.id))
    return render_template("partners/offering_form.html", form=form, organization=organization,
                           offering=None)


@bp.route("/offerings/<int:offering_id>/edit", methods=["GET", "POST"])
@login_required
def edit_offering(offering_id: int):
    offering = get_offering_or_404(offering_id)
    require(permissions.can_manage_offerings(current_user, offering.organization))
    form = OfferingForm(obj=offering, price="" if offering.price is None else offering.price)
    if form.validate_on_submit():
        try:
            services.update_offering(current_user, offering, **_form_data(form))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The offering is saved."), "success")
            return redirect(url_for("partners.offering", offering_id=offering.id))
    return render_template("partners/offering_form.html", form=form, offering=offering,
                           organization=offering.organization)


@bp.post("/offerings/<int:offering_id>/status")
@login_required
def offering_status(offering_id: int):
    offering = get_offering_or_404(offering_id)
    require(permissions.can_manage_offerings(current_user, offering.organization))
    form = StepForm()
    if form.validate_on_submit():
        target = form.status.data
        attempt(services.set_offering_status, current_user, offering, target,
                done=_("The offering is now: %(status)s.",
                       status=labels.offering_status_label(target)))
    else:
        expired()
    return redirect(url_for("partners.offering", offering_id=offering.id))


def offering_steps(offering: Offering) -> list[tuple[str, str]]:
    return [(target.value, labels.offering_step_label(target)) for target in STEP_ORDER
            if rules.can_move_offering(offering.status, target)]


def _sessions_page(offering: Offering, one_off: SessionForm | None = None,
                   weekly: WeeklyForm | None = None, status: int = 200):
    require(permissions.can_manage_offerings(current_user, offering.organization))
    sessions = sessions_of(offering)
    return render_template(
        "partners/sessions.html", offering=offering, organization=offering.organization,
        sessions=sessions, one_off=one_off or SessionForm(formdata=None),
        weekly=weekly or WeeklyForm(formdata=None),
        capacity_forms={s.id: CapacityForm(formdata=None, capacity=s.capacity,
                                           prefix=f"s{s.id}") for s in sessions},
        button=ButtonForm(), timezone=offering.organization.community.timezone), status


@bp.get("/offerings/<int:offering_id>/sessions")
@login_required
def sessions(offering_id: int):
    return _sessions_page(get_offering_or_404(offering_id))


def _local(day, moment, timezone: str) -> datetime:
    return from_local(datetime.combine(day, moment), timezone)


@bp.post("/offerings/<int:offering_id>/sessions")
@login_required
def add_session(offering_id: int):
    offering = get_offering_or_404(offering_id)
    require(permissions.can_manage_offerings(current_user, offering.organization))
    form = SessionForm()
    if form.validate_on_submit():
        timezone = offering.organization.community.timezone
        try:
            services.add_session(current_user, offering,
                                 _local(form.date.data, form.starts_time.data, timezone),
                                 _local(form.date.data, form.ends_time.data, timezone),
                                 form.capacity.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The session is added."), "success")
            return redirect(url_for("partners.sessions", offering_id=offering.id))
    return _sessions_page(offering, one_off=form, status=400)


@bp.post("/offerings/<int:offering_id>/sessions/weekly")
@login_required
def add_weekly(offering_id: int):
    offering = get_offering_or_404(offering_id)
    require(permissions.can_manage_offerings(current_user, offering.organization))
    form = WeeklyForm()
    if form.validate_on_submit():
        try:
            made = services.add_weekly_sessions(
                current_user, offering, weekday=form.weekday.data,
                starts_time=form.starts_time.data, ends_time=form.ends_time.data,
                first_date=form.first_date.data, count=form.count.data,
                until=form.until.data, capacity=form.capacity.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("%(count)d weekly sessions are added.", count=len(made)), "success")
            return redirect(url_for("partners.sessions", offering_id=offering.id))
    return _sessions_page(offering, weekly=form, status=400)


@bp.post("/sessions/<int:session_id>/capacity")
@login_required
def capacity(session_id: int):
    session = get_session_or_404(session_id)
    require(permissions.can_manage_offerings(current_user, session.offering.organization))
    form = CapacityForm(prefix=f"s{session.id}")
    if form.validate_on_submit():
        attempt(enrolment_services.change_capacity, current_user, session, form.capacity.data,
                done=_("The number of places is saved."))
    else:
        flash(_("A session has from 1 to %(max)d places.", max=MAX_CAPACITY), "error")
    return redirect(url_for("partners.sessions", offering_id=session.offering_id,
                            _anchor=f"session-{session.id}"))


@bp.post("/sessions/<int:session_id>/remove")
@login_required
def remove_session(session_id: int):
    session = get_session_or_404(session_id)
    offering_id = session.offering_id
    require(permissions.can_manage_offerings(current_user, session.offering.organization))
    if ButtonForm().validate_on_submit():
        attempt(services.remove_session, current_user, session,
                done=_("The session is removed."))
    else:
        expired()
    return redirect(url_for("partners.sessions", offering_id=offering_id))
