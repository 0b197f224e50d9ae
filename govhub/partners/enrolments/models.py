"""A resident's enrolment in a session, or their place in its waiting line."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


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

    session: orm.Mapped[OfferingSession] = orm.relationship()  # noqa: F821
    resident: orm.Mapped[User] = orm.relationship()  # noqa: F821
