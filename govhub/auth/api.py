"""JSON routes: tokens and the signed-in user."""

from __future__ import annotations

from flask import g
from flask_limiter.util import get_remote_address

from govhub.api import BEARER
from govhub.api.auth import token_required
from govhub.api.schemas import ErrorResponseSchema
from govhub.auth import api_bp, services
from govhub.auth.schemas import TokenRequestSchema, TokenSchema, UserSchema
from govhub.core.errors import DomainError
from govhub.extensions import db

RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again.",
                               "schema": {"type": "integer"}}}


@api_bp.post("/tokens")
@api_bp.arguments(TokenRequestSchema)
@api_bp.response(201, TokenSchema)
@api_bp.alt_response(401, schema=ErrorResponseSchema, description="Wrong username or password.")
@api_bp.alt_response(429, schema=ErrorResponseSchema, headers=RETRY_AFTER,
                     description="Too many failed sign-ins for this account or from this "
                                 "address; error.retry_after and the Retry-After header say "
                                 "how many seconds to wait.")
def create_token(body):
    """Exchange a username and password for a bearer token."""
    try:
        user = services.authenticate(body["username"], body["password"], get_remote_address())
    except DomainError:
        db.session.commit()  # keep the audit record of the failed attempt
        raise
    token, plain = services.issue_token(user, body["name"], body["days"])
    services.record_login(user, via="api")
    db.session.commit()
    return {"id": token.id, "token": plain, "prefix": token.prefix, "name": token.name,
            "expires_at": token.expires_at}


@api_bp.delete("/tokens/current")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@api_bp.alt_response(401, schema=ErrorResponseSchema)
def revoke_current_token():
    """Revoke the token this request was sent with (sign out of the API)."""
    services.revoke_token(g.api_user, g.api_token)
    db.session.commit()


@api_bp.get("/me")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, UserSchema)
@api_bp.alt_response(401, schema=ErrorResponseSchema)
def me():
    """The user the token belongs to."""
    db.session.commit()  # keeps the token's last-used time
    return g.api_user
