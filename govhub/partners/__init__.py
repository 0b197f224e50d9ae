"""Partner organizations, their service offerings, and residents' enrolments and requests."""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("partners", __name__)
api_bp = ApiBlueprint("partners_api", __name__, url_prefix="/api/v1",
                      description="Partner organizations, their offerings and sessions; "
                                  "enrolments and service requests.")

from govhub.partners import (  # noqa: E402,F401
    api,
    events,
    export_api,
    export_views,
    help_api,
    help_views,
    offering_views,
    service_views,
    views,
)
