"""Flask's session cookie, tied to a server-side UserSession (auth/sessions.py).

The cookie names the user (Flask-Login's `_user_id`) and carries the
session's key (SESSION_KEY). Flask-Login asks `load_user` on the first use
of `current_user`; it answers only while the session stands. "Keep me
signed in" makes the cookie itself last `session_lifetime_days` (a
permanent session); Flask-Login's remember-me cookie is never issued, and
one left from an older GovHub names no session, so it signs nobody in.
"""

from __future__ import annotations

from flask import g, request, session
from flask_login import current_user, login_user, logout_user

from govhub.auth import bp
from govhub.auth.models import User, UserSession
from govhub.auth.sessions import find_session, start_session, touch_session
from govhub.extensions import db, login_manager

SESSION_KEY = "govhub_session"  # the key's name in Flask's session cookie
_CURRENT = "govhub_user_session"  # where this request keeps its UserSession, on g


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The cookie's user while its server-side session stands; else nobody."""
    found = find_session(session.get(SESSION_KEY), user_id)
    if found is None:
        return None
    setattr(g, _CURRENT, found)
    return found.user


def current_session() -> UserSession | None:
    """The signed-in browser's UserSession (None for a token, or nobody)."""
    if not current_user.is_authenticated:  # loads the user, and with them the session
        return None
    return g.get(_CURRENT)


def sign_in(user: User, remember: bool = False) -> None:
    """Start a session for this browser and sign it in; the caller commits (before or after)."""
    started, key = start_session(user, request.user_agent.string)
    login_user(user)
    session[SESSION_KEY] = key
    session.permanent = bool(remember)
    setattr(g, _CURRENT, started)


def sign_out() -> None:
    """Forget the session in this browser's cookie (the caller ends it on the server)."""
    logout_user()
    session.pop(SESSION_KEY, None)
    session.permanent = False
    g.pop(_CURRENT, None)


@bp.before_app_request
def _note_the_browser_was_seen() -> None:
    """Keep a signed-in browser's session alive (at most one write a minute per browser).

    At the start of the request, before the view has changed anything, so
    that this commit carries nothing else.
    """
    if request.endpoint == "static":
        return
    seen = current_session()
    if seen is not None and touch_session(seen):
        db.session.commit()
