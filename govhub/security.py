"""Response headers that make the browser an ally (CSP, framing, sniffing); the session cookie."""

from __future__ import annotations

from flask import Flask, Response
from flask.sessions import SecureCookieSessionInterface

# No inline scripts or styles anywhere; websockets go to the same origin.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def set_security_headers(response: Response, secure: bool) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


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
    secure = app.config["SESSION_COOKIE_SECURE"]
    app.after_request(lambda response: set_security_headers(response, secure))
