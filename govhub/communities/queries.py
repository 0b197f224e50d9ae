"""Reading communities."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from govhub.communities.models import Community
from govhub.extensions import db


def all_communities() -> list[Community]:
    return list(db.session.scalars(sa.select(Community).order_by(Community.name)))


def get_community_or_404(slug: str) -> Community:
    community = db.session.scalar(sa.select(Community).where(Community.slug == slug))
    if community is None:
        abort(404)
    return community


def get_community(community_id: int) -> Community | None:
    return db.session.get(Community, community_id)
