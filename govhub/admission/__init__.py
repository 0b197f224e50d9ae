"""Community work admission (社区工作准入): for now, the work-item catalogue."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("admission", __name__)
api_bp = ApiBlueprint("admission_api", __name__, url_prefix="/api/v1",
                      description="The work-item catalogue a community's street office keeps.")

from govhub.admission import api, views  # noqa: E402,F401
