"""Partner organizations, their members, their offerings, and what residents ask of them.

An Organization belongs to a community and is verified by its staff before
its offerings are public. An Offering is either given on request (a
resident sends a ServiceRequest) or held in OfferingSessions with a
capacity (a resident enrols; when full, they may wait in line). Sessions
are concrete rows: a weekly schedule (OfferingSchedule) only says how they
were generated, which is also what an HSDS schedule describes.

A session's places are counted in `enrolled_count`, kept by the services
with conditional UPDATEs and bounded by a CHECK constraint; see
`enrolments.take_place` for why the count never exceeds the capacity.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class OrganizationKind(enum.StrEnum):
    VOLUNTEER_ASSOCIATION = "volunteer_association"
    ELDERLY_ASSOCIATION = "elderly_association"
    ARTS_GROUP = "arts_group"
    SOCIAL_WORK_AGENCY = "social_work_agency"
    CLINIC = "clinic"
    LEGAL_AID = "legal_aid"
    DEPARTMENT = "department"
    OTHER = "other"


class OrganizationStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class MemberRole(enum.StrEnum):
    OWNER = "owner"
    EDITOR = "editor"


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


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class RequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Organization(CreatedAtMixin, Base):
    __tablename__ = "organizations"
    __table_args__ = (sa.UniqueConstraint("community_id", "name"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="RESTRICT"), index=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    kind: orm.Mapped[OrganizationKind] = orm.mapped_column(enum_column(OrganizationKind))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # The organization's public contact (not a member's private one).
    contact_phone: orm.Mapped[str] = orm.mapped_column(sa.String(32), default="")
    contact_email: orm.Mapped[str] = orm.mapped_column(sa.String(254), default="")
    website: orm.Mapped[str] = orm.mapped_column(sa.String(300), default="")
    # Where it works, in words: "幸福里社区全域", "1–6号楼".
    service_area: orm.Mapped[str] = orm.mapped_column(sa.String(200), default="")
    # E.g. the unified social credit code of a registered social organization.
    registration_number: orm.Mapped[str] = orm.mapped_column(sa.String(60), default="")
    status: orm.Mapped[OrganizationStatus] = orm.mapped_column(
        enum_column(OrganizationStatus), default=OrganizationStatus.PENDING, index=True)
    # Why staff rejected or suspended it, shown to its members.
    status_reason: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    verified_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    verified_at: orm.Mapped[datetime | None]
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    community: orm.Mapped[Community] = orm.relationship()  # noqa: F821
    members: orm.Mapped[list[OrganizationMember]] = orm.relationship(
        back_populates="organization", order_by="OrganizationMember.id",
        cascade="all, delete-orphan")
    offerings: orm.Mapped[list[Offering]] = orm.relationship(
        back_populates="organization", order_by="Offering.id")

    @property
    def is_verified(self) -> bool:
        return self.status == OrganizationStatus.VERIFIED


class OrganizationMember(CreatedAtMixin, Base):
    """A partner user in an organization; an invitation until they accept it."""

    __tablename__ = "organization_members"
    __table_args__ = (sa.UniqueConstraint("organization_id", "user_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    organization_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: orm.Mapped[MemberRole] = orm.mapped_column(
        enum_column(MemberRole), default=MemberRole.EDITOR)
    invited_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    # None while the invitation waits for the user's answer.
    accepted_at: orm.Mapped[datetime | None]

    organization: orm.Mapped[Organization] = orm.relationship(back_populates="members")
    user: orm.Mapped[User] = orm.relationship(foreign_keys=[user_id])  # noqa: F821

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None


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

    organization: orm.Mapped[Organization] = orm.relationship(back_populates="offerings")
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


# Enrolments that count against a resident's one-per-session and, except
# the waitlisted, against the session's places.
ACTIVE_ENROLMENT = "status IN ('enrolled', 'waitlisted', 'attended', 'no_show')"


class Enrolment(CreatedAtMixin, Base):
    """A resident's place in a session, or their place in its waiting line (by created_at)."""

    __tablename__ = "enrolments"
    __table_args__ = (
        # One active enrolment per resident per session; after cancelling,
        # enrolling again makes a new row (at the back of any line).
        sa.Index("uq_enrolments_active", "session_id", "resident_id", unique=True,
                 sqlite_where=sa.text(ACTIVE_ENROLMENT),
                 postgresql_where=sa.text(ACTIVE_ENROLMENT)),
        sa.Index("ix_enrolments_session_status", "session_id", "status", "created_at"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    session_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offering_sessions.id", ondelete="CASCADE"))
    resident_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: orm.Mapped[EnrolmentStatus] = orm.mapped_column(enum_column(EnrolmentStatus))
    promoted_at: orm.Mapped[datetime | None]
    cancelled_at: orm.Mapped[datetime | None]
    attendance_marked_at: orm.Mapped[datetime | None]

    session: orm.Mapped[OfferingSession] = orm.relationship()
    resident: orm.Mapped[User] = orm.relationship()  # noqa: F821


OPEN_REQUEST = "status IN ('requested', 'accepted')"


class ServiceRequest(CreatedAtMixin, Base):
    """A resident asking for an on-request offering, and the organization's answer."""

    __tablename__ = "service_requests"
    __table_args__ = (
        # One open request per resident per offering.
        sa.Index("uq_service_requests_open", "offering_id", "resident_id", unique=True,
                 sqlite_where=sa.text(OPEN_REQUEST), postgresql_where=sa.text(OPEN_REQUEST)),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    resident_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # For an offering given at home: where, and a phone to arrange the visit (shown to the
    # organization as the resident's contact details are, docs/partners.md).
    contact_phone: orm.Mapped[str] = orm.mapped_column(sa.String(32), default="")
    visit_address: orm.Mapped[str] = orm.mapped_column(sa.String(300), default="")
    status: orm.Mapped[RequestStatus] = orm.mapped_column(
        enum_column(RequestStatus), default=RequestStatus.REQUESTED, index=True)
    decline_reason: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    handled_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: orm.Mapped[datetime | None]
    closed_at: orm.Mapped[datetime | None]

    offering: orm.Mapped[Offering] = orm.relationship()
    resident: orm.Mapped[User] = orm.relationship(foreign_keys=[resident_id])  # noqa: F821


SESSION_RATING = "session_id IS NOT NULL"
OFFERING_RATING = "session_id IS NULL"


class Rating(CreatedAtMixin, Base):
    """1 to 5 and a comment, after the service: one per resident per session, or per offering."""

    __tablename__ = "ratings"
    __table_args__ = (
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        sa.Index("uq_ratings_session", "session_id", "resident_id", unique=True,
                 sqlite_where=sa.text(SESSION_RATING), postgresql_where=sa.text(SESSION_RATING)),
        sa.Index("uq_ratings_offering", "offering_id", "resident_id", unique=True,
                 sqlite_where=sa.text(OFFERING_RATING),
                 postgresql_where=sa.text(OFFERING_RATING)),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    offering_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("offerings.id", ondelete="CASCADE"), index=True)
    # The session rated; NULL for an on-request offering.
    session_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("offering_sessions.id", ondelete="CASCADE"))
    resident_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    score: orm.Mapped[int]
    comment: orm.Mapped[str] = orm.mapped_column(sa.String(2000), default="")

    offering: orm.Mapped[Offering] = orm.relationship()
    session: orm.Mapped[OfferingSession | None] = orm.relationship()
    resident: orm.Mapped[User] = orm.relationship()  # noqa: F821
