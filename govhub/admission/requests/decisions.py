"""What the street's reviewers decide: approve, approve with conditions, or reject, each
with reasons. An approval publishes a new version of the street's catalogue with the task
as an item; the officer and the workers of the communities concerned are told.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.admission.catalogue import services as catalogue
from govhub.admission.catalogue.models import Street
from govhub.admission.catalogue.rules import CODE, WorkItemData
from govhub.admission.requests import labels, permissions, queries, rules, services
from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.rules import RequestAction, RequestState
from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify, register


def _decision(fields: dict) -> dict:
    return {"decision": labels.state_label(fields["decision"])}


register("admission.decided", _l("The admission request %(title)s is decided: %(decision)s."),
         fields=_decision)


def item_code(request: AdmissionRequest, taken: set[str]) -> str:
    """ZR-<id> (准入), with a suffix in the unlikely case it is taken."""
    code, n = f"ZR-{request.id:03d}", 1
    while code in taken:
        n += 1
        code = f"ZR-{request.id:03d}-{n}"
    return code


def _item(request: AdmissionRequest, code: str) -> WorkItemData:
    resources = request.resources
    if request.conditions:
        resources = f"{resources}；{request.conditions}" if resources else request.conditions
    return WorkItemData(
        code=code, name=request.title[:200], list_type=request.list_type,
        legal_basis=rules.legal_basis(request.law, request.article)[:500],
        lead_department=request.department.name[:120],
        community_role=request.description[:500],
        deliverables="、".join(request.field_list)[:500],
        hours_per_month=request.hours_per_month, resources=resources[:500],
        effective_from=request.period_from, effective_to=request.period_to)


def _code(request: AdmissionRequest, entered: str) -> str:
    version = queries.current_version(request.street_id)
    taken = {item.code for item in version.items} if version else set()
    entered = rules.clean(entered)
    if not entered:
        return item_code(request, taken)
    if not CODE.fullmatch(entered):
        raise DomainError("bad_code", _("A code has letters, digits and hyphens (at most 32)."),
                          field="code")
    return entered


def _admitted(actor, street: Street, item: WorkItemData, note: str):
    """The new catalogue version with the item; 409 when another decision published one
    at the same instant (its number is taken: decide again)."""
    try:
        with db.session.begin_nested():
            return catalogue.add_item(actor, street, item, note=note)
    except sa.exc.IntegrityError:
        raise DomainError("catalogue_changed", _("The catalogue changed at the same moment; "
                                                 "record the decision again."),
                          status=409) from None


def decide(actor, request: AdmissionRequest, action: str, reasons: str,
           conditions: str = "", code: str = "") -> AdmissionRequest:
    """Decide a request under review; an approval admits it into the catalogue."""
    if not permissions.can_review(actor, request):
        raise Forbidden(_("Only the street's reviewers may decide its requests."))
    if action not in {a.value for a in rules.DECISIONS}:
        raise services.field_error(rules.FieldError("decision", "unknown"))
    action = RequestAction(action)
    target = services.moved(request, action)
    try:
        rules.check_decision(action, reasons, conditions)
    except rules.FieldError as error:
        raise services.field_error(error) from None
    request.reasons = rules.clean(reasons)
    request.conditions = rules.clean(conditions) if target == RequestState.CONDITIONAL else ""
    request.state, request.decided_at, request.decided_by_id = target, utcnow(), actor.id
    details = {"title": request.title, "decision": target.value}
    if target != RequestState.REJECTED:
        street = db.session.get(Street, request.street_id)
        version, item = _admitted(actor, street, _item(request, _code(request, code)),
                                  _("Admitted: %(title)s", title=request.title))
        request.work_item_id = item.id
        request.rereview_on = rules.rereview_on(queries.today(), request.period_to)
        details.update(code=item.code, number=version.number,
                       expires_on=request.rereview_on.isoformat())
    db.session.flush()
    record(actor, "admission_request.decided", request, **details)
    officer = db.session.get(User, request.officer_id) if request.officer_id else None
    notify(([officer] if officer else []) + services.workers_of(request), "admission.decided",
           {"title": request.title, "decision": target.value}, services.link_of(request))
    return request

