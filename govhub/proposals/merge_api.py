"""JSON routes for merging duplicate proposals: the same loaders, permissions and services
(merges.py) as the pages (merge_views.py)."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.core.guards import require
from govhub.extensions import db
from govhub.proposals import api_bp, merges, queries
from govhub.proposals.merge_models import MergeStatus
from govhub.proposals.merge_schemas import MergeCreateSchema, MergeListSchema, MergeSchema

errors = functools.partial(error_responses, api_bp)


def merge_payload(merge, actor) -> dict:
    return {
        "id": merge.id, "source_id": merge.source_id, "target_id": merge.target_id,
        "status": str(merge.status), "reason": merge.reason, "created_at": merge.created_at,
        "decided_at": merge.decided_at,
        "consents": [{"author_id": c.author_id, "decision": str(c.decision),
                      "decided_at": c.decided_at} for c in merge.consents],
        "may_answer": (actor is not None and merge.status == MergeStatus.PENDING
                       and merges.can_answer_merge(actor, merge)
                       and merges.decision_of(actor, merge) is None),
    }


@api_bp.get("/proposals/<int:proposal_id>/merges")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, MergeListSchema)
@errors(401, 404)
def list_merges(proposal_id):
    """The merges a proposal took part in, as the duplicate or the one joined, newest first."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    return {"merges": [merge_payload(m, g.api_user) for m in merges.merges_of(proposal)]}


@api_bp.post("/proposals/<int:proposal_id>/merges")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MergeCreateSchema)
@api_bp.response(201, MergeSchema)
@errors(400, 401, 403, 404, 409, 422)
def propose_merge(body, proposal_id):
    """The community office proposes to merge this proposal into `target_id`; the authors of
    both are asked.

    Refusals: merge_into_itself (400), other_council (400), transition_not_allowed (409:
    either proposal is no longer open), merge_pending (409: one already waits).
    """
    source = queries.visible_proposal(g.api_user, proposal_id)
    require(merges.can_propose_merge(g.api_user, source),
            _("The community office proposes merges."))
    target = queries.visible_proposal(g.api_user, body["target_id"])
    merge = merges.propose_merge(g.api_user, source, target, body["reason"])
    db.session.commit()
    return merge_payload(merge, g.api_user)


def _answer(merge_id: int, action) -> dict:
    merge = merges.visible_merge(g.api_user, merge_id)
    action(g.api_user, merge)
    db.session.commit()
    return merge_payload(merge, g.api_user)


@api_bp.post("/proposal-merges/<int:merge_id>/accept")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, MergeSchema)
@errors(401, 403, 404, 409)
def accept_merge(merge_id):
    """An author accepts; the last acceptance carries the merge out (supports move to the
    target, each person once). Refusals: merge_closed, already_answered,
    transition_not_allowed (409)."""
    return _answer(merge_id, lambda actor, merge: merges.answer_merge(actor, merge, True))


@api_bp.post("/proposal-merges/<int:merge_id>/refuse")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, MergeSchema)
@errors(401, 403, 404, 409)
def refuse_merge(merge_id):
    """An author refuses; the merge is refused and nothing moves."""
    return _answer(merge_id, lambda actor, merge: merges.answer_merge(actor, merge, False))


@api_bp.post("/proposal-merges/<int:merge_id>/cancel")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, MergeSchema)
@errors(401, 403, 404, 409)
def cancel_merge(merge_id):
    """The community office withdraws a pending merge."""
    return _answer(merge_id, merges.cancel_merge)
