"""Councils and their members.

Issue-level scope: a council and who sits on it with which weight. Rule sets,
meetings and the live room build on these.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin


def _enum(enum_cls: type[enum.Enum], length: int = 24) -> sa.Enum:
    return sa.Enum(
        enum_cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


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
    kind: orm.Mapped[CouncilKind] = orm.mapped_column(_enum(CouncilKind))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")

    community: orm.Mapped[Community] = orm.relationship()  # noqa: F821
    memberships: orm.Mapped[list[CouncilMembership]] = orm.relationship(
        back_populates="council", cascade="all, delete-orphan"
    )

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name


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
    role: orm.Mapped[MemberRole] = orm.mapped_column(_enum(MemberRole), default=MemberRole.MEMBER)
    # Decimal, never float: a household may hold 0.5 of a vote.
    vote_weight: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(8, 3), default=Decimal(1))
    active: orm.Mapped[bool] = orm.mapped_column(default=True)

    council: orm.Mapped[Council] = orm.relationship(back_populates="memberships")
    user: orm.Mapped[User] = orm.relationship()  # noqa: F821
