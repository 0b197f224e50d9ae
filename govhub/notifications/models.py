"""In-app notifications: what happened, for whom, and whether they read it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin


class Notification(CreatedAtMixin, Base):
    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at"),
                      sa.Index("ix_notifications_user_group", "user_id", "group_key"))

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # What happened, e.g. "meeting.scheduled"; the text is rendered from kind
    # and data in the reader's language when shown, not stored.
    kind: orm.Mapped[str] = orm.mapped_column(sa.String(40))
    data: orm.Mapped[dict] = orm.mapped_column(sa.JSON, default=dict)
    link: orm.Mapped[str] = orm.mapped_column(sa.String(300), default="")
    read_at: orm.Mapped[datetime | None]
    # Notifications with a group (e.g. "resolution:12") merge while unread: a busy day
    # becomes one notification whose data["count"] grows (services.notify).
    group_key: orm.Mapped[str | None] = orm.mapped_column(sa.String(80))
    # When the last notification was merged into this one.
    updated_at: orm.Mapped[datetime | None]
