"""Global roles and the membership helpers every permissions.py builds on.

Yes/no functions only: they never raise and never touch the request. They
read a user through the Person protocol below, so core imports nothing of
auth: auth.models imports Role from here, never the other way round.
"""

from __future__ import annotations

import enum
from typing import Protocol


class Role(enum.StrEnum):
    ADMIN = "admin"
    WORKER = "worker"
    RESIDENT = "resident"
    PARTNER = "partner"
    OFFICER = "officer"     # speaks for a department (admission.departments)
    REVIEWER = "reviewer"   # sits on a street's admission body


# The roles whose accounts belong to one community. Officers and reviewers belong to a
# department or a street instead (admission.departments), administrators to the office.
COMMUNITY_ROLES = frozenset({Role.WORKER, Role.RESIDENT, Role.PARTNER})


class Person(Protocol):
    """What these helpers read of a user: auth.models.User, or Flask-Login's anonymous one
    (which has no role; is_signed_in is checked first)."""

    is_authenticated: bool
    is_active: bool
    role: Role
    community_id: int | None


def is_signed_in(user: Person | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_admin(user: Person | None) -> bool:
    return is_signed_in(user) and user.is_active and user.role == Role.ADMIN


def is_worker_of(user: Person | None, community_id: int | None) -> bool:
    """A community worker of that community (admins are not implied)."""
    return (
        is_signed_in(user)
        and user.is_active
        and user.role == Role.WORKER
        and community_id is not None
        and user.community_id == community_id
    )


def is_staff_of(user: Person | None, community_id: int | None) -> bool:
    """Admins everywhere, workers in their own community."""
    return is_admin(user) or is_worker_of(user, community_id)


def belongs_to(user: Person | None, community_id: int | None) -> bool:
    return (
        is_signed_in(user)
        and user.is_active
        and community_id is not None
        and user.community_id == community_id
    )
