"""The session cookie: Flask's signed cookie, with its signer built once per secret key."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its signer built once per secret key.

    Flask builds a new signer (deriving its keys) for every request, and
    Flask-SocketIO pushes a request context for every live event: a vote of
    two thousand phones paid for two thousand signers in a second.
    """

    _signer: tuple | None = None  # (the keys it was built with, the signer)

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if self._signer is None or self._signer[0] != keys:
            self._signer = (keys, super().get_signing_serializer(app))
        return self._signer[1]


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
