"""Who speaks for which department, who reviews for which street: yes/no functions."""

from __future__ import annotations

from govhub.admission.departments import queries
from govhub.core.roles import Role, is_admin, is_signed_in


def _active_with(user, role: Role) -> bool:
    return is_signed_in(user) and user.is_active and user.role == role


def is_officer_of(user, department_id: int | None) -> bool:
    """An officer appointed to that department (administrators are not implied)."""
    if department_id is None or not _active_with(user, Role.OFFICER):
        return False
    department = queries.department_of(user)
    return department is not None and department.id == department_id


def is_reviewer_of(user, street_id: int | None) -> bool:
    """A reviewer appointed to that street's admission body."""
    return (street_id is not None and _active_with(user, Role.REVIEWER)
            and queries.reviewer_street_id(user) == street_id)


def can_manage_departments(user, street) -> bool:
    """The office's administrators keep a street's departments, officers and reviewers."""
    return is_admin(user)
