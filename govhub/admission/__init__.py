"""Community work admission (社区工作准入): what a community does for whom, and who decided.

One sub-package per noun, each with the file names every feature uses: catalogue (the
street's list of work items, its versions, import and export) and departments (the
departments that ask, their officers, and the street's reviewers). They share the two
blueprints below.
"""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("admission", __name__)
api_bp = ApiBlueprint("admission_api", __name__, url_prefix="/api/v1",
                      description="The work-item catalogue a community's street office keeps.")

# The API's routes register in this order, which is the order of the OpenAPI document.
from govhub.admission.catalogue import api as catalogue_api  # noqa: E402,F401,I001
from govhub.admission.catalogue import views as catalogue_views  # noqa: E402,F401
from govhub.admission.hours import api as hours_api  # noqa: E402,F401
from govhub.admission.hours import views as hours_views  # noqa: E402,F401
