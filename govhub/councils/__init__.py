"""Councils: their members, their rule set, their history."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("councils", __name__)
api_bp = ApiBlueprint("councils_api", __name__, url_prefix="/api/v1",
                      description="Councils and their members.")

from govhub.councils import api, join_views, views  # noqa: E402,F401
