"""What the proposal's page shows of its trail and of the office's answer: the steps of
`trail.trail_of` with the words a reader needs (a closed poll's result sentence), and the
office's answer form for staff on a queued proposal.

Polls are read without their options; the options of all of them come in one statement,
so the page costs the same statements however many polls or action items it lists.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, TextAreaField
from wtforms.validators import Length, Optional

from govhub.extensions import db
from govhub.proposals import permissions, trail
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalAction, ProposalState
from govhub.voting import labels as poll_labels
from govhub.voting.models import Poll, PollOption

STEP_LABELS = {
    "proposed": _l("Proposed"),
    "published": _l("Published"),
    "threshold": _l("Threshold reached"),
    "answer": _l("The office's answer"),
    "agenda": _l("On the council's agenda"),
    "vote": _l("The council voted"),
    "resolution": _l("Resolution"),
    "actions": _l("Action items"),
    "result": _l("Result disclosed"),
}

ANSWERS = [
    (ProposalAction.ACCEPT.value, _l("Accept for the agenda"),
     _l("The council weighs it at its next meeting.")),
    (ProposalAction.DO_DIRECTLY.value, _l("Do it directly"),
     _l("The office does it itself: it becomes a public action item, due on the date below.")),
    (ProposalAction.DECLINE_NOT_FEASIBLE.value, _l("Not feasible"),
     _l("It cannot be done: say why.")),
    (ProposalAction.DECLINE_NOT_COMPETENT.value, _l("Not for the community to decide"),
     _l("Another body decides this: say which, and where the residents should go.")),
]


class AnswerForm(FlaskForm):
    answer = RadioField(_l("Your answer"), choices=[(key, label) for key, label, _h in ANSWERS],
                        validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000)], description=_l(
        "Required when it is not feasible or not for the community to decide; shown on "
        "the proposal."))
    due_on = DateField(_l("Due date of the action item"), validators=[Optional()],
                       description=_l("Only when the office does it directly."))


def _sentences(polls: list[Poll]) -> dict[int, str]:
    """Each closed poll's result in words (its options read in one statement)."""
    closed = [poll for poll in polls if poll.result]
    if not closed:
        return {}
    options: dict[int, list[dict]] = {}
    for option in db.session.scalars(sa.select(PollOption).where(
            PollOption.poll_id.in_([poll.id for poll in closed])).order_by(PollOption.position)):
        options.setdefault(option.poll_id, []).append({"id": option.id, "label": option.label})
    return {poll.id: poll_labels.result_sentence(
        {"kind": poll.kind, "result": poll.result, "options": options.get(poll.id, [])})
        for poll in closed}


def trail_context(actor, proposal: Proposal, answer_form: AnswerForm | None = None) -> dict:
    """What templates/proposals/_trail.html and _answer.html draw."""
    steps = trail.trail_of(actor, proposal)
    by_key = {step.key: step for step in steps}
    shown = by_key["agenda"].detail.get("meeting") is not None
    answering = (proposal.state == ProposalState.QUEUED
                 and permissions.can_answer(actor, proposal))
    return {
        "trail": steps, "trail_labels": STEP_LABELS, "trail_meeting_shown": shown,
        "poll_sentences": _sentences(by_key["vote"].detail.get("polls", [])),
        "answer_form": (answer_form or AnswerForm(formdata=None)) if answering else None,
        "answer_choices": ANSWERS,
        "is_evaluator": answering and getattr(actor, "id", None) == proposal.evaluator_id,
        "office_item": next((item for item in by_key["actions"].detail.get("items", [])
                             if item.id == proposal.action_item_id), None),
    }
