"""Communities: the home page and the admin's list."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("communities", __name__)
api_bp = ApiBlueprint("communities_api", __name__, url_prefix="/api/v1",
                      description="Communities served by this GovHub.")

from govhub.communities import api, views  # noqa: E402,F401
