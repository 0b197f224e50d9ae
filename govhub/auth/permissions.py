"""Who may do what with accounts. Yes/no functions over the role helpers."""

from __future__ import annotations

from govhub.auth.models import User
from govhub.core.roles import Role, is_admin, is_staff_of, is_worker_of


def can_create_user(actor: User | None) -> bool:
    return is_admin(actor)


def can_list_users(actor: User | None) -> bool:
    """Admins see every account; workers see their community's."""
    return is_admin(actor) or (actor is not None and is_worker_of(actor, actor.community_id))


def can_confirm_user(actor: User | None, user: User) -> bool:
    """Admins confirm anyone; a worker confirms residents of their own community."""
    if is_admin(actor):
        return True
    return user.role == Role.RESIDENT and is_worker_of(actor, user.community_id)


def can_set_role(actor: User | None, user: User) -> bool:
    """Admins only, and never on themselves: the last admin cannot lock everyone out."""
    return is_admin(actor) and actor.id != user.id


def can_see_contact(actor: User | None, user: User) -> bool:
    """A resident's phone and e-mail: themselves, their community's staff."""
    if actor is not None and getattr(actor, "id", None) == user.id:
        return True
    return is_staff_of(actor, user.community_id)
