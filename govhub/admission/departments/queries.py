"""Reading departments, their officers and the street's reviewers."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.admission.departments.models import (
    Department,
    DepartmentCommunity,
    DepartmentOfficer,
    StreetReviewer,
)
from govhub.auth.models import User
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.extensions import db


def get_department(department_id) -> Department:
    """The department with that id, or NotFound."""
    department = db.session.get(Department, department_id) if is_id(department_id) else None
    if department is None:
        raise NotFound(_("There is no such department."))
    return department


def department_of(user) -> Department | None:
    """The department an officer speaks for (None for anyone else)."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return None
    return db.session.scalar(sa.select(Department).join(DepartmentOfficer)
                             .where(DepartmentOfficer.user_id == user_id))


def reviewer_street_id(user) -> int | None:
    """The street whose admission body a reviewer sits on (None for anyone else)."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return None
    return db.session.scalar(sa.select(StreetReviewer.street_id)
                             .where(StreetReviewer.user_id == user_id))


def departments_of_street(street_id: int) -> list[Department]:
    return list(db.session.scalars(sa.select(Department).where(Department.street_id == street_id)
                                   .order_by(Department.name)))


def departments_covering(community) -> list[Department]:
    """The departments that cover the community (may ask work of it)."""
    return list(db.session.scalars(
        sa.select(Department).join(DepartmentCommunity)
        .where(DepartmentCommunity.community_id == community.id).order_by(Department.name)))


def covered_community_ids(department: Department) -> set[int]:
    return set(db.session.scalars(sa.select(DepartmentCommunity.community_id)
                                  .where(DepartmentCommunity.department_id == department.id)))


def officers_of(department_ids: list[int]) -> dict[int, list[User]]:
    """Each department's officers, by department id."""
    found: dict[int, list[User]] = {i: [] for i in department_ids}
    rows = db.session.execute(
        sa.select(DepartmentOfficer.department_id, User).join(User)
        .where(DepartmentOfficer.department_id.in_(department_ids)).order_by(User.username))
    for department_id, user in rows:
        found[department_id].append(user)
    return found


def reviewers_of(street_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).join(StreetReviewer)
                                   .where(StreetReviewer.street_id == street_id)
                                   .order_by(User.username)))
