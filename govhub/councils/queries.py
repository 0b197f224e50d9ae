"""Reading councils and memberships."""

from __future__ import annotations

import sqlalchemy as sa

from govhub.councils.models import Council, CouncilMembership
from govhub.extensions import db


def active_membership(council_id: int, user_id: int) -> CouncilMembership | None:
    return db.session.scalar(
        sa.select(CouncilMembership).where(
            CouncilMembership.council_id == council_id,
            CouncilMembership.user_id == user_id,
            CouncilMembership.active.is_(True),
        )
    )


def councils_of(community_id: int) -> list[Council]:
    return list(db.session.scalars(
        sa.select(Council).where(Council.community_id == community_id).order_by(Council.id)
    ))
