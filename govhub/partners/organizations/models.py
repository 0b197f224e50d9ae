"""Partner organizations and their members.

An Organization belongs to a community and is verified by its staff before its
offerings are public (offerings/models.py); its members are partner users, invited
until they accept.
"""

from __future__ import annotations

import enum
from datetime import datetime

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
    offerings: orm.Mapped[list[Offering]] = orm.relationship(  # noqa: F821
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
