"""Reading accounts."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from sqlalchemy import orm

from govhub.auth.models import User
from govhub.core.models import is_id
from govhub.core.roles import Role, is_admin
from govhub.extensions import db


def get_user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        abort(404)
    return user


def find_user(user_id) -> User | None:
    """The user with this id, or None for anything that is not a sane id (a URL, a form, JSON)."""
    return db.session.get(User, user_id) if is_id(user_id) else None


def user_by_username(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))


def users_visible_to(actor: User, pending_only: bool = False, page: int = 1, per_page: int = 50):
    """Admins see all accounts, workers their community's; newest first, paginated."""
    query = sa.select(User).options(orm.joinedload(User.community)).order_by(User.id.desc())
    if not is_admin(actor):
        query = query.where(User.community_id == actor.community_id)
    if pending_only:
        query = query.where(User.confirmed_at.is_(None), User.role == Role.RESIDENT)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def pending_count(actor: User) -> int:
    query = sa.select(sa.func.count(User.id)).where(
        User.confirmed_at.is_(None), User.role == Role.RESIDENT
    )
    if not is_admin(actor):
        query = query.where(User.community_id == actor.community_id)
    return db.session.scalar(query) or 0


def workers_of(community_id: int) -> list[User]:
    """The community's active workers, who confirm residents and seat them on councils."""
    return list(db.session.scalars(sa.select(User).where(
        User.community_id == community_id, User.role == Role.WORKER,
        User.disabled_at.is_(None)).order_by(User.id)))
