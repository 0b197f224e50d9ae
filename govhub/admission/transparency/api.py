"""JSON routes for a street's public overview (the same as its page)."""

from __future__ import annotations

import functools

from govhub.admission import api_bp
from govhub.admission.catalogue.queries import all_streets, get_street
from govhub.admission.transparency import queries
from govhub.admission.transparency.schemas import StreetListSchema, StreetOverviewSchema
from govhub.api import OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token

errors = functools.partial(error_responses, api_bp)


@api_bp.get("/streets")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, StreetListSchema)
@errors(401)
def streets():
    """The street offices. Public."""
    return {"items": all_streets()}


@api_bp.get("/streets/<int:street_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, StreetOverviewSchema)
@errors(401, 404)
def street(street_id):
    """A street's communities, departments and catalogue at a glance. Public."""
    found = queries.overview(get_street(street_id))
    return {"street": found.street, "communities": found.communities,
            "departments": found.departments,
            "catalogue_version": found.version.number if found.version else None,
            "items_by_list_type": {kind.value: n for kind, n in found.counts.items()},
            "requests_by_state": {state.value: n for state, n in found.requests.items()},
            "decisions_overdue": found.overdue,
            "hours_by_type": {kind.value: n for kind, n in found.hours.items()},
            "refusals_by_department": [{"department": name, "refused": n}
                                       for name, n in found.refusals]}
