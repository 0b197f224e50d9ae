"""JSON routes for the work-item catalogue (public reads)."""

from __future__ import annotations

import functools

from govhub.admission import api_bp
from govhub.admission.catalogue import queries
from govhub.admission.catalogue.labels import list_type_label
from govhub.admission.catalogue.schemas import CatalogueSchema
from govhub.api import OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token
from govhub.communities.queries import get_community_or_404

errors = functools.partial(error_responses, api_bp)


def catalogue_payload(community) -> dict:
    version, items = queries.catalogue_of(community)
    return {
        "street": version.street if version else None,
        "version": version.number if version else None,
        "published_at": version.published_at if version else None,
        "items": [{**{c.key: getattr(item, c.key) for c in item.__table__.columns},
                   "list_type": item.list_type.value,
                   "list_type_label": list_type_label(item.list_type)} for item in items],
    }


@api_bp.get("/communities/<slug>/work-items")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, CatalogueSchema)
@errors(401, 404)
def community_work_items(slug):
    """A community's work-item catalogue: its street's current version. Public."""
    return catalogue_payload(get_community_or_404(slug))
