"""Reading follows: who follows a resolution, which of some resolutions a user follows."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import abort
from sqlalchemy import orm

from govhub.accountability.models import ResolutionFollower
from govhub.auth.models import User
from govhub.core.models import is_id
from govhub.core.roles import is_signed_in
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.voting.models import Resolution


def resolution_with_meeting(resolution_id) -> tuple[Resolution, Meeting] | None:
    if not is_id(resolution_id):
        return None
    row = db.session.execute(
        sa.select(Resolution, Meeting).join(Meeting, Meeting.id == Resolution.meeting_id)
        .where(Resolution.id == resolution_id)
        .options(orm.joinedload(Meeting.council))).first()
    return (row[0], row[1]) if row else None


def get_resolution_or_404(resolution_id: int) -> tuple[Resolution, Meeting]:
    found = resolution_with_meeting(resolution_id)
    if found is None:
        abort(404)
    return found


def find_follow(user, resolution_id: int) -> ResolutionFollower | None:
    if not is_signed_in(user):
        return None
    return db.session.scalar(sa.select(ResolutionFollower).where(
        ResolutionFollower.resolution_id == resolution_id,
        ResolutionFollower.user_id == user.id))


def is_following(user, resolution_id: int) -> bool:
    return find_follow(user, resolution_id) is not None


def followed_among(user, resolution_ids: Iterable[int]) -> frozenset[int]:
    """Which of these resolutions the user follows, in one query."""
    ids = list(resolution_ids)
    if not ids or not is_signed_in(user):
        return frozenset()
    return frozenset(db.session.scalars(sa.select(ResolutionFollower.resolution_id).where(
        ResolutionFollower.user_id == user.id, ResolutionFollower.resolution_id.in_(ids))))


def follower_count(resolution_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(ResolutionFollower.id)).where(
        ResolutionFollower.resolution_id == resolution_id)) or 0


def followers_of(resolution_id: int) -> list[User]:
    """The resolution's followers whose accounts are active."""
    return list(db.session.scalars(
        sa.select(User).join(ResolutionFollower, ResolutionFollower.user_id == User.id)
        .where(ResolutionFollower.resolution_id == resolution_id,
               User.disabled_at.is_(None))
        .order_by(User.id)))


def follows_of(user, limit: int = 200) -> list:
    """What the user follows, latest first."""
    return list(db.session.execute(
        sa.select(ResolutionFollower, Resolution, Meeting)
        .join(Resolution, Resolution.id == ResolutionFollower.resolution_id)
        .join(Meeting, Meeting.id == Resolution.meeting_id)
        .where(ResolutionFollower.user_id == user.id)
        .order_by(ResolutionFollower.id.desc()).limit(limit)).all())
