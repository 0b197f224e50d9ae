"""Who voted, by name: the paper-ballot page's list of those entitled, and a named poll's
roll call (its CSV export)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.auth.models import User
from govhub.councils.rules import weight_text
from govhub.extensions import db
from govhub.voting.models import Ballot, Entitlement, Poll, Receipt


def entitled_voters(poll: Poll) -> list[dict]:
    """Everyone entitled in an opened poll, by name, with whether their ballot is in."""
    model, column = (Receipt, Receipt.voter_id) if poll.secret else (Ballot, Ballot.voter_id)
    voted = set(db.session.scalars(sa.select(column).where(model.poll_id == poll.id)))
    rows = db.session.execute(
        sa.select(Entitlement, User).join(User, User.id == Entitlement.user_id)
        .where(Entitlement.poll_id == poll.id).order_by(User.display_name)).all()
    return [{"user": user, "weight": weight_text(entitlement.weight),
             "holder_id": entitlement.holder_id, "voted": user.id in voted}
            for entitlement, user in rows]


def roll_call(poll: Poll) -> list[tuple[Ballot, object, object]]:
    """A named poll's ballots with their voter and who cast them, by the voter's name."""
    if poll.secret:
        return []
    cast_by = orm.aliased(User)
    rows = db.session.execute(
        sa.select(Ballot, User, cast_by).join(User, User.id == Ballot.voter_id)
        .join(cast_by, cast_by.id == Ballot.cast_by_id)
        .where(Ballot.poll_id == poll.id).order_by(User.display_name, Ballot.voter_id)).all()
    return [(ballot, voter, caster) for ballot, voter, caster in rows]
