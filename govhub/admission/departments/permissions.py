"""Who speaks for which department, who reviews for which street: yes/no functions."""

from __future__ import annotations

from govhub.admission.departments import queries
from govhub.core.roles import Role, is_admin, is_signed_in


def _active_with(user, role: Role) -> bool:
    return is_signed_in(user) and user.is_active and user.role == role


def officer_department_id(user) -> int | None:
    """The department an active officer's account speaks for (None for anyone else)."""
    if not _active_with(user, Role.OFFICER):
        return None
    department = queries.department_of(user)
    return department.id if department else None


def reviewer_street_id(user) -> int | None:
    """The street whose admission body an active reviewer sits on (None for anyone else)."""
    return queries.reviewer_street_id(user) if _active_with(user, Role.REVIEWER) else None


def is_officer_of(user, department_id: int | None) -> bool:
    """An officer appointed to that department (administrators are not implied)."""
    return department_id is not None and officer_department_id(user) == department_id


def is_reviewer_of(user, street_id: int | None) -> bool:
    """A reviewer appointed to that street's admission body."""
    return street_id is not None and reviewer_street_id(user) == street_id


def can_manage_departments(user, street) -> bool:
    """The office's administrators keep a street's departments, officers and reviewers."""
    return is_admin(user)
