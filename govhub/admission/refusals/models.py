"""A task a department pushed onto a community outside the admission process, as a worker
recorded it: who asked, how, when, what, and the rule the community answered with."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.admission.refusals.rules import Channel, RuleCode
from govhub.core.models import Base, CreatedAtMixin, enum_column


class Refusal(CreatedAtMixin, Base):
    __tablename__ = "refusals"
    __table_args__ = (
        sa.Index("ix_refusals_community_id_asked_on", "community_id", "asked_on"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"))
    worker_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    department_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("departments.id", ondelete="SET NULL"), index=True)
    other_department: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    channel: orm.Mapped[Channel] = orm.mapped_column(enum_column(Channel))
    asked_on: orm.Mapped[date]
    what: orm.Mapped[str] = orm.mapped_column(sa.String(500))
    rule: orm.Mapped[RuleCode] = orm.mapped_column(enum_column(RuleCode, length=32))
    work_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("work_items.id", ondelete="SET NULL"))

    community = orm.relationship("Community")
    department = orm.relationship("Department")
    worker = orm.relationship("User")
    work_item = orm.relationship("WorkItem")
