"""Admission requests' pages: an officer's list, new, edit, submit and withdraw; a request's
page (with the workers' view form and the reviewers' consultation and decision); the
workers' and reviewers' lists; and a street's public list.

Every form works without JavaScript: load, authorise, call the service, commit once, go
back with a flash.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.admission import bp
from govhub.admission.catalogue.labels import list_type_label
from govhub.admission.catalogue.models import WorkItem
from govhub.admission.catalogue.queries import get_street
from govhub.admission.hours.queries import measured_hours
from govhub.admission.requests import decisions, labels, permissions, queries, rules, services
from govhub.admission.requests.forms import (
    ButtonForm,
    DecisionForm,
    RequestForm,
    ViewForm,
    WithdrawForm,
)
from govhub.admission.requests.models import AdmissionRequest
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.core.roles import is_staff_of
from govhub.core.spreadsheet import csv_response
from govhub.extensions import db
from govhub.web.locale import current_locale
from govhub.web.view_helpers import attempt, flash_form_errors, show_domain_error

bp.add_app_template_global(labels.state_label, "admission_state_label")
bp.add_app_template_global(labels.emergency_label, "admission_emergency_label")
bp.add_app_template_global(labels.stance_label, "admission_stance_label")


def _back(item: AdmissionRequest, anchor: str | None = None):
    return redirect(url_for("admission.show_request", request_id=item.id, _anchor=anchor))


def _officer_department():
    department = queries.department(permissions.officer_department_id(current_user))
    require(department is not None, _("Only a department's officers may ask for admission."))
    return department


@bp.get("/admission/requests")
@login_required
def my_requests():
    department = _officer_department()
    return render_template("admission/requests/mine.html", department=department,
                           listed=queries.of_department(department.id, _page_asked()),
                           today=queries.today())


def _page_asked() -> int:
    return request.args.get("page", 1, type=int)


def _save(form, write) -> tuple[object, DomainError | None]:
    """Run a form's service and commit: (what it returned, None); or roll back and show the
    refusal at its field: (None, the refusal). A Forbidden refusal is raised (a 403)."""
    try:
        result = write()
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        return None, exc
    return result, None


def _form_page(form: RequestForm, department, item=None, status: int = 200):
    return render_template("admission/requests/edit.html", form=form, department=department,
                           item=item), status


def _community_choices(form: RequestForm, department) -> None:
    form.communities.choices = [(c.id, c.display_name(current_locale()))
                                for c in queries.covered_communities(department.id)]


@bp.route("/admission/requests/new", methods=["GET", "POST"])
@login_required
def new_request():
    department = _officer_department()
    form = RequestForm()
    _community_choices(form, department)
    if form.validate_on_submit():
        item, refused = _save(form, lambda: services.create_request(
            current_user, form.values(), form.communities.data))
        if refused is None:
            flash(_("Your draft is saved. Check what GovHub found below, then submit it."),
                  "success")
            return _back(item)
        return _form_page(form, department, status=400)
    return _form_page(form, department, status=400 if request.method == "POST" else 200)


@bp.route("/admission/requests/<int:request_id>/edit", methods=["GET", "POST"])
@login_required
def edit_request(request_id: int):
    item = queries.visible_request(current_user, request_id)
    require(permissions.can_edit_request(current_user, item),
            _("This request can no longer be changed."))
    form = RequestForm(obj=item)
    _community_choices(form, item.department)
    if request.method == "GET":
        form.communities.data = item.community_ids
    if form.validate_on_submit():
        _updated, refused = _save(form, lambda: services.update_request(
            current_user, item, form.values(), form.communities.data))
        if refused is None:
            flash(_("The request is saved."), "success")
            return _back(item)
        return _form_page(form, item.department, item, status=400)
    return _form_page(form, item.department, item,
                      status=400 if request.method == "POST" else 200)


@bp.get("/admission/requests/<int:request_id>")
def show_request(request_id: int):
    item = queries.visible_request(current_user, request_id)
    return _page(item)


def _page(item: AdmissionRequest, view_form=None, decision_form=None, status: int = 200):
    user, today = current_user, queries.today()
    officer = permissions.is_officer_of(user, item.department_id)
    reviewer = permissions.can_review(user, item)
    own_communities = [cid for cid in item.community_ids
                       if permissions.can_give_view(user, item, cid)]
    own_view = next((v for v in item.views if v.community_id in own_communities), None)
    if view_form is None and own_view is not None:
        view_form = ViewForm(formdata=None, obj=own_view)
        view_form.stance.data = own_view.stance.value
    matches = (queries.report_once(item.street_id, item.title, item.field_list, item.id)
               if officer and item.state in rules.EDITABLE else [])
    return render_template(
        "admission/requests/show.html", item=item, today=today,
        state=rules.RequestState(item.state), overdue=queries.is_overdue(item),
        communities=queries.communities_by_id(item.community_ids),
        list_type=list_type_label(item.list_type), matches=matches,
        is_officer=officer, can_edit=permissions.can_edit_request(user, item),
        can_submit=officer and item.state == rules.RequestState.DRAFT,
        can_withdraw=officer and rules.next_state(item.state, rules.RequestAction.WITHDRAW),
        can_consult=reviewer and item.state == rules.RequestState.SUBMITTED,
        can_decide=reviewer and item.state in (rules.RequestState.CONSULTATION,
                                               rules.RequestState.PENDING_REVIEW),
        view_community=own_communities[0] if own_communities else None,
        views_open=rules.views_open(item.state, item.consultation_closes_on, today),
        view_form=view_form or ViewForm(formdata=None),
        decision_form=decision_form or DecisionForm(formdata=None),
        withdraw_form=WithdrawForm(formdata=None), button=ButtonForm(),
        measured=_measured(item, today)), status


MEASURE_AFTER_DAYS = 28  # a month's rate from a few days' hours would mislead


def _measured(item: AdmissionRequest, today):
    """An admitted task's measured hours per community per month since its decision, for
    its re-review to set against the estimate: None before it is admitted, "" in its first
    four weeks."""
    if item.work_item_id is None or item.decided_at is None:
        return None
    since = item.decided_at.date()
    if (today - since).days < MEASURE_AFTER_DAYS:
        return ""
    code = db.session.scalar(sa.select(WorkItem.code).where(WorkItem.id == item.work_item_id))
    return measured_hours(code, item.community_ids, since, today) if code else None


def _button(service, *args, done: str, item: AdmissionRequest):
    if ButtonForm().validate_on_submit():
        attempt(service, current_user, item, *args, done=done, raise_forbidden=True)
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return _back(item)


@bp.post("/admission/requests/<int:request_id>/submit")
@login_required
def submit_request(request_id: int):
    item = queries.visible_request(current_user, request_id)
    return _button(services.submit_request, item=item,
                   done=_("The request is submitted to the street's review body."))


@bp.post("/admission/requests/<int:request_id>/withdraw")
@login_required
def withdraw_request(request_id: int):
    item = queries.visible_request(current_user, request_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(item)
    attempt(services.withdraw_request, current_user, item, form.reason.data or "",
            done=_("The request is withdrawn."), raise_forbidden=True)
    return _back(item)


@bp.post("/admission/requests/<int:request_id>/consult")
@login_required
def open_consultation(request_id: int):
    item = queries.visible_request(current_user, request_id)
    return _button(services.open_consultation, item=item,
                   done=_("The communities concerned are asked for their view."))


@bp.post("/admission/requests/<int:request_id>/view")
@login_required
def give_view(request_id: int):
    item = queries.visible_request(current_user, request_id)
    mine = [cid for cid in item.community_ids if permissions.can_give_view(current_user,
                                                                             item, cid)]
    require(bool(mine), _("Only the workers of a community concerned give its view."))
    form = ViewForm()
    if not form.validate_on_submit():
        return _page(item, view_form=form, status=400)
    _view, refused = _save(form, lambda: services.give_view(
        current_user, item, mine[0], form.burden_hours.data, form.stance.data or "",
        form.comment.data or ""))
    if refused is not None:
        return _page(item, view_form=form, status=refused.status)
    flash(_("Your community's view is saved."), "success")
    return _back(item, "views")


@bp.post("/admission/requests/<int:request_id>/decide")
@login_required
def decide(request_id: int):
    item = queries.visible_request(current_user, request_id)
    require(permissions.can_review(current_user, item),
            _("Only the street's reviewers may decide its requests."))
    form = DecisionForm()
    if not form.validate_on_submit():
        return _page(item, decision_form=form, status=400)
    _decided, refused = _save(form, lambda: decisions.decide(
        current_user, item, form.decision.data or "", form.reasons.data or "",
        form.conditions.data or "", form.code.data or ""))
    if refused is not None:
        return _page(item, decision_form=form, status=refused.status)
    flash(_("The decision is recorded; the department and the communities are told."),
          "success")
    return _back(item)


@bp.get("/admission/community-requests")
@login_required
def community_requests():
    require(current_user.community_id is not None
            and is_staff_of(current_user, current_user.community_id))
    return render_template("admission/requests/community.html",
                           community=current_user.community,
                           listed=queries.concerning(current_user.community_id,
                                                     _page_asked()),
                           today=queries.today())


@bp.get("/admission/reviews")
@login_required
def review_queue():
    street_id = permissions.reviewer_street_id(current_user)
    require(street_id is not None, _("Only the street's reviewers may review its requests."))
    return render_template("admission/requests/reviews.html", street=get_street(street_id),
                           listed=queries.review_queue(street_id, _page_asked()),
                           decided=queries.decided_of_street(street_id, limit=20),
                           today=queries.today())


@bp.get("/streets/<int:street_id>/requests")
def street_requests(street_id: int):
    street = get_street(street_id)
    return render_template("admission/requests/street.html", street=street,
                           listed=queries.public_of_street(street.id, page=_page_asked()),
                           today=queries.today())


@bp.get("/streets/<int:street_id>/requests.csv")
def street_requests_csv(street_id: int):
    """The street's submitted requests and decisions as open data (no one's name)."""
    street = get_street(street_id)
    return csv_response(queries.open_data_rows(street.id),
                        f"admission-requests-street-{street.id}.csv")
