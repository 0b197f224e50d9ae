"""Signed-in browsers, kept on the server.

Flask's session cookie is signed, not stored: on its own, signing out could
not stop a copy of it. So every sign-in makes a UserSession; the cookie
carries the session's random key, and the database keeps only the key's
SHA-256. A request or socket whose session is revoked or expired is
anonymous, whatever its cookie says. A session ends when its browser signs
out, when the user signs out everywhere or changes their password, or
`session_lifetime_days` after it was last seen.

Services: they flush, never commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.audit.services import record
from govhub.auth import rules
from govhub.auth.models import User, UserSession
from govhub.core.errors import DomainError
from govhub.core.models import is_id, utcnow
from govhub.extensions import db

KEY_MAX = 100  # a key is 43 characters; anything much longer is not one
SEEN_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def lifetime() -> timedelta:
    return timedelta(days=current_app.config["GOVHUB"]["session_lifetime_days"])


def start_session(user: User, user_agent: str | None) -> tuple[UserSession, str]:
    """A browser signs in: its session, and the key for its cookie (only its hash is stored)."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    session = UserSession(user_id=user.id, key_hash=_digest(key),
                          device=rules.device_of(user_agent), last_seen_at=now,
                          expires_at=now + lifetime())
    db.session.add(session)
    db.session.flush()
    return session, key


def find_session(key, user_id) -> UserSession | None:
    """The standing session with this key for this user (its user loaded), or None."""
    if not isinstance(key, str) or not 0 < len(key) <= KEY_MAX:
        return None
    found = db.session.scalar(sa.select(UserSession).options(orm.joinedload(UserSession.user))
                              .where(UserSession.key_hash == _digest(key)))
    if (found is None or str(found.user_id) != str(user_id) or not found.is_live()
            or not found.user.is_active):
        return None
    return found


def touch_session(session: UserSession) -> bool:
    """Note that the browser was seen, at most once a minute; its lifetime starts again.
    True when something was written."""
    now = utcnow()
    if now - session.last_seen_at < SEEN_EVERY:
        return False
    session.last_seen_at = now
    session.expires_at = now + lifetime()
    return True


def standing_sessions(user: User) -> list[UserSession]:
    """The user's signed-in browsers, the most recently seen first."""
    return list(db.session.scalars(
        sa.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None),
               UserSession.expires_at > utcnow())
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


def own_session(user: User, session_id) -> UserSession:
    """One of the user's own sessions, or a 404 (another's answers the same as none)."""
    found = db.session.get(UserSession, session_id) if is_id(session_id) else None
    if found is None or found.user_id != user.id:
        raise DomainError("not_found", _("No such session."), status=404)
    return found


def end_session(user: User, session: UserSession) -> None:
    """Sign one browser out; its cookie, and any copy of it, opens nothing from now on."""
    if session.user_id != user.id:
        raise DomainError("not_found", _("No such session."), status=404)
    if session.revoked_at is None:
        session.revoked_at = utcnow()
        record(user, "session.ended", session, device=session.device)


def end_sessions(user: User, keep: UserSession | None = None) -> int:
    """Sign the user out of every browser (but `keep`); how many sessions ended."""
    now = utcnow()
    query = (sa.update(UserSession)
             .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None),
                    UserSession.expires_at > now)
             .values(revoked_at=now)
             .execution_options(synchronize_session="fetch"))
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    return db.session.execute(query).rowcount or 0


def sign_out_everywhere(user: User) -> int:
    """The user ends every signed-in browser, this one included; API tokens stay (each has
    its own revoke). How many sessions ended."""
    ended = end_sessions(user)
    record(user, "session.ended_everywhere", user, sessions=ended)
    return ended
