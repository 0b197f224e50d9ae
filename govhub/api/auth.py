"""Bearer-token authentication for API endpoints."""

from __future__ import annotations

import functools

from flask import g, request
from flask_babel import gettext as _

from govhub.core.errors import DomainError


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def token_required(fn):
    """Load the token's user into g.api_user (and current_user), or answer 401."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        # Imported here: the auth package's own API imports this module, so a
        # feature that imports this module first would otherwise close a cycle.
        from govhub.auth.services import find_token, touch_token

        token = find_token(bearer_token())
        if token is None:
            raise DomainError(
                "unauthorized",
                _("Send a valid API token: Authorization: Bearer <token>."),
                status=401,
            )
        touch_token(token)
        g.api_token = token
        g.api_user = token.user
        g._login_user = token.user
        return fn(*args, **kwargs)

    return wrapper


def optional_token(fn):
    """For endpoints anyone may read: a sent token must be valid (else 401);
    without one the request is anonymous and g.api_user is None."""
    required = token_required(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if "Authorization" in request.headers:
            return required(*args, **kwargs)
        g.api_user = None
        return fn(*args, **kwargs)

    return wrapper
