"""Who may cast a ballot for whom in a poll.

A ballot reaches a poll in one of three ways: a member casts their own, a
proxy holder casts the ballot of the member who gave them their proxy, or
staff who keep the meeting's attendance (the chair, the community's staff)
enter the paper ballot of a member without a phone. Who holds whose ballot
was frozen when the poll opened, in the member's entitlement: its holder is
the member themself, or their proxy holder; a member with no entitlement
casts nothing, by any way.

`may_cast` is the rule itself, pure over the entitlement's holder (the
ballot box's bulk path reads the holders of a whole batch in one query);
`can_cast` reads the entitlement's holder. Whether a secret poll takes paper ballots
is the casting service's refusal, not a question of who: none does.
"""

from __future__ import annotations

import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings.permissions import can_record_attendance
from govhub.voting.models import Entitlement, Poll


def may_cast(actor_id: int | None, member_id: int | None, holder_id: int | None, *,
             paper: bool = False, keeps_attendance: bool = False) -> bool:
    """The rule: an entitled member's ballot is cast by its holder (the member, or their
    proxy holder), or entered on paper by staff who keep the meeting's attendance."""
    if actor_id is None or member_id is None or holder_id is None:
        return False  # nobody, for nobody, or for a member not entitled in this poll
    if paper:
        return keeps_attendance
    return holder_id == actor_id


def can_enter_paper_ballots(actor, poll: Poll) -> bool:
    """Enter members' paper ballots: those who check paper attendees in."""
    return can_record_attendance(actor, poll.meeting)


def can_cast(actor, poll: Poll, member, *, paper: bool = False) -> bool:
    """May `actor` cast `member`'s ballot in `poll` (on paper, with `paper`)?"""
    if member is None or not getattr(actor, "is_authenticated", False):
        return False
    holder_id = db.session.scalar(sa.select(Entitlement.holder_id).where(
        Entitlement.poll_id == poll.id, Entitlement.user_id == member.id))
    return may_cast(actor.id, member.id, holder_id, paper=paper,
                    keeps_attendance=paper and can_enter_paper_ballots(actor, poll))
