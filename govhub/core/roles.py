"""Global roles and the membership helpers every permissions.py builds on.

Yes/no functions only: they never raise and never touch the request.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govhub.auth.models import User


class Role(enum.StrEnum):
    ADMIN = "admin"
    WORKER = "worker"
    RESIDENT = "resident"
    PARTNER = "partner"


def is_signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_admin(user: User | None) -> bool:
    return is_signed_in(user) and user.is_active and user.role == Role.ADMIN


def is_worker_of(user: User | None, community_id: int | None) -> bool:
    """A community worker of that community (admins are not implied)."""
    return (
        is_signed_in(user)
        and user.is_active
        and user.role == Role.WORKER
        and community_id is not None
        and user.community_id == community_id
    )


def is_staff_of(user: User | None, community_id: int | None) -> bool:
    """Admins everywhere, workers in their own community."""
    return is_admin(user) or is_worker_of(user, community_id)


def belongs_to(user: User | None, community_id: int | None) -> bool:
    return (
        is_signed_in(user)
        and user.is_active
        and community_id is not None
        and user.community_id == community_id
    )
