"""Polls, who may vote in them, ballots, and the resolutions they produce.

Open (named) polls keep a Ballot per voter. Secret polls split the two
facts: a Receipt says *that* a member voted, a SecretBallot says *what*
was voted, and nothing joins them — no voter column, no timestamp, and a
random key instead of a sequential id (on SQLite the table has no rowid).
What the database itself keeps of their order of arrival (where rows lie,
PostgreSQL's ctid and xmin) the close erases: voting/secrecy.py.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class PollStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Poll(CreatedAtMixin, Base):
    __tablename__ = "polls"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    meeting_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    title: orm.Mapped[str] = orm.mapped_column(sa.String(300))
    # A registered kind's value (govhub/voting/kinds/); a VARCHAR(24) without a check, so
    # that a new kind needs no migration.
    kind: orm.Mapped[str] = orm.mapped_column(sa.String(24))
    secret: orm.Mapped[bool] = orm.mapped_column(default=False)
    live_results: orm.Mapped[bool] = orm.mapped_column(default=True)
    allow_change: orm.Mapped[bool] = orm.mapped_column(default=True)
    # A key of councils.rules.RULE_SETS for this poll; empty: the council's own.
    rule_set: orm.Mapped[str] = orm.mapped_column(sa.String(32), default="")
    min_choices: orm.Mapped[int] = orm.mapped_column(default=1)
    max_choices: orm.Mapped[int | None]
    status: orm.Mapped[PollStatus] = orm.mapped_column(
        enum_column(PollStatus), default=PollStatus.DRAFT, index=True)
    # Set when opened with a timer: the poll closes itself then.
    closes_at: orm.Mapped[datetime | None]
    opened_at: orm.Mapped[datetime | None]
    closed_at: orm.Mapped[datetime | None]
    # Frozen when the poll opens, with its entitlements: the weight of the council's
    # active voting members then, the base of its quorum and of "a majority of all
    # members". Seating, unseating or re-weighting someone later changes the next
    # poll, never this one. Null while a draft.
    members_weight: orm.Mapped[Decimal | None] = orm.mapped_column(sa.Numeric(12, 3))
    # Frozen at close: the tally, the rule applied, the outcome.
    result: orm.Mapped[dict | None] = orm.mapped_column(sa.JSON)
    passed: orm.Mapped[bool | None]
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    options: orm.Mapped[list[PollOption]] = orm.relationship(
        back_populates="poll", order_by="PollOption.position", cascade="all, delete-orphan")
    meeting: orm.Mapped[Meeting] = orm.relationship()  # noqa: F821
    agenda_item: orm.Mapped[AgendaItem] = orm.relationship()  # noqa: F821


class PollOption(Base):
    __tablename__ = "poll_options"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    position: orm.Mapped[int]
    label: orm.Mapped[str] = orm.mapped_column(sa.String(200))

    poll: orm.Mapped[Poll] = orm.relationship(back_populates="options")


class Entitlement(Base):
    """Frozen when the poll opens: who may vote, with which weight, cast by whom."""

    __tablename__ = "poll_entitlements"
    __table_args__ = (sa.UniqueConstraint("poll_id", "user_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    user_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    weight: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(8, 3))
    # The member themself, or the present proxy holder who casts their ballot.
    holder_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Ballot(Base):
    """A named ballot: one per entitled member per poll, by database constraint."""

    __tablename__ = "ballots"
    __table_args__ = (sa.UniqueConstraint("poll_id", "voter_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    voter_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    cast_by_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # "self", "proxy", or "paper" (a worker entered it).
    via: orm.Mapped[str] = orm.mapped_column(sa.String(8))
    content: orm.Mapped[list] = orm.mapped_column(sa.JSON)
    weight: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(8, 3))
    key: orm.Mapped[str] = orm.mapped_column(sa.String(80), default="")
    cast_at: orm.Mapped[datetime]


def random_key() -> str:
    """A secret ballot's key: random, so that no order of insertion can be read from it."""
    return uuid.uuid4().hex


class SecretBallot(Base):
    """What was voted in a secret poll; nothing here says who, when, or in which order."""

    __tablename__ = "secret_ballots"
    __table_args__ = {"sqlite_with_rowid": False}

    key: orm.Mapped[str] = orm.mapped_column(sa.String(32), primary_key=True,
                                             default=random_key)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    content: orm.Mapped[list] = orm.mapped_column(sa.JSON)
    weight: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(8, 3))


class Receipt(Base):
    """That a member's ballot was cast in a secret poll (and by whom), never what."""

    __tablename__ = "ballot_receipts"
    __table_args__ = (sa.UniqueConstraint("poll_id", "voter_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    voter_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    cast_by_id: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    via: orm.Mapped[str] = orm.mapped_column(sa.String(8))
    key: orm.Mapped[str] = orm.mapped_column(sa.String(80), default="")


class Resolution(CreatedAtMixin, Base):
    """What a passed poll decided, frozen at close, for the public record."""

    __tablename__ = "resolutions"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    meeting_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    poll_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("polls.id", ondelete="CASCADE"), unique=True)
    agenda_item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"))
    text: orm.Mapped[str] = orm.mapped_column(sa.Text)
    tally: orm.Mapped[dict] = orm.mapped_column(sa.JSON)
    rule_set: orm.Mapped[str] = orm.mapped_column(sa.String(32))
    decided_at: orm.Mapped[datetime]

    poll: orm.Mapped[Poll] = orm.relationship()
