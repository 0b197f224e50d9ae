"""Action items: resolutions carried out by community workers, followed up in the open."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("actions", __name__)
api_bp = ApiBlueprint("actions_api", __name__, url_prefix="/api/v1",
                      description="Action items, their check-ins and evidence.")

from govhub.actions import api, lists, views  # noqa: E402,F401
