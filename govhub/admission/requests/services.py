"""What officers and workers do with admission requests: write, edit, submit (or, in an
emergency, start at once), withdraw, and give a community's view. The reviewers' side is
in decisions.py. Services flush, never commit; each change is audited.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.actions.labels import day_text
from govhub.admission.departments.models import Department, StreetReviewer
from govhub.admission.requests import labels, permissions, queries, rules
from govhub.admission.requests.models import (
    AdmissionRequest,
    AdmissionRequestCommunity,
    AdmissionView,
)
from govhub.admission.requests.rules import RequestAction, RequestState
from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.notifications.services import notify, register


def _days(*names: str):
    def convert(fields: dict) -> dict:
        return {name: day_text(date.fromisoformat(fields[name])) for name in names
                if fields.get(name)}
    return convert


register("admission.submitted", _l("%(department)s asks to admit the task %(title)s; the "
                                   "decision is due by %(due)s."), fields=_days("due"))
register("admission.consultation", _l("Give your community's view on the task %(title)s "
                                      "by %(closes)s."), fields=_days("closes"))
register("admission.emergency", _l("%(department)s started the task %(title)s at once (an "
                                   "emergency); it must be reviewed by %(due)s."),
         fields=_days("due"))


def field_error(error: rules.FieldError) -> DomainError:
    return DomainError(error.problem, labels.problem_text(error.field, error.problem),
                       field=error.field)


def _checked(values: dict) -> rules.RequestData:
    try:
        return rules.check_request(values)
    except rules.FieldError as error:
        raise field_error(error) from None


def _community_ids(department: Department, chosen) -> list[int]:
    """The communities concerned: those chosen, all the department covers when none is."""
    covered = [c.id for c in queries.covered_communities(department.id)]
    chosen = [int(c) for c in chosen or []]
    if any(c not in covered for c in chosen):
        raise DomainError("not_covered", _("Your department does not cover that community."),
                          field="communities")
    ids = chosen or covered
    if not ids:
        raise DomainError("no_communities", _("Your department covers no community yet."),
                          field="communities")
    return sorted(set(ids))


def _fill(request: AdmissionRequest, data: rules.RequestData, community_ids) -> None:
    for name in ("title", "description", "law", "article", "why_not_itself", "resources",
                 "hours_per_month", "period_from", "period_to", "list_type", "emergency"):
        setattr(request, name, getattr(data, name))
    request.data_fields = "\n".join(data.data_fields)
    request.communities = [AdmissionRequestCommunity(community_id=c) for c in community_ids]


def create_request(actor, values: dict, community_ids=None) -> AdmissionRequest:
    """A draft request of the officer's department; flushes only."""
    department = queries.department(permissions.officer_department_id(actor))
    if department is None:
        raise Forbidden(_("Only a department's officers may ask for admission."))
    data = _checked(values)
    request = AdmissionRequest(street_id=department.street_id, department_id=department.id,
                               officer_id=actor.id, state=RequestState.DRAFT)
    _fill(request, data, _community_ids(department, community_ids))
    db.session.add(request)
    db.session.flush()
    record(actor, "admission_request.created", request, title=request.title,
           department_id=department.id)
    return request


def update_request(actor, request: AdmissionRequest, values: dict,
                   community_ids=None) -> AdmissionRequest:
    """Change a draft, or a submitted request before its consultation opens."""
    if not permissions.is_officer_of(actor, request.department_id):
        raise Forbidden(_("Only the department's officers may change its requests."))
    if request.state not in rules.EDITABLE:
        raise DomainError("not_editable", _("This request can no longer be changed."),
                          status=409)
    data = _checked(values)
    if request.state != RequestState.DRAFT and data.emergency != request.emergency:
        raise DomainError("not_editable", _("A submitted request cannot become an emergency; "
                                            "withdraw it and ask again."), field="emergency",
                          status=409)
    _fill(request, data, _community_ids(request.department, community_ids))
    db.session.flush()
    record(actor, "admission_request.updated", request, title=request.title)
    return request


def moved(request: AdmissionRequest, action: RequestAction) -> RequestState:
    """The state the action takes the request to; 409 when its state does not allow it."""
    target = rules.next_state(request.state, action)
    if target is None:
        raise DomainError("transition_not_allowed", _("This request is %(state)s: that is not "
                                                      "possible now.", state=labels.state_label(
                                                          request.state).lower()), status=409)
    return target


def reviewers_of(street_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(
        StreetReviewer, StreetReviewer.user_id == User.id).where(
        StreetReviewer.street_id == street_id, User.role == Role.REVIEWER,
        User.disabled_at.is_(None)).order_by(User.id)))


def workers_of(request: AdmissionRequest) -> list[User]:
    if not request.community_ids:
        return []
    return list(db.session.scalars(sa.select(User).where(
        User.community_id.in_(request.community_ids), User.role == Role.WORKER,
        User.disabled_at.is_(None)).order_by(User.id)))


def link_of(request: AdmissionRequest) -> str:
    """Where a notification about the request leads."""
    return f"/admission/requests/{request.id}"


def submit_request(actor, request: AdmissionRequest) -> AdmissionRequest:
    """Send a draft to the street's reviewers (due in N working days); an emergency starts
    at once and opens the communities' consultation with it."""
    if not permissions.is_officer_of(actor, request.department_id):
        raise Forbidden(_("Only the department's officers may submit its requests."))
    action = RequestAction.START_AT_ONCE if request.emergency else RequestAction.SUBMIT
    request.state = moved(request, action)
    today, days, calendar = queries.today(), queries.settings(), queries.calendar()
    request.submitted_at = utcnow()
    data = {"title": request.title, "department": request.department.name}
    if request.emergency:
        request.decision_due_on = rules.due_on(today, days["emergency"], calendar)
        request.consultation_closes_on = rules.due_on(today, days["consultation"], calendar)
        data["due"] = request.decision_due_on.isoformat()
        notify(reviewers_of(request.street_id), "admission.emergency", data, link_of(request))
        notify(workers_of(request), "admission.consultation",
               {**data, "closes": request.consultation_closes_on.isoformat()}, link_of(request))
    else:
        request.decision_due_on = rules.due_on(today, days["decision"], calendar)
        data["due"] = request.decision_due_on.isoformat()
        notify(reviewers_of(request.street_id), "admission.submitted", data, link_of(request))
    db.session.flush()
    record(actor, "admission_request.submitted", request, title=request.title,
           emergency=str(request.emergency) if request.emergency else None,
           due_on=request.decision_due_on.isoformat())
    return request


def withdraw_request(actor, request: AdmissionRequest, reason: str = "") -> AdmissionRequest:
    if not permissions.can_withdraw_request(actor, request):
        raise Forbidden(_("Only the department's officers may withdraw its requests."))
    request.state = moved(request, RequestAction.WITHDRAW)
    request.withdrawn_reason = rules.clean(reason)[:rules.LIMITS["reasons"]]
    db.session.flush()
    record(actor, "admission_request.withdrawn", request, title=request.title,
           reason=request.withdrawn_reason)
    return request


def open_consultation(actor, request: AdmissionRequest) -> AdmissionRequest:
    """A reviewer asks the communities concerned for their view, for N working days."""
    if not permissions.can_review(actor, request):
        raise Forbidden(_("Only the street's reviewers may review its requests."))
    request.state = moved(request, RequestAction.OPEN_CONSULTATION)
    request.consultation_closes_on = rules.due_on(
        queries.today(), queries.settings()["consultation"], queries.calendar())
    notify(workers_of(request), "admission.consultation",
           {"title": request.title, "closes": request.consultation_closes_on.isoformat()},
           link_of(request))
    db.session.flush()
    record(actor, "admission_request.consultation_opened", request, title=request.title,
           due_on=request.consultation_closes_on.isoformat())
    return request


def give_view(actor, request: AdmissionRequest, community_id: int, burden_hours, stance: str,
              comment: str = "") -> AdmissionView:
    """A community's view (one; changed until the window closes)."""
    if not permissions.can_give_view(actor, request, community_id):
        raise Forbidden(_("Only the workers of a community concerned give its view."))
    if not rules.views_open(request.state, request.consultation_closes_on, queries.today()):
        raise DomainError("consultation_closed", _("The consultation is not open."),
                          status=409)
    try:
        hours = rules.parse_hours(str(burden_hours if burden_hours is not None else ""))
    except rules.RowError as error:
        raise field_error(rules.FieldError("burden_hours", error.problem)) from None
    if stance not in {s.value for s in rules.Stance}:
        raise field_error(rules.FieldError("stance", "unknown"))
    comment = rules.clean(comment)
    if len(comment) > rules.LIMITS["comment"]:
        raise field_error(rules.FieldError("comment", "too_long"))
    view = _view_row(request.id, community_id)
    view.worker_id, view.burden_hours = actor.id, hours
    view.stance, view.comment, view.updated_at = rules.Stance(stance), comment, utcnow()
    db.session.flush()
    record(actor, "admission_request.view_given", request, community_id=community_id,
           stance=view.stance.value, hours=str(hours))
    return view


def _view_row(request_id: int, community_id: int) -> AdmissionView:
    """The community's view row, made when it has none (a colleague's at the same instant
    wins the insert, and this one then changes it)."""
    where = (AdmissionView.request_id == request_id, AdmissionView.community_id == community_id)
    view = db.session.scalar(sa.select(AdmissionView).where(*where))
    if view is not None:
        return view
    try:
        with db.session.begin_nested():
            view = AdmissionView(request_id=request_id, community_id=community_id,
                                 stance=rules.Stance.SUPPORT)
            db.session.add(view)
            db.session.flush()
    except sa.exc.IntegrityError:
        view = db.session.scalar(sa.select(AdmissionView).where(*where))
    return view
