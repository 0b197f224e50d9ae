"""Keeping a street's departments, and appointing their officers and the street's reviewers.

The office's administrators do all of it; every change is audited. An appointment needs an
account that already has the matching role (officer, reviewer): the role says what kind of
account it is, the appointment says for whom it speaks.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.admission.catalogue.models import Street, StreetCommunity
from govhub.admission.departments.models import (
    Department,
    DepartmentCommunity,
    DepartmentLevel,
    DepartmentOfficer,
    StreetReviewer,
)
from govhub.admission.departments.permissions import can_manage_departments
from govhub.audit.services import record
from govhub.auth.models import User
from govhub.auth.rules import normalise_username
from govhub.core.errors import DomainError, Forbidden
from govhub.core.roles import Role
from govhub.extensions import db


def _require_manager(actor, street: Street) -> None:
    if not can_manage_departments(actor, street):
        raise Forbidden(_("Only the office's administrators keep the departments."))


def _street_community_ids(street: Street) -> set[int]:
    return set(db.session.scalars(sa.select(StreetCommunity.community_id)
                                  .where(StreetCommunity.street_id == street.id)))


def create_department(actor, street: Street, name: str, name_en: str = "",
                      level: DepartmentLevel | str = DepartmentLevel.DISTRICT,
                      community_ids: list[int] | None = None) -> Department:
    """A department of the street, covering the given communities of the street (default:
    all of them); flushes only."""
    _require_manager(actor, street)
    name, name_en = " ".join(str(name or "").split()), " ".join(str(name_en or "").split())
    if not name:
        raise DomainError("name_required", _("Give the department its name."), field="name")
    if len(name) > 120 or len(name_en) > 120:
        raise DomainError("name_too_long", _("A name is at most 120 characters."), field="name")
    try:
        level = DepartmentLevel(level)
    except ValueError:
        raise DomainError("invalid_level", _("Choose the department's level."),
                          field="level") from None
    if db.session.scalar(sa.select(Department.id).where(
            Department.street_id == street.id, Department.name == name)) is not None:
        raise DomainError("department_exists",
                          _("The street already has a department of that name."),
                          field="name", status=409)
    streets = _street_community_ids(street)
    covered = streets if community_ids is None else set(community_ids)
    if not covered <= streets:
        raise DomainError("not_in_street",
                          _("A department covers only communities of its street."),
                          field="communities")
    department = Department(street_id=street.id, name=name, name_en=name_en, level=level)
    department.communities = [DepartmentCommunity(community_id=i) for i in sorted(covered)]
    db.session.add(department)
    db.session.flush()
    record(actor, "department.created", department, community_id=None, street_id=street.id,
           name=name, communities=len(covered))
    return department


def _account(username: str, role: Role) -> User:
    user = db.session.scalar(sa.select(User).where(
        User.username == normalise_username(str(username or ""))))
    if user is None:
        raise DomainError("no_such_user", _("There is no account with that username."),
                          field="username", status=404)
    if user.role != role:
        message = (_("That account is not an officer's: give it the role first.")
                   if role == Role.OFFICER else
                   _("That account is not a reviewer's: give it the role first."))
        raise DomainError("wrong_role", message, field="username")
    return user


def appoint_officer(actor, department: Department, username: str) -> DepartmentOfficer:
    """Make the officer's account speak for the department (moving it from another)."""
    street = db.session.get(Street, department.street_id)
    _require_manager(actor, street)
    user = _account(username, Role.OFFICER)
    appointment = db.session.get(DepartmentOfficer, user.id)
    if appointment is None:
        appointment = DepartmentOfficer(user_id=user.id, department_id=department.id)
        db.session.add(appointment)
    elif appointment.department_id == department.id:
        return appointment
    else:
        appointment.department_id = department.id
    db.session.flush()
    record(actor, "department.officer_appointed", user, community_id=None,
           department_id=department.id, department=department.name)
    return appointment


def appoint_reviewer(actor, street: Street, username: str) -> StreetReviewer:
    """Seat the reviewer's account on the street's admission body."""
    _require_manager(actor, street)
    user = _account(username, Role.REVIEWER)
    seat = db.session.get(StreetReviewer, user.id)
    if seat is None:
        seat = StreetReviewer(user_id=user.id, street_id=street.id)
        db.session.add(seat)
    elif seat.street_id == street.id:
        return seat
    else:
        seat.street_id = street.id
    db.session.flush()
    record(actor, "department.reviewer_appointed", user, community_id=None,
           street_id=street.id)
    return seat


def remove_appointment(actor, street: Street, user: User) -> None:
    """End an officer's or reviewer's appointment in the street (their access ends with it)."""
    _require_manager(actor, street)
    officer = db.session.get(DepartmentOfficer, user.id)
    seat = db.session.get(StreetReviewer, user.id)
    held = [row for row in (officer, seat) if row is not None
            and (row.department.street_id if row is officer else row.street_id) == street.id]
    for row in held:
        db.session.delete(row)
    if not held:
        raise DomainError("not_appointed", _("That account holds no appointment here."),
                          status=404)
    db.session.flush()
    record(actor, "department.appointment_ended", user, community_id=None,
           street_id=street.id)
