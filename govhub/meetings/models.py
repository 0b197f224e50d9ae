"""Meetings, their agenda, who attended, and who asked to speak."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class MeetingStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    IN_SESSION = "in_session"
    ADJOURNED = "adjourned"
    MINUTES_PUBLISHED = "minutes_published"


class ItemStatus(enum.StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    DEFERRED = "deferred"


class SpeakerStatus(enum.StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    WITHDRAWN = "withdrawn"


class Meeting(CreatedAtMixin, Base):
    __tablename__ = "meetings"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    council_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="RESTRICT"), index=True)
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    starts_at: orm.Mapped[datetime]
    ends_at: orm.Mapped[datetime | None]
    place: orm.Mapped[str] = orm.mapped_column(sa.String(200), default="")
    # Public meetings' rooms and records are readable without signing in.
    is_public: orm.Mapped[bool] = orm.mapped_column(default=True)
    status: orm.Mapped[MeetingStatus] = orm.mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.DRAFT, index=True)
    # Typed in from the projector, or scanned as a QR code, to reach the room.
    join_code: orm.Mapped[str] = orm.mapped_column(sa.String(8), unique=True)
    # The secret of the view-only projector link of a private meeting.
    projector_key: orm.Mapped[str] = orm.mapped_column(sa.String(43))
    speaking_seconds: orm.Mapped[int] = orm.mapped_column(default=180)
    minutes: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    started_at: orm.Mapped[datetime | None]
    adjourned_at: orm.Mapped[datetime | None]
    minutes_published_at: orm.Mapped[datetime | None]

    council: orm.Mapped[Council] = orm.relationship()  # noqa: F821
    items: orm.Mapped[list[AgendaItem]] = orm.relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan")

    @property
    def community_id(self) -> int:
        return self.council.community_id

    @property
    def current_item(self) -> AgendaItem | None:
        return next((item for item in self.items if item.status == ItemStatus.CURRENT), None)


class AgendaItem(CreatedAtMixin, Base):
    __tablename__ = "agenda_items"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    meeting_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: orm.Mapped[int]
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    status: orm.Mapped[ItemStatus] = orm.mapped_column(
        enum_column(ItemStatus), default=ItemStatus.PENDING)

    meeting: orm.Mapped[Meeting] = orm.relationship(back_populates="items")


class Attendance(Base):
    """One member at one meeting: present or not, and who holds their proxy."""

    __tablename__ = "attendances"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "user_id"),
        sa.CheckConstraint("proxy_holder_id IS NULL OR proxy_holder_id <> user_id",
                           name="no_proxy_to_oneself"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    meeting_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    present: orm.Mapped[bool] = orm.mapped_column(default=False)
    checked_in_at: orm.Mapped[datetime | None]
    checked_out_at: orm.Mapped[datetime | None]
    # "self" when the member checked in on their phone; "staff" for a paper
    # attendee a worker checked in.
    via: orm.Mapped[str] = orm.mapped_column(sa.String(8), default="self")
    proxy_holder_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)

    user: orm.Mapped[User] = orm.relationship(foreign_keys=[user_id])  # noqa: F821
    proxy_holder: orm.Mapped[User | None] = orm.relationship(  # noqa: F821
        foreign_keys=[proxy_holder_id])


class SpeakerEntry(CreatedAtMixin, Base):
    """A request to speak on an agenda item, and what became of it."""

    __tablename__ = "speaker_entries"
    __table_args__ = (
        # One open request per member per item, enforced by the database.
        sa.Index("uq_speaker_entries_waiting", "agenda_item_id", "user_id", unique=True,
                 sqlite_where=sa.text("status IN ('waiting', 'speaking')"),
                 postgresql_where=sa.text("status IN ('waiting', 'speaking')")),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    meeting_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: orm.Mapped[SpeakerStatus] = orm.mapped_column(
        enum_column(SpeakerStatus), default=SpeakerStatus.WAITING)
    started_at: orm.Mapped[datetime | None]
    finished_at: orm.Mapped[datetime | None]
    seconds: orm.Mapped[int | None]

    user: orm.Mapped[User] = orm.relationship()  # noqa: F821
