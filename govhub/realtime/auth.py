"""Who is on the other end of a Socket.IO connection.

A connection authenticates once, at connect, with `auth={"token": ...}` or
the browser's session cookie. The user id and session epoch are kept in the
connection's own session (Flask-SocketIO keeps one per connection), and each
event reloads the user, so a disabled account or a changed password stops
working on open sockets too.
"""

from __future__ import annotations

from flask import g, session
from flask_login import current_user

from govhub.auth.models import User
from govhub.auth.services import find_token
from govhub.extensions import db

SOCKET_USER = "govhub.socket_user"


def authenticate_connection(auth) -> User | None:
    """The user this connection speaks for, from its token or its cookie session."""
    if isinstance(auth, dict) and auth.get("token") is not None:
        token = find_token(auth["token"]) if isinstance(auth["token"], str) else None
        user = token.user if token else None
    elif getattr(current_user, "is_authenticated", False):
        user = current_user._get_current_object()
    else:
        user = None
    if user is not None and user.is_active:
        session[SOCKET_USER] = [user.id, user.session_epoch]
        return user
    return None


def current_socket_user() -> User | None:
    """The connection's user, re-read from the database for this event."""
    remembered = session.get(SOCKET_USER)
    if not remembered:
        return None
    user = db.session.get(User, remembered[0])
    if user is None or not user.is_active or user.session_epoch != remembered[1]:
        return None
    g._login_user = user  # so that current_user and the locale selector see this user
    return user
