"""The work-item catalogue (社区工作事项清单): streets, their catalogue's versions, and the
items of each version. A street office's communities share one catalogue; a new import
is a new version, and the current one is the highest number."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.admission.catalogue.rules import ListType
from govhub.core.models import Base, CreatedAtMixin, enum_column


class Street(CreatedAtMixin, Base):
    """The jurisdiction (街道) whose communities share one catalogue."""

    __tablename__ = "streets"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120), unique=True)
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class StreetCommunity(Base):
    """Which street a community belongs to (at most one). A table of its own rather than a
    column of `communities`: SQLite alters a table by copying it, and the copy of the table
    every other one refers to cannot be swapped in while its rows are referred to."""

    __tablename__ = "street_communities"

    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    street_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("streets.id", ondelete="CASCADE"), index=True)


class CatalogueVersion(CreatedAtMixin, Base):
    __tablename__ = "catalogue_versions"
    __table_args__ = (
        sa.UniqueConstraint("street_id", "number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    street_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("streets.id", ondelete="CASCADE"))
    number: orm.Mapped[int]
    note: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    published_at: orm.Mapped[datetime | None]
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    street: orm.Mapped[Street] = orm.relationship()
    items: orm.Mapped[list[WorkItem]] = orm.relationship(
        back_populates="version", order_by="WorkItem.code", cascade="all, delete-orphan")


class WorkItem(Base):
    __tablename__ = "work_items"
    __table_args__ = (
        sa.UniqueConstraint("version_id", "code"),
        sa.CheckConstraint("hours_per_month >= 0", name="hours_not_negative"),
        sa.CheckConstraint("effective_to IS NULL OR effective_from IS NULL"
                           " OR effective_to >= effective_from", name="period_ordered"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    version_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("catalogue_versions.id", ondelete="CASCADE"))
    code: orm.Mapped[str] = orm.mapped_column(sa.String(32))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(200), default="")
    list_type: orm.Mapped[ListType] = orm.mapped_column(enum_column(ListType))
    legal_basis: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    lead_department: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    community_role: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    deliverables: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    frequency: orm.Mapped[str] = orm.mapped_column(sa.String(60), default="")
    hours_per_month: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(6, 2), default=0)
    resources: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    assessable: orm.Mapped[bool] = orm.mapped_column(default=False)
    effective_from: orm.Mapped[date | None]
    effective_to: orm.Mapped[date | None]

    version: orm.Mapped[CatalogueVersion] = orm.relationship(back_populates="items")

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name
