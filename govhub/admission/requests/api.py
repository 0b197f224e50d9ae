"""JSON routes for admission requests: the same loader, permissions and services as the
pages. Officers list, create, change, submit and withdraw their department's; workers give
their community's view; reviewers open the consultation and decide; anyone reads a street's
decided requests (no personal names: departments and communities only)."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.admission import api_bp
from govhub.admission.catalogue.queries import get_street
from govhub.admission.requests import decisions, labels, permissions, queries, services
from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.schemas import (
    AdmissionDecisionSchema,
    AdmissionRequestInSchema,
    AdmissionRequestPageSchema,
    AdmissionRequestSchema,
    AdmissionRequestUpdateSchema,
    AdmissionViewInSchema,
    AdmissionWithdrawSchema,
    ReportOnceMatchSchema,
    RequestPageQuerySchema,
)
from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.core.guards import require
from govhub.core.roles import Role
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)
FIELDS = ("title", "description", "law", "article", "why_not_itself", "hours_per_month",
          "period_from", "period_to", "resources", "list_type", "emergency")


def request_payload(item: AdmissionRequest) -> dict:
    return {
        **{name: getattr(item, name) for name in FIELDS},
        "id": item.id, "street_id": item.street_id, "department": item.department.name,
        "list_type": item.list_type.value, "hours_per_month": str(item.hours_per_month),
        "emergency": item.emergency.value if item.emergency else None,
        "data_fields": item.field_list, "state": item.state.value,
        "state_label": labels.state_label(item.state), "community_ids": item.community_ids,
        "submitted_at": item.submitted_at, "decision_due_on": item.decision_due_on,
        "consultation_closes_on": item.consultation_closes_on,
        "overdue": queries.is_overdue(item), "decided_at": item.decided_at,
        "reasons": item.reasons, "conditions": item.conditions,
        "rereview_on": item.rereview_on, "work_item_id": item.work_item_id,
        "views": [{"community_id": v.community_id, "community": v.community.name,
                   "burden_hours": str(v.burden_hours), "stance": v.stance.value,
                   "comment": v.comment, "updated_at": v.updated_at} for v in item.views],
    }


def _values(body: dict, item: AdmissionRequest | None = None) -> dict:
    current = {name: getattr(item, name) for name in FIELDS} if item else {}
    if item:
        current["data_fields"] = item.field_list
    values = {**current, **{k: v for k, v in body.items() if k != "community_ids"}}
    if values.get("hours_per_month") is not None:
        values["hours_per_month"] = str(values["hours_per_month"])
    return values


def _answer(item: AdmissionRequest) -> dict:
    answer = request_payload(item)
    db.session.commit()
    return answer


@api_bp.get("/admission-requests")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(RequestPageQuerySchema, location="query")
@api_bp.response(200, AdmissionRequestPageSchema)
@errors(401, 403, 422)
def list_requests(query):
    """The requests your role sees, a page at a time: an officer's department's, a
    reviewer's queue (under review, soonest due first), a worker's community's (submitted
    ones)."""
    user, page, per_page = g.api_user, query["page"], query["per_page"]
    if (department_id := permissions.officer_department_id(user)) is not None:
        listed = queries.of_department(department_id, page, per_page)
    elif (street_id := permissions.reviewer_street_id(user)) is not None:
        listed = queries.review_queue(street_id, page, per_page)
    else:
        require(user.role == Role.WORKER and user.community_id is not None,
                _("Officers, reviewers and workers have admission requests."))
        listed = queries.concerning(user.community_id, page, per_page)
    answer = {"items": [request_payload(item) for item in listed.items],
              "page": listed.page, "per_page": listed.per_page, "total": listed.total}
    db.session.commit()
    return answer


@api_bp.post("/admission-requests")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdmissionRequestInSchema)
@api_bp.response(201, AdmissionRequestSchema)
@errors(400, 401, 403, 422)
def create_request(body):
    """Write a draft for your department (officers). Refusals: required, too_long,
    before_start, not_covered (400), forbidden (403)."""
    item = services.create_request(g.api_user, _values(body), body.get("community_ids"))
    return _answer(item)


@api_bp.get("/admission-requests/<int:request_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, AdmissionRequestSchema)
@errors(401, 404)
def get_request(request_id):
    """A request: public once submitted; a draft only to its department."""
    return _answer(queries.visible_request(g.api_user, request_id))


@api_bp.patch("/admission-requests/<int:request_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdmissionRequestUpdateSchema)
@api_bp.response(200, AdmissionRequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def update_request(body, request_id):
    """Change a draft, or a submitted request before its consultation (officers)."""
    item = queries.visible_request(g.api_user, request_id)
    services.update_request(g.api_user, item, _values(body, item),
                            body.get("community_ids", item.community_ids))
    return _answer(item)


@api_bp.get("/admission-requests/<int:request_id>/report-once")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, ReportOnceMatchSchema(many=True))
@errors(401, 403, 404)
def report_once(request_id):
    """Catalogue items and earlier requests that already ask for the same data (officers)."""
    item = queries.visible_request(g.api_user, request_id)
    require(permissions.is_officer_of(g.api_user, item.department_id))
    answer = [{"kind": m.kind, "id": m.id, "title": m.title,
               "shared_fields": list(m.shared_fields), "same_title": m.same_title}
              for m, _found in queries.report_once(item.street_id, item.title,
                                                   item.field_list, item.id)]
    db.session.commit()
    return answer


@api_bp.post("/admission-requests/<int:request_id>/submit")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AdmissionRequestSchema)
@errors(401, 403, 404, 409)
def submit_request(request_id):
    """Submit a draft for review (an emergency starts at once). Refusals: forbidden (403),
    transition_not_allowed (409)."""
    item = queries.visible_request(g.api_user, request_id)
    services.submit_request(g.api_user, item)
    return _answer(item)


@api_bp.post("/admission-requests/<int:request_id>/withdraw")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdmissionWithdrawSchema)
@api_bp.response(200, AdmissionRequestSchema)
@errors(401, 403, 404, 409, 422)
def withdraw_request(body, request_id):
    """Withdraw a request not yet decided (officers)."""
    item = queries.visible_request(g.api_user, request_id)
    services.withdraw_request(g.api_user, item, body.get("reason", ""))
    return _answer(item)


@api_bp.post("/admission-requests/<int:request_id>/consultation")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, AdmissionRequestSchema)
@errors(401, 403, 404, 409)
def open_consultation(request_id):
    """Ask the communities concerned for their view (the street's reviewers)."""
    item = queries.visible_request(g.api_user, request_id)
    services.open_consultation(g.api_user, item)
    return _answer(item)


@api_bp.put("/admission-requests/<int:request_id>/view")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdmissionViewInSchema)
@api_bp.response(200, AdmissionRequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def give_view(body, request_id):
    """Give (or change) your community's view while the consultation is open (workers)."""
    item = queries.visible_request(g.api_user, request_id)
    require(permissions.concerns_worker(g.api_user, item),
            _("Only the workers of a community concerned give its view."))
    services.give_view(g.api_user, item, g.api_user.community_id, str(body["burden_hours"]),
                       body["stance"], body.get("comment", ""))
    return _answer(item)


@api_bp.post("/admission-requests/<int:request_id>/decision")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdmissionDecisionSchema)
@api_bp.response(200, AdmissionRequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def decide(body, request_id):
    """Approve, approve with conditions or reject, with reasons (the street's reviewers).
    An approval adds the task to a new version of the street's catalogue."""
    item = queries.visible_request(g.api_user, request_id)
    decisions.decide(g.api_user, item, body["decision"], body["reasons"],
                     body.get("conditions", ""), body.get("code", ""))
    return _answer(item)


@api_bp.get("/streets/<int:street_id>/admission-requests")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(RequestPageQuerySchema, location="query")
@api_bp.response(200, AdmissionRequestPageSchema)
@errors(401, 404, 422)
def street_decisions(query, street_id):
    """A street's decided requests and their decisions, the newest first, a page at a
    time. Public."""
    street = get_street(street_id)
    listed = queries.public_of_street(street.id, True, query["page"], query["per_page"])
    answer = {"items": [request_payload(item) for item in listed.items],
              "page": listed.page, "per_page": listed.per_page, "total": listed.total}
    db.session.commit()
    return answer
