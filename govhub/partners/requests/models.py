"""What residents ask of organizations, and how they rate what they received."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class RequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


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

    offering: orm.Mapped[Offering] = orm.relationship()  # noqa: F821
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

    offering: orm.Mapped[Offering] = orm.relationship()  # noqa: F821
    session: orm.Mapped[OfferingSession | None] = orm.relationship()  # noqa: F821
    resident: orm.Mapped[User] = orm.relationship()  # noqa: F821
