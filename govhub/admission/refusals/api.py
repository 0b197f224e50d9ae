"""JSON routes for refusals: a worker asks for the answer to a task (recorded when refused),
the community's office and a department's officers read their lists, and anyone reads the
monthly figures per department (no names)."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.actions.services import today_in
from govhub.admission import api_bp
from govhub.admission.catalogue.queries import get_street
from govhub.admission.departments import queries as department_queries
from govhub.admission.refusals import permissions, queries, services
from govhub.admission.refusals.labels import rule_label
from govhub.admission.refusals.schemas import (
    RefusalAnswerSchema,
    RefusalCreateSchema,
    RefusalFiguresSchema,
    RefusalListSchema,
)
from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)


def refusal_payload(refusal) -> dict:
    locale = queries.locale()
    return {
        "id": refusal.id, "community_id": refusal.community_id,
        "department_id": refusal.department_id,
        "department": (refusal.department.display_name(locale) if refusal.department
                       else refusal.other_department),
        "channel": refusal.channel.value, "asked_on": refusal.asked_on, "what": refusal.what,
        "rule": refusal.rule.value, "work_item_id": refusal.work_item_id,
        "worker": refusal.worker.display_name if refusal.worker else "",
        "created_at": refusal.created_at,
    }


def answer_payload(answer) -> dict:
    return {"rule": answer.rule.value, "rule_label": rule_label(answer.rule),
            "reply": answer.reply,
            "refusal": refusal_payload(answer.refusal) if answer.refusal else None}


@api_bp.post("/communities/<slug>/refusals")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(RefusalCreateSchema)
@api_bp.response(200, RefusalAnswerSchema)
@errors(400, 401, 403, 404, 422)
def answer_task(body, slug):
    """The rule that answers a task that came outside the admission process, and the text
    to send back; a refused task is recorded (the community's workers).

    Refusals: what_required, asked_on_future, asked_on_too_old, department_unknown,
    department_required, work_item_unknown (400), forbidden (403).
    """
    community = get_community_or_404(slug)
    require(permissions.can_record_refusal(g.api_user, community),
            _("Only the community's workers record refused tasks."))
    answer = services.answer_task(
        g.api_user, community, department_id=body["department_id"],
        other_department=body["other_department"], channel=body["channel"],
        asked_on=body["asked_on"] or today_in(community), what=body["what"],
        work_item_id=body["work_item_id"], asks_certificate=body["asks_certificate"])
    db.session.commit()
    return answer_payload(answer)


@api_bp.get("/communities/<slug>/refusals")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, RefusalListSchema)
@errors(401, 403, 404)
def list_community_refusals(slug):
    """The community's refused tasks, newest first (its office only)."""
    community = get_community_or_404(slug)
    require(permissions.can_view_community_refusals(g.api_user, community))
    items = [refusal_payload(r) for r in queries.community_refusals(community)]
    db.session.commit()
    return {"items": items}


@api_bp.get("/departments/<int:department_id>/refusals")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, RefusalListSchema)
@errors(401, 403, 404)
def list_department_refusals(department_id):
    """The tasks a department sent outside the process that communities refused (its own
    officers only; never another department's)."""
    department = department_queries.get_department(department_id)
    require(permissions.can_view_department_refusals(g.api_user, department.id),
            _("A department sees only its own refusals."))
    items = [refusal_payload(r) for r in queries.department_refusals(department.id)]
    db.session.commit()
    return {"items": items}


@api_bp.get("/communities/<slug>/refusal-figures")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, RefusalFiguresSchema)
@errors(401, 404)
def community_refusal_figures(slug):
    """Refused tasks per month and department in a community, by rule. Public; no names."""
    community = get_community_or_404(slug)
    return {"figures": queries.figures_rows(queries.community_figures(community))}


@api_bp.get("/streets/<int:street_id>/refusal-figures")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, RefusalFiguresSchema)
@errors(401, 404)
def street_refusal_figures(street_id):
    """Refused tasks per month and department in all of a street's communities. Public."""
    street = get_street(street_id)
    return {"figures": queries.figures_rows(queries.street_figures(street.id))}
