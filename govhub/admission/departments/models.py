"""A street's departments (民政, 卫健, 统计…), the communities each covers, the officers who
speak for a department, and the reviewers of the street's admission body.

An officer's and a reviewer's account carries the role (Role.OFFICER, Role.REVIEWER); the
tables here say for which department or street, one each: an account that spoke for two
departments could approve its own requests through the other's door.
"""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, enum_column


class DepartmentLevel(enum.StrEnum):
    DISTRICT = "district"   # 区级职能部门
    STREET = "street"       # 街道内设机构


class Department(CreatedAtMixin, Base):
    __tablename__ = "departments"
    __table_args__ = (sa.UniqueConstraint("street_id", "name"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    street_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("streets.id", ondelete="CASCADE"), index=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    level: orm.Mapped[DepartmentLevel] = orm.mapped_column(
        enum_column(DepartmentLevel), default=DepartmentLevel.DISTRICT)

    communities: orm.Mapped[list[DepartmentCommunity]] = orm.relationship(
        cascade="all, delete-orphan")

    def display_name(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class DepartmentCommunity(Base):
    """A community the department covers (asks work of)."""

    __tablename__ = "department_communities"

    department_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True, index=True)


class DepartmentOfficer(CreatedAtMixin, Base):
    """The department an officer's account speaks for (one)."""

    __tablename__ = "department_officers"

    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("departments.id", ondelete="CASCADE"), index=True)

    department: orm.Mapped[Department] = orm.relationship()


class StreetReviewer(CreatedAtMixin, Base):
    """The street whose admission body a reviewer sits on (one)."""

    __tablename__ = "street_reviewers"

    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    street_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("streets.id", ondelete="CASCADE"), index=True)
