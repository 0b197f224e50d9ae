"""JSON route for the office's answer to a queued proposal: the same loader, permission and
service as the page's form (answer_views.py)."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.core.guards import require
from govhub.extensions import db
from govhub.proposals import answers, api_bp, permissions, queries
from govhub.proposals.answer_schemas import ProposalAnsweredSchema, ProposalAnswerSchema
from govhub.proposals.api import detail_payload

errors = functools.partial(error_responses, api_bp)


@api_bp.post("/proposals/<int:proposal_id>/answer")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ProposalAnswerSchema)
@api_bp.response(200, ProposalAnsweredSchema)
@errors(400, 401, 403, 404, 409, 422)
def answer_proposal(body, proposal_id):
    """The community office answers a queued proposal; its authors and supporters are told.

    Refusals: reason_required (400: a decline without a reason), due_date_required (400:
    do_directly without due_on), transition_not_allowed (409: not queued).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.can_answer(g.api_user, proposal),
            _("The community office answers proposals."))
    answers.answer_proposal(g.api_user, proposal, body["answer"], body["reason"],
                            due_on=body["due_on"])
    db.session.commit()
    return {**detail_payload(proposal, g.api_user), "action_item_id": proposal.action_item_id}
