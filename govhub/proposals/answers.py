"""The office's answers to queued proposals: accepted for the agenda, done directly (as a
public action item), not feasible, or not competent (saying where to go). Each is told to
the proposal's authors and supporters; one that leaves nothing for the council to weigh
comes off an agenda that has not begun.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from govhub.actions import services as actions
from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.notifications.services import notify
from govhub.proposals import permissions, rules
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalAction
from govhub.proposals.services import one_line, supporters_of, transition

ANSWER_NOTICES = {
    ProposalAction.ACCEPT: "proposals.accepted",
    ProposalAction.DO_DIRECTLY: "proposals.done_by_office",
    ProposalAction.DECLINE_NOT_FEASIBLE: "proposals.not_feasible",
    ProposalAction.DECLINE_NOT_COMPETENT: "proposals.not_competent",
}


def answer_proposal(actor, proposal: Proposal, answer, reason: str = "", *,
                    due_on: date | None = None) -> None:
    """The office's answer to a queued proposal, told to its authors and supporters. Done
    directly, it becomes the office's own public action item, due on `due_on`."""
    require(permissions.can_answer(actor, proposal))
    try:
        action = ProposalAction(answer)
        rules.check_answer(action, reason)
    except ValueError as exc:
        if str(exc) == "reason_required":
            raise DomainError("reason_required", _("Say why, or where the residents should go "
                                                   "instead."), "reason") from None
        raise DomainError("invalid_answer", _("Choose one of the answers."), "answer") from None
    proposal.state = transition(proposal, action)
    proposal.reason = one_line(reason)
    proposal.answered_at, proposal.answered_by_id = utcnow(), actor.id
    if action == ProposalAction.DO_DIRECTLY:
        proposal.action_item_id = _office_item(actor, proposal, due_on).id
    # Nothing left for the council to weigh: off the agenda, if the meeting has not begun.
    if (action != ProposalAction.ACCEPT and proposal.agenda_item is not None
            and meetings.unqueue_item(proposal.agenda_item, proposal_id=proposal.id)):
        proposal.agenda_item = None
    db.session.flush()
    record(actor, "proposal.answered", proposal, answer=str(action), reason=proposal.reason,
           action_item_id=proposal.action_item_id)
    notify(supporters_of(proposal), ANSWER_NOTICES[action],
           {"proposal": proposal.title, "reason": proposal.reason}, f"/proposals/{proposal.id}")


def _office_item(actor, proposal: Proposal, due_on: date | None):
    if due_on is None:
        raise DomainError("due_date_required", _("Give the action item a due date."), "due_on")
    return actions.create_item(actor, proposal.council.community, title=proposal.title,
                               owner=actor, due_on=due_on, category=proposal.category,
                               description=proposal.body[:20_000], is_public=True)
