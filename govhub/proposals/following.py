"""Supporters follow what their proposal became: when the council resolves on the agenda
item a proposal was queued onto, everyone who supported it (with an account) follows the
resolution, and hears of its action items' check-ins and of the result disclosed as any
follower does (accountability/alerts.py). They can unfollow it like any follow.

A session hook, as for the search index (search.py): voting records the resolution and
knows nothing of proposals; the follows are written in the same flush, so they are
committed with the resolution or not at all.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.accountability.models import ResolutionFollower
from govhub.core.models import utcnow
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.voting.models import Resolution


def supporters_follow(connection: sa.Connection, resolution_id: int, agenda_item_id: int) -> None:
    """One INSERT … SELECT: the supporters of the proposals behind the agenda item who do not
    follow the resolution yet."""
    already = sa.select(ResolutionFollower.id).where(
        ResolutionFollower.resolution_id == resolution_id,
        ResolutionFollower.user_id == ProposalSupport.user_id)
    supporters = (
        sa.select(sa.literal(resolution_id), ProposalSupport.user_id,
                  sa.literal(utcnow(), ResolutionFollower.created_at.type))
        .join(Proposal, Proposal.id == ProposalSupport.proposal_id)
        .where(Proposal.agenda_item_id == agenda_item_id, ProposalSupport.user_id.is_not(None),
               ~sa.exists(already))
        .distinct())
    connection.execute(sa.insert(ResolutionFollower).from_select(
        ["resolution_id", "user_id", "created_at"], supporters))


@sa.event.listens_for(orm.Session, "after_flush")
def _follow_new_resolutions(session: orm.Session, flush_context) -> None:
    for resolution in [o for o in session.new if isinstance(o, Resolution)]:
        if resolution.agenda_item_id is not None:
            supporters_follow(session.connection(), resolution.id, resolution.agenda_item_id)
