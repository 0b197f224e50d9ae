"""Community work admission (社区工作准入): what a community does for whom, and who decided.

One sub-package per noun, each with the file names every feature uses: catalogue (the
street's list of work items, its versions, import and export), departments (the
departments that ask, their officers, and the street's reviewers) and transparency (what a
street shows the public). They share the two
blueprints below.
"""

from flask import Blueprint

from govhub.api import ApiBlueprint

bp = Blueprint("admission", __name__)
api_bp = ApiBlueprint("admission_api", __name__, url_prefix="/api/v1",
                      description="The work-item catalogue a community's street office keeps, "
                                  "and the admission requests that add to it.")

# The API's routes register in this order, which is the order of the OpenAPI document.
from govhub.admission.catalogue import api as catalogue_api  # noqa: E402,F401,I001
from govhub.admission.transparency import api as transparency_api  # noqa: E402,F401
from govhub.admission.catalogue import views as catalogue_views  # noqa: E402,F401
from govhub.admission.departments import views as department_views  # noqa: E402,F401
from govhub.admission.transparency import views as transparency_views  # noqa: E402,F401
from govhub.admission.refusals import api as refusals_api  # noqa: E402,F401
from govhub.admission.refusals import views as refusals_views  # noqa: E402,F401
from govhub.admission.certificates import api as certificates_api  # noqa: E402,F401
from govhub.admission.certificates import views as certificates_views  # noqa: E402,F401
from govhub.admission.requests import api as requests_api  # noqa: E402,F401
from govhub.admission.requests import views as requests_views  # noqa: E402,F401
from govhub.admission.requests import timers as request_timers  # noqa: E402,F401
from govhub.admission.hours import api as hours_api  # noqa: E402,F401
from govhub.admission.hours import views as hours_views  # noqa: E402,F401
