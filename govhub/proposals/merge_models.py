"""A worker's proposal to merge a duplicate proposal (the source) into another (the
target), and each author's answer to it. A source has at most one pending merge."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class MergeStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class ConsentDecision(enum.StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


class ProposalMerge(CreatedAtMixin, Base):
    __tablename__ = "proposal_merges"
    __table_args__ = (
        sa.CheckConstraint("source_id <> target_id", name="not_into_itself"),
        sa.Index("uq_proposal_merges_one_pending", "source_id", unique=True,
                 sqlite_where=sa.text("status = 'pending'"),
                 postgresql_where=sa.text("status = 'pending'")),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    source_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    target_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    proposed_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: orm.Mapped[MergeStatus] = orm.mapped_column(enum_column(MergeStatus),
                                                        default=MergeStatus.PENDING)
    decided_at: orm.Mapped[datetime | None]
    reason: orm.Mapped[str] = orm.mapped_column(sa.Text, default="", server_default="")

    source: orm.Mapped[Proposal] = orm.relationship(foreign_keys=[source_id])  # noqa: F821
    target: orm.Mapped[Proposal] = orm.relationship(foreign_keys=[target_id])  # noqa: F821
    consents: orm.Mapped[list[ProposalMergeConsent]] = orm.relationship(
        order_by="ProposalMergeConsent.author_id", cascade="all, delete-orphan")


class ProposalMergeConsent(Base):
    """One author's answer; a row exists only once they answered."""

    __tablename__ = "proposal_merge_consents"

    merge_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposal_merges.id", ondelete="CASCADE"), primary_key=True)
    author_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    decision: orm.Mapped[ConsentDecision] = orm.mapped_column(enum_column(ConsentDecision))
    decided_at: orm.Mapped[datetime]
