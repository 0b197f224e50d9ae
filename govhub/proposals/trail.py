"""A proposal's whole trail, as a reader may see it: proposed → supported → threshold →
answer → agenda item → poll and its result → resolution → action items and their
check-ins → result disclosed.

`trail_of` reads it in a fixed number of statements whatever the number of polls or
action items (the meeting with its item, the polls, the resolutions, the action items
with their owners), and leaves out what the reader may not see: a meeting they may not
see is named only as "a council meeting", action items only when they may read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.actions.models import ActionItem
from govhub.actions.queries import visible_clause
from govhub.actions.rules import ActionStatus
from govhub.extensions import db
from govhub.meetings.models import AgendaItem, Meeting
from govhub.meetings.permissions import can_view as can_view_meeting
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from govhub.voting.models import Poll, PollStatus, Resolution

ANSWERED = (ProposalState.ACCEPTED, ProposalState.DONE_BY_OFFICE, ProposalState.NOT_FEASIBLE,
            ProposalState.NOT_COMPETENT)


@dataclass(frozen=True)
class Step:
    """One stage of the trail: reached or not yet, when, and what a page shows of it."""

    key: str
    reached: bool
    at: datetime | date | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def trail_of(actor, proposal: Proposal) -> list[Step]:
    """The stages of the proposal's trail, in order."""
    steps = [
        Step("proposed", True, proposal.created_at),
        Step("published", proposal.published_at is not None, proposal.published_at,
             {"threshold": proposal.threshold, "expires_on": proposal.expires_on}),
        Step("threshold", proposal.reached_at is not None, proposal.reached_at,
             {"supports": proposal.support_count, "threshold": proposal.threshold}),
        Step("answer", proposal.state in ANSWERED, proposal.answered_at,
             {"state": proposal.state, "reason": proposal.reason,
              "due_on": proposal.answer_due_on}),
    ]
    item = _agenda_item(proposal)
    polls = _polls(item)
    resolutions = _resolutions(polls)
    actions = _action_items(actor, proposal, resolutions)
    steps += [
        _agenda_step(actor, item),
        Step("vote", any(p.status == PollStatus.CLOSED for p in polls),
             max((p.closed_at for p in polls if p.closed_at), default=None),
             {"polls": polls}),
        Step("resolution", bool(resolutions),
             min((r.decided_at for r in resolutions), default=None),
             {"resolutions": resolutions}),
        Step("actions", bool(actions), None, {"items": actions}),
        Step("result", bool(actions) and all(a.status == ActionStatus.VERIFIED for a in actions),
             None, {"items": actions}),
    ]
    return steps


def proposals_behind(resolution: Resolution) -> list[Proposal]:
    """The proposals the resolution's agenda item came from (for the public record)."""
    return list(db.session.scalars(sa.select(Proposal).where(
        Proposal.agenda_item_id == resolution.agenda_item_id).order_by(Proposal.id)))


def _agenda_item(proposal: Proposal) -> AgendaItem | None:
    if proposal.agenda_item_id is None:
        return None
    return db.session.scalar(sa.select(AgendaItem).where(AgendaItem.id == proposal.agenda_item_id)
                             .options(orm.joinedload(AgendaItem.meeting)
                                      .joinedload(Meeting.council)))


def _agenda_step(actor, item: AgendaItem | None) -> Step:
    if item is None:
        return Step("agenda", False)
    meeting = item.meeting
    shown = can_view_meeting(actor, meeting)
    return Step("agenda", True, meeting.starts_at, {
        "meeting": meeting if shown else None, "item": item if shown else None,
        "status": meeting.status})


def _polls(item: AgendaItem | None) -> list[Poll]:
    if item is None:
        return []
    return list(db.session.scalars(sa.select(Poll).where(
        Poll.agenda_item_id == item.id, Poll.status != PollStatus.DRAFT).order_by(Poll.id)))


def _resolutions(polls: list[Poll]) -> list[Resolution]:
    if not polls:
        return []
    return list(db.session.scalars(sa.select(Resolution).where(
        Resolution.poll_id.in_([p.id for p in polls])).order_by(Resolution.decided_at)))


def _action_items(actor, proposal: Proposal, resolutions: list[Resolution]) -> list[ActionItem]:
    """The items carrying out its resolutions, or the office's own item when it was done
    directly; those the reader may read."""
    wanted = [ActionItem.resolution_id.in_([r.id for r in resolutions])] if resolutions else []
    if proposal.action_item_id is not None:
        wanted.append(ActionItem.id == proposal.action_item_id)
    if not wanted:
        return []
    return list(db.session.scalars(
        sa.select(ActionItem).where(sa.or_(*wanted), visible_clause(actor))
        .options(orm.joinedload(ActionItem.owner)).order_by(ActionItem.due_on, ActionItem.id)))
