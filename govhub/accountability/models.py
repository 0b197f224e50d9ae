"""Who follows which resolution, and which reminders `govhub remind` already sent.

A follower hears of every status change of the resolution's public items. A
reminder row exists once per item, kind and local day: the unique key is what
makes `govhub remind` safe to run twice (or from two machines at once).
"""

from __future__ import annotations

import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class ResolutionFollower(CreatedAtMixin, Base):
    __tablename__ = "resolution_followers"
    __table_args__ = (sa.UniqueConstraint("resolution_id", "user_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    resolution_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("resolutions.id", ondelete="CASCADE"))
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)


class ReminderKind(enum.StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class ActionReminder(CreatedAtMixin, Base):
    """A reminder sent to an item's owner on `day` (the community's calendar day)."""

    __tablename__ = "action_reminders"
    __table_args__ = (sa.UniqueConstraint("item_id", "kind", "day"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("action_items.id", ondelete="CASCADE"))
    kind: orm.Mapped[ReminderKind] = orm.mapped_column(enum_column(ReminderKind))
    day: orm.Mapped[date] = orm.mapped_column(sa.Date)
    # Who was reminded (the owner on that day).
    user_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
