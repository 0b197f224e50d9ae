"""Who is on the other end of a Socket.IO connection.

A connection authenticates once, at connect, with `auth={"token": ...}` or
the browser's session cookie; the user id and the credential it came with
(the API token's or the browser session's kind and id) are kept with the
connection (in its handshake's WSGI environ, which every event of the
connection shares, with or without a request context). Each event reloads
the user together with that credential in one statement, so a revoked or
expired token, a signed-out browser or a disabled account stops working on
open sockets too; and the sweep (realtime/expiry.py) reads the credential
here to disconnect the connection once it has ended.

A projector or a public audience connects without an account as a Viewer
(`auth={"view": true}`, or `{"projector_key": ...}` for a private meeting's
view-only link): it may watch the rooms it is allowed to see, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, request
from flask_babel import refresh

from govhub.auth import credentials
from govhub.auth.credentials import Credential
from govhub.auth.models import User
from govhub.auth.services import find_token
from govhub.auth.web import current_session
from govhub.web.locale import browser_locale

CONNECTION = "govhub.live_connection"  # the environ key of what a connection remembers
SOCKET_USER = "user"
SOCKET_VIEWER = "viewer"
SOCKET_LOCALE = "locale"
KEY_MAX = 64


class Viewer:
    """A view-only connection: no account, no vote, no voice."""

    is_authenticated = False
    is_anonymous = True
    is_active = True
    is_confirmed = False
    id = None
    locale = None

    def __init__(self, projector_key: str | None = None):
        self.projector_key = projector_key


def remembered(environ: dict | None = None) -> dict:
    """What GovHub remembers about a live connection (the current one by default)."""
    environ = request.environ if environ is None else environ
    return environ.setdefault(CONNECTION, {})


def authenticate_connection(auth) -> User | Viewer | None:
    """The user (or viewer) this connection speaks for, or None to refuse it."""
    auth = auth if isinstance(auth, dict) else {}
    connection = remembered()
    # The handshake's cookie and headers stay the same for the whole connection.
    connection[SOCKET_LOCALE] = browser_locale()
    user, credential = None, None
    if auth.get("token") is not None:
        token = find_token(auth["token"]) if isinstance(auth["token"], str) else None
        if token is not None:
            user, credential = token.user, credentials.of_token(token)
    elif (session := current_session()) is not None:
        user, credential = session.user, credentials.of_session(session)
    if user is not None and user.is_active:
        connection[SOCKET_USER] = [user.id, credential.kind, credential.id]
        return user
    if auth.get("token") is None and (auth.get("view") is True or _key(auth) is not None):
        connection[SOCKET_VIEWER] = _key(auth) or ""
        return Viewer(_key(auth))
    return None


def _key(auth: dict) -> str | None:
    key = auth.get("projector_key")
    return key if isinstance(key, str) and 0 < len(key) <= KEY_MAX else None


@dataclass(frozen=True)
class SocketIdentity:
    """Who a connection signed in as, without reading the database.

    For the one event that must be cheap (a ballot in a burst of thousands):
    whoever uses it checks the account, in bulk, before acting on it.
    """

    id: int
    credential: Credential  # what it connected with: a browser session or an API token
    browser_locale: str  # what the browser asked for at connect; the account's choice is not read
    is_authenticated = True


def socket_identity(environ: dict | None = None) -> SocketIdentity | Viewer | None:
    """The connection's signed-in identity as remembered at connect, or its Viewer."""
    connection = remembered(environ)
    signed_in = connection.get(SOCKET_USER)
    if not signed_in:
        key = connection.get(SOCKET_VIEWER)
        return Viewer(key or None) if key is not None else None
    user_id, kind, credential_id = signed_in
    return SocketIdentity(user_id, Credential(kind, credential_id), socket_browser_locale(environ))


def connection_credential(environ: dict) -> Credential | None:
    """What a connection signed in with (None for a viewer), read from its handshake's environ."""
    signed_in = remembered(environ).get(SOCKET_USER)
    return Credential(signed_in[1], signed_in[2]) if signed_in else None


def socket_browser_locale(environ: dict | None = None) -> str:
    """The language the connection's browser asked for at connect (not the account's choice)."""
    return (remembered(environ).get(SOCKET_LOCALE)
            or current_app.config["GOVHUB"]["default_locale"])


def current_socket_user() -> User | Viewer | None:
    """The connection's user, re-read from the database for this event while the credential
    it connected with stands (one statement), or its Viewer."""
    identity = socket_identity()
    if not isinstance(identity, SocketIdentity):
        return identity  # a Viewer, or nobody
    user = credentials.holder(identity.credential, identity.id)
    if user is None:
        return None
    g._login_user = user  # so that current_user and the locale selector see this user
    refresh()  # forget a language chosen before we knew who this is
    return user
