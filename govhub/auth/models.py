"""Accounts and API tokens."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin, utcnow
from govhub.core.roles import Role


class User(CreatedAtMixin, Base):
    __tablename__ = "users"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    # Stored lower-case; unique across the deployment.
    username: orm.Mapped[str] = orm.mapped_column(sa.String(40), unique=True)
    display_name: orm.Mapped[str] = orm.mapped_column(sa.String(80))
    password_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    role: orm.Mapped[Role] = orm.mapped_column(
        sa.Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=Role.RESIDENT,
    )
    community_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="RESTRICT"), index=True
    )
    # Private contact data: shown to the user, their community's workers and admins.
    email: orm.Mapped[str | None] = orm.mapped_column(sa.String(254))
    phone: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    locale: orm.Mapped[str | None] = orm.mapped_column(sa.String(10))
    # A resident who registered themselves waits for a worker's confirmation
    # before they can vote; accounts made by staff are confirmed at once.
    confirmed_at: orm.Mapped[datetime | None]
    confirmed_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    disabled_at: orm.Mapped[datetime | None]
    last_login_at: orm.Mapped[datetime | None]

    community: orm.Mapped[Community | None] = orm.relationship(foreign_keys=[community_id])  # noqa: F821

    # Flask-Login's user protocol.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def get_id(self) -> str:
        # Only says who; the browser's UserSession says whether it is still signed in.
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class ApiToken(CreatedAtMixin, Base):
    """A bearer token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: orm.Mapped[str] = orm.mapped_column(sa.String(64), unique=True)
    # The first characters, so that a user can tell their tokens apart.
    prefix: orm.Mapped[str] = orm.mapped_column(sa.String(16))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(80), default="")
    # Indexed for the live rooms' sweep, which asks what ended since it last looked.
    expires_at: orm.Mapped[datetime] = orm.mapped_column(index=True)
    last_used_at: orm.Mapped[datetime | None]
    revoked_at: orm.Mapped[datetime | None] = orm.mapped_column(index=True)

    user: orm.Mapped[User] = orm.relationship()

    def is_usable(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.revoked_at is None and self.expires_at > now and self.user.is_active


class UserSession(CreatedAtMixin, Base):
    """A signed-in browser. Its cookie holds a random key; only the key's SHA-256 is stored.

    Signing out revokes it, and a copied cookie then opens nothing. It ends on
    its own `session_lifetime_days` after it was last seen.
    """

    __tablename__ = "user_sessions"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    key_hash: orm.Mapped[str] = orm.mapped_column(sa.String(64), unique=True)
    # "browser/system" (rules.device_of), so that a user can tell their devices apart.
    device: orm.Mapped[str] = orm.mapped_column(sa.String(40), default="")
    last_seen_at: orm.Mapped[datetime]
    expires_at: orm.Mapped[datetime] = orm.mapped_column(index=True)
    revoked_at: orm.Mapped[datetime | None] = orm.mapped_column(index=True)

    user: orm.Mapped[User] = orm.relationship()

    def is_live(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.revoked_at is None and self.expires_at > now


class AnonymousUser:
    """Someone not signed in; has the attributes permission checks read."""

    id = None
    role = None
    community_id = None
    community = None
    locale = None
    is_authenticated = False
    is_anonymous = True
    is_active = False
    is_confirmed = False

    def get_id(self):
        return None
