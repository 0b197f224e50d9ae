"""Partner organizations, their service offerings, and residents' enrolments and requests.

One sub-package per noun, each with the file names every feature uses:
organizations (and their members), offerings (with their sessions and the
keyword search), enrolments (places, the waitlist, attendance), requests
(service requests, with ratings), help (organizations helping carry out
action items) and exports (the HSDS catalogue, each organization's activity
and its CSV). They share the two blueprints below and `common.py`.
"""

from flask import Blueprint

from govhub.api import ApiBlueprint
from govhub.core.models import utcnow

bp = Blueprint("partners", __name__)
api_bp = ApiBlueprint("partners_api", __name__, url_prefix="/api/v1",
                      description="Partner organizations, their offerings and sessions; "
                                  "enrolments and service requests.")

# The API's routes register in this order, which is the order of the OpenAPI document.
from govhub.partners.organizations import api as organization_api  # noqa: E402,F401,I001
from govhub.partners.offerings import api as offering_api  # noqa: E402,F401
from govhub.partners.enrolments import api as enrolment_api  # noqa: E402,F401
from govhub.partners.requests import api as request_api  # noqa: E402,F401
from govhub.partners.exports import api as export_api  # noqa: E402,F401
from govhub.partners.help import api as help_api  # noqa: E402,F401
from govhub.partners.organizations import events as organization_events  # noqa: E402,F401
from govhub.partners.organizations import views as organization_views  # noqa: E402,F401
from govhub.partners.offerings import views as offering_views  # noqa: E402,F401
from govhub.partners.enrolments import views as enrolment_views  # noqa: E402,F401
from govhub.partners.requests import views as request_views  # noqa: E402,F401
from govhub.partners.exports import views as export_views  # noqa: E402,F401
from govhub.partners.help import views as help_views  # noqa: E402,F401
from govhub.partners.enrolments import labels as enrolment_labels  # noqa: E402
from govhub.partners.help import labels as help_labels  # noqa: E402
from govhub.partners.offerings import labels as offering_labels  # noqa: E402
from govhub.partners.organizations import labels as organization_labels  # noqa: E402
from govhub.partners.requests import labels as request_labels  # noqa: E402

@bp.record_once
def _template_helpers(state) -> None:
    """Pure helpers the partner templates call: labels, prices and times. Nothing here reads
    the database; the views pass in what the pages show."""
    from govhub.partners.common import when_text

    state.app.jinja_env.globals.update(
        organization_kind_label=organization_labels.kind_label,
        organization_status_label=organization_labels.organization_status_label,
        partner_role_label=organization_labels.member_role_label,
        category_label=offering_labels.category_label,
        offering_status_label=offering_labels.offering_status_label,
        offering_step_label=offering_labels.offering_step_label,
        mode_label=offering_labels.mode_label,
        enrolment_status_label=enrolment_labels.enrolment_status_label,
        request_status_label=request_labels.request_status_label,
        help_status_label=help_labels.help_status_label,
        price_text=offering_labels.price_text, when_text=when_text, utc_now=utcnow)
