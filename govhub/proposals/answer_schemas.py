"""API schemas for the office's answer to a queued proposal: the answer's shape here (a 422
names the field); what the answer owes (a reason, a due date) stays in answers.py (400)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.proposals.rules import ProposalAction
from govhub.proposals.schemas import REASON_MAX, ProposalDetailSchema

ANSWERS = [action.value for action in (
    ProposalAction.ACCEPT, ProposalAction.DO_DIRECTLY, ProposalAction.DECLINE_NOT_FEASIBLE,
    ProposalAction.DECLINE_NOT_COMPETENT)]


class ProposalAnswerSchema(ma.Schema):
    answer = ma.fields.String(required=True, validate=validate.OneOf(ANSWERS), metadata={
        "description": "accept (for the council's agenda), do_directly (the office does it "
                       "as a public action item), decline_not_feasible, decline_not_competent."})
    reason = ma.fields.String(load_default="", validate=validate.Length(max=REASON_MAX),
                              metadata={"description": "Shown on the proposal. Required for "
                                        "decline_not_feasible and decline_not_competent."})
    due_on = ma.fields.Date(load_default=None, allow_none=True, metadata={
        "description": "The action item's due date; required for do_directly."})


class ProposalAnsweredSchema(ProposalDetailSchema):
    action_item_id = WholeNumber(allow_none=True, metadata={
        "description": "The office's public action item, when it was done directly."})
