"""A certificate a community issued: its type (an item of the street's certificate list), the
resident (an account, or a name typed for one without: never shown in public), the day."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin


class Certificate(CreatedAtMixin, Base):
    __tablename__ = "certificates"
    __table_args__ = (
        sa.Index("ix_certificates_community_id_issued_on", "community_id", "issued_on"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"))
    work_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("work_items.id", ondelete="SET NULL"))
    # The type as it was on the list that day (a later catalogue version may drop the item).
    code: orm.Mapped[str] = orm.mapped_column(sa.String(32))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(200), default="")
    resident_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    resident_name: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    issued_on: orm.Mapped[date]
    worker_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    resident = orm.relationship("User", foreign_keys=[resident_id])
    worker = orm.relationship("User", foreign_keys=[worker_id])

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name
