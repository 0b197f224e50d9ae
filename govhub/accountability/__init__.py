"""Public accountability for action items: following resolutions, notifications and their
digests, `govhub remind`, delivery analytics with open-data exports, and Atom feeds."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("accountability", __name__)
api_bp = ApiBlueprint("accountability_api", __name__, url_prefix="/api/v1",
                      description="Following resolutions.")

from govhub.accountability import alerts, api, views  # noqa: E402,F401
