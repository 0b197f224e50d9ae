"""Reading a user's notifications."""

from __future__ import annotations

import sqlalchemy as sa

from govhub.extensions import db
from govhub.notifications.models import Notification

PER_PAGE = 30


def notifications_of(user, page: int = 1):
    """The user's notifications, newest first (a merged one counts from its last news),
    a page at a time."""
    query = (sa.select(Notification).where(Notification.user_id == user.id)
             .order_by(sa.func.coalesce(Notification.updated_at, Notification.created_at).desc(),
                       Notification.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def unread_of(user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))))


def unread_count(user) -> int:
    return db.session.scalar(sa.select(sa.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0
