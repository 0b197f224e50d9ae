"""Accounts: sign-in, registration, profile, language, API tokens."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("auth", __name__)
api_bp = ApiBlueprint("auth_api", __name__, url_prefix="/api/v1",
                      description="Tokens and the signed-in user.")

from govhub.auth import api, views  # noqa: E402,F401
