"""Offerings and their sessions.

An Offering is either given on request (a resident sends a ServiceRequest) or held in
OfferingSessions with a capacity (a resident enrols; when full, they may wait in line).
Sessions are concrete rows: a weekly schedule (OfferingSchedule) only says how they were
generated, which is also what an HSDS schedule describes.

A session's places are counted in `enrolled_count`, kept by the services with
conditional UPDATEs and bounded by a CHECK constraint; see `enrolments.services` for why
the count never exceeds the capacity.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class OfferingCategory(enum.StrEnum):
    ELDERLY_CARE = "elderly_care"
    HEALTH = "health"
    EDUCATION = "education"
    CHILDCARE = "childcare"
    CULTURE_SPORTS = "culture_sports"
    LEGAL_AID = "legal_aid"
    EMPLOYMENT = "employment"
    VOLUNTEER_SERVICE = "volunteer_service"
    OTHER = "other"


class OfferingStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    PAUSED = "paused"
    ARCHIVED = "archived"


class OfferingMode(enum.StrEnum):
    ON_REQUEST = "on_request"
    SESSIONS = "sessions"


class Offering(CreatedAtMixin, Base):
    __tablename__ = "offerings"
    __table_args__ = (
        # NULL is free; a price is positive (0 is stored as free).
        sa.CheckConstraint("price IS NULL OR price > 0", name="price_positive"),
        # The browse page and the search read offerings by status, organization and
        # publication from this index alone (counting and paging without the rows).
        sa.Index("ix_offerings_browse", "status", "organization_id", "published_at"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    organization_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    category: orm.Mapped[OfferingCategory] = orm.mapped_column(
        enum_column(OfferingCategory), index=True)
    # Who may use it, in words: "60 岁以上本社区居民".
    eligibility: orm.Mapped[str] = orm.mapped_column(sa.String(1000), default="")
    # Where: a place's name and its street address (an HSDS location).
    location_name: orm.Mapped[str] = orm.mapped_column(sa.String(200), default="")
    address: orm.Mapped[str] = orm.mapped_column(sa.String(300), default="")
    # Given at the resident's home (a visit): a request must leave a phone and an address.
    at_home: orm.Mapped[bool] = orm.mapped_column(default=False)
    # In the community's currency (yuan); NULL means free.
    price: orm.Mapped[Decimal | None] = orm.mapped_column(sa.Numeric(10, 2))
    status: orm.Mapped[OfferingStatus] = orm.mapped_column(
        enum_column(OfferingStatus), default=OfferingStatus.DRAFT, index=True)
    mode: orm.Mapped[OfferingMode] = orm.mapped_column(
        enum_column(OfferingMode), default=OfferingMode.SESSIONS)
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: orm.Mapped[datetime | None]
    published_at: orm.Mapped[datetime | None]

    organization: orm.Mapped[Organization] = orm.relationship(back_populates="offerings")  # noqa: F821
    sessions: orm.Mapped[list[OfferingSession]] = orm.relationship(
        back_populates="offering", order_by="OfferingSession.starts_at",
        cascade="all, delete-orphan")
    schedules: orm.Mapped[list[OfferingSchedule]] = orm.relationship(
        back_populates="offering", order_by="OfferingSchedule.id", cascade="all, delete-orphan")

    @property
    def community_id(self) -> int:
        return self.organization.community_id

    @property
    def is_free(self) -> bool:
        return self.price is None


class OfferingSchedule(CreatedAtMixin, Base):
    """A weekly rule sessions were generated from: every <weekday> at <time>, from, count/until."""

    __tablename__ = "offering_schedules"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        sa.CheckConstraint("ends_time > starts_time", name="ends_after_start"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    weekday: orm.Mapped[int]  # Monday 0 … Sunday 6, as date.weekday()
    # Wall-clock times in the community's time zone.
    starts_time: orm.Mapped[time]
    ends_time: orm.Mapped[time]
    first_date: orm.Mapped[date]
    until_date: orm.Mapped[date | None]
    count: orm.Mapped[int | None]
    capacity: orm.Mapped[int]
    timezone: orm.Mapped[str] = orm.mapped_column(sa.String(64))

    offering: orm.Mapped[Offering] = orm.relationship(back_populates="schedules")


class OfferingSession(CreatedAtMixin, Base):
    """One occurrence with places: capacity, and how many of them are taken."""

    __tablename__ = "offering_sessions"
    __table_args__ = (
        sa.CheckConstraint("capacity >= 1", name="capacity_positive"),
        sa.CheckConstraint("enrolled_count >= 0", name="enrolled_not_negative"),
        # The database's own guarantee: never more enrolled than places.
        sa.CheckConstraint("enrolled_count <= capacity", name="enrolled_within_capacity"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    schedule_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("offering_schedules.id", ondelete="SET NULL"), index=True)
    starts_at: orm.Mapped[datetime] = orm.mapped_column(index=True)
    ends_at: orm.Mapped[datetime]
    capacity: orm.Mapped[int]
    # Enrolments holding a place (enrolled, attended, no-show); changed only
    # by conditional UPDATEs in partners.enrolments.
    enrolled_count: orm.Mapped[int] = orm.mapped_column(default=0)

    offering: orm.Mapped[Offering] = orm.relationship(back_populates="sessions")
    schedule: orm.Mapped[OfferingSchedule | None] = orm.relationship()

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.enrolled_count, 0)
