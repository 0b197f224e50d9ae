"""Councils, their members and their rule set."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column
from govhub.councils.rules import DEFAULT_RULE_SET, RULE_SETS, RuleSet


class CouncilKind(enum.StrEnum):
    RESIDENTS_MEETING = "residents_meeting"
    REPRESENTATIVES_MEETING = "representatives_meeting"
    DELIBERATION_COUNCIL = "deliberation_council"
    BUILDING_COUNCIL = "building_council"


class MemberRole(enum.StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    OBSERVER = "observer"


class Council(CreatedAtMixin, Base):
    __tablename__ = "councils"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="RESTRICT"), index=True
    )
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    kind: orm.Mapped[CouncilKind] = orm.mapped_column(enum_column(CouncilKind))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # A key of councils.rules.RULE_SETS: quorum and passing thresholds.
    rule_set: orm.Mapped[str] = orm.mapped_column(sa.String(32), default=DEFAULT_RULE_SET,
                                                  server_default=DEFAULT_RULE_SET)
    # How many absent members one present member may represent.
    max_proxies_per_holder: orm.Mapped[int] = orm.mapped_column(default=1, server_default="1")
    # Who may vote when a poll opens: "present" (checked in, or represented by a
    # present proxy holder) or "all" active voting members.
    poll_entitlement: orm.Mapped[str] = orm.mapped_column(sa.String(8), default="present",
                                                          server_default="present")

    community: orm.Mapped[Community] = orm.relationship()  # noqa: F821
    memberships: orm.Mapped[list[CouncilMembership]] = orm.relationship(
        back_populates="council", cascade="all, delete-orphan"
    )

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def rules(self) -> RuleSet:
        return RULE_SETS.get(self.rule_set, RULE_SETS[DEFAULT_RULE_SET])


class CouncilMembership(CreatedAtMixin, Base):
    __tablename__ = "council_memberships"
    __table_args__ = (
        sa.UniqueConstraint("council_id", "user_id"),
        sa.CheckConstraint("vote_weight >= 0", name="vote_weight_not_negative"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    council_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="CASCADE"), index=True
    )
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    role: orm.Mapped[MemberRole] = orm.mapped_column(enum_column(MemberRole),
                                                     default=MemberRole.MEMBER)
    # Decimal, never float: a household may hold 0.5 of a vote.
    vote_weight: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(8, 3), default=Decimal(1))
    active: orm.Mapped[bool] = orm.mapped_column(default=True)

    council: orm.Mapped[Council] = orm.relationship(back_populates="memberships")
    user: orm.Mapped[User] = orm.relationship()  # noqa: F821

    @property
    def votes(self) -> bool:
        """Observers attend and may speak, but hold no vote."""
        return self.active and self.role != MemberRole.OBSERVER


class JoinStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


PENDING_JOIN = "status = 'pending'"


class JoinRequest(CreatedAtMixin, Base):
    """A confirmed resident asking for a seat on a council; a worker approves or declines."""

    __tablename__ = "council_join_requests"
    __table_args__ = (
        # One pending request per resident per council.
        sa.Index("uq_council_join_requests_pending", "council_id", "user_id", unique=True,
                 sqlite_where=sa.text(PENDING_JOIN), postgresql_where=sa.text(PENDING_JOIN)),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    council_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # What the resident says about themselves ("flat 3-201, owner"), for the worker.
    message: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    status: orm.Mapped[JoinStatus] = orm.mapped_column(enum_column(JoinStatus),
                                                       default=JoinStatus.PENDING)
    decline_reason: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    decided_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: orm.Mapped[datetime | None]

    council: orm.Mapped[Council] = orm.relationship()
    user: orm.Mapped[User] = orm.relationship(foreign_keys=[user_id])  # noqa: F821
