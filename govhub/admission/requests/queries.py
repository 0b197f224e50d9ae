"""Reading admission requests: load-or-refuse, the lists each role sees, today's date and
calendar, and the "report once" matches."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.actions.rules import local_today
from govhub.admission.catalogue.queries import current_version
from govhub.admission.departments.models import Department, DepartmentCommunity
from govhub.admission.requests import permissions, rules
from govhub.admission.requests.models import (
    AdmissionRequest,
    AdmissionRequestCommunity,
    AdmissionView,
)
from govhub.admission.requests.rules import RequestState
from govhub.communities.models import Community
from govhub.core.errors import NotFound
from govhub.core.models import is_id, utcnow
from govhub.extensions import db


def settings() -> dict:
    """The review's deadlines in working days (settings `admission_*_working_days`; at
    least one day each)."""
    config = current_app.config.get("GOVHUB", {})
    defaults = {"decision": rules.DECISION_WORKING_DAYS,
                "consultation": rules.CONSULTATION_WORKING_DAYS,
                "emergency": rules.EMERGENCY_REVIEW_WORKING_DAYS}
    names = {"decision": "admission_decision_working_days",
             "consultation": "admission_consultation_working_days",
             "emergency": "admission_emergency_review_working_days"}
    return {key: max(1, int(config.get(names[key]) or default))
            for key, default in defaults.items()}


def calendar() -> rules.Calendar:
    """The office's holidays and make-up days (settings `holidays`, `workdays`)."""
    config = current_app.config.get("GOVHUB", {})
    return rules.Calendar(
        holidays=frozenset(date.fromisoformat(d) for d in config.get("holidays", [])),
        workdays=frozenset(date.fromisoformat(d) for d in config.get("workdays", [])))


def today() -> date:
    config = current_app.config.get("GOVHUB", {})
    return local_today(utcnow(), config.get("default_timezone") or "Asia/Shanghai")


def get_request(request_id) -> AdmissionRequest:
    found = db.session.get(AdmissionRequest, request_id) if is_id(request_id) else None
    if found is None:
        raise NotFound(_("There is no such admission request."))
    return found


def visible_request(user, request_id) -> AdmissionRequest:
    """The request, or NotFound (a draft of another department is not shown to exist)."""
    found = get_request(request_id)
    if not permissions.can_view_request(user, found):
        raise NotFound(_("There is no such admission request."))
    return found


PER_PAGE = 50


def _listed():
    return sa.select(AdmissionRequest).options(
        orm.selectinload(AdmissionRequest.department),
        orm.selectinload(AdmissionRequest.communities),
        orm.selectinload(AdmissionRequest.views).selectinload(AdmissionView.community))


def _page(query, page: int, per_page: int = PER_PAGE):
    """A page of a list (a Flask-SQLAlchemy pagination: items, page, pages, total); a page
    past the end is empty, not an error."""
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False,
                       count=True)


def of_department(department_id: int, page: int = 1, per_page: int = PER_PAGE):
    """A department's requests, the newest first, a page at a time."""
    return _page(_listed().where(AdmissionRequest.department_id == department_id)
                 .order_by(AdmissionRequest.id.desc()), page, per_page)


def review_queue(street_id: int, page: int = 1, per_page: int = PER_PAGE):
    """The street's requests under review, the soonest due first, a page at a time."""
    return _page(_listed().where(
        AdmissionRequest.street_id == street_id,
        AdmissionRequest.state.in_(rules.UNDER_REVIEW))
        .order_by(AdmissionRequest.decision_due_on, AdmissionRequest.id), page, per_page)


def decided_of_street(street_id: int, limit: int = 50) -> list[AdmissionRequest]:
    return list(db.session.scalars(_listed().where(
        AdmissionRequest.street_id == street_id,
        AdmissionRequest.state.in_(rules.DECIDED))
        .order_by(AdmissionRequest.decided_at.desc(), AdmissionRequest.id.desc())
        .limit(limit)))


def concerning(community_id: int, page: int = 1, per_page: int = PER_PAGE):
    """The submitted requests that concern a community, the newest first, a page at a time."""
    return _page(_listed().join(AdmissionRequestCommunity).where(
        AdmissionRequestCommunity.community_id == community_id,
        AdmissionRequest.state != RequestState.DRAFT)
        .order_by(AdmissionRequest.id.desc()), page, per_page)


def public_of_street(street_id: int, decided_only: bool = False, page: int = 1,
                     per_page: int = PER_PAGE):
    """A street's requests once submitted (what the public sees), the newest first, a page
    at a time."""
    states = rules.DECIDED if decided_only else set(RequestState) - {RequestState.DRAFT}
    return _page(_listed().where(
        AdmissionRequest.street_id == street_id, AdmissionRequest.state.in_(states))
        .order_by(AdmissionRequest.id.desc()), page, per_page)


def covered_communities(department_id: int) -> list[Community]:
    return list(db.session.scalars(sa.select(Community).join(
        DepartmentCommunity, DepartmentCommunity.community_id == Community.id)
        .where(DepartmentCommunity.department_id == department_id).order_by(Community.name)))


def department(department_id: int | None) -> Department | None:
    return db.session.get(Department, department_id) if department_id else None


def communities_by_id(ids) -> dict[int, Community]:
    ids = list(ids)
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(sa.select(Community).where(
        Community.id.in_(ids)))}


def report_once(street_id: int, title: str, fields, exclude_id: int | None = None):
    """Catalogue items of the street's current catalogue and its earlier requests that ask
    for the same data, or have nearly the same title (rules.report_once)."""
    candidates = []
    version = current_version(street_id)
    items = {item.id: item for item in (version.items if version else [])}
    candidates += [rules.Candidate("item", item.id, item.name,
                                   rules.item_fields(item.name, item.deliverables))
                   for item in items.values()]
    earlier = {r.id: r for r in db.session.scalars(sa.select(AdmissionRequest).where(
        AdmissionRequest.street_id == street_id,
        AdmissionRequest.state.not_in((RequestState.DRAFT, RequestState.WITHDRAWN)),
        AdmissionRequest.id != (exclude_id or 0)))
        if r.work_item_id is None}  # an admitted one is in the catalogue as its item
    candidates += [rules.Candidate("request", r.id, r.title, tuple(r.field_list))
                   for r in earlier.values()]
    matches = rules.report_once(title, tuple(fields), candidates)
    return [(match, items.get(match.id) if match.kind == "item" else earlier.get(match.id))
            for match in matches]


def is_overdue(request: AdmissionRequest) -> bool:
    return rules.is_overdue(request.state, request.decision_due_on, today())


OPEN_DATA_COLUMNS = ("id", "department", "title", "list_type", "emergency", "state",
                     "law", "article", "data_fields", "hours_per_month", "resources",
                     "period_from", "period_to", "communities", "submitted_on",
                     "decision_due_on", "decided_on", "reasons", "conditions", "rereview_on")


def open_data_rows(street_id: int) -> list[list]:
    """A street's submitted requests and their decisions as rows for a CSV (the header
    first): departments by name, no officer, reviewer or worker."""
    rows: list[list] = [list(OPEN_DATA_COLUMNS)]
    found = db.session.scalars(
        sa.select(AdmissionRequest).where(AdmissionRequest.street_id == street_id,
                                          AdmissionRequest.state != RequestState.DRAFT)
        .options(orm.selectinload(AdmissionRequest.department),
                 orm.selectinload(AdmissionRequest.communities))
        .order_by(AdmissionRequest.id))
    for item in found:
        rows.append([
            item.id, item.department.name, item.title, item.list_type.value,
            item.emergency.value if item.emergency else "", item.state.value, item.law,
            item.article, "; ".join(item.field_list), str(item.hours_per_month),
            item.resources, item.period_from, item.period_to or "", len(item.communities),
            item.submitted_at.date() if item.submitted_at else "",
            item.decision_due_on or "", item.decided_at.date() if item.decided_at else "",
            item.reasons, item.conditions, item.rereview_on or ""])
    return rows
