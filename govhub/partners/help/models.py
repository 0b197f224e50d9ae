"""An organization asked to help carry out an action item, and its answer.

A worker asks an organization (perhaps naming one of its offerings); the
organization's owner or editor accepts or declines with a reason. While an
ask waits, no other can be made for the item. Accepting sets
`ActionItem.organization_id`, which is what the item's public page, the
actions' permissions and the delivery analytics read; the rows here are
the history of who was asked, when, and what they answered.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class HelpStatus(enum.StrEnum):
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the worker took the ask back before an answer
    ENDED = "ended"  # an accepted help that stopped (the organization or a worker said so)


OPEN_ASK = "status = 'asked'"


class HelpRequest(CreatedAtMixin, Base):
    __tablename__ = "help_requests"
    __table_args__ = (
        # One ask waiting for an answer per item at a time.
        sa.Index("uq_help_requests_open", "item_id", unique=True,
                 sqlite_where=sa.text(OPEN_ASK), postgresql_where=sa.text(OPEN_ASK)),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    organization_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    # The offering the worker had in mind, if any (of the same organization).
    offering_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="SET NULL"))
    message: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    status: orm.Mapped[HelpStatus] = orm.mapped_column(
        enum_column(HelpStatus), default=HelpStatus.ASKED)
    # Why it was declined or ended; shown to the worker and on the item's page to staff.
    reason: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    asked_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    answered_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: orm.Mapped[datetime | None]
    ended_at: orm.Mapped[datetime | None]

    item: orm.Mapped[ActionItem] = orm.relationship()  # noqa: F821
    organization: orm.Mapped[Organization] = orm.relationship()  # noqa: F821
    offering: orm.Mapped[Offering | None] = orm.relationship()  # noqa: F821
    asked_by: orm.Mapped[User | None] = orm.relationship(foreign_keys=[asked_by_id])  # noqa: F821

    @property
    def is_open(self) -> bool:
        return self.status == HelpStatus.ASKED
