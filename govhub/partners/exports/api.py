"""JSON routes for the exports: the HSDS 3.0 catalogue of a community's offerings."""

from __future__ import annotations

import functools

from govhub.api import OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.common import community_by_slug
from govhub.partners.exports import hsds
from govhub.partners.organizations.schemas import CommunityQuerySchema

errors = functools.partial(error_responses, api_bp)


@api_bp.get("/hsds")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(CommunityQuerySchema, location="query")
@api_bp.response(200)
@errors(401, 404, 422)
def hsds_catalogue(query):
    """The community's published offerings as HSDS 3.0 JSON: `organizations`, each an HSDS
    organization with its services (verified organizations and public offerings only).
    The same document is at /c/<community>/services/hsds.json."""
    payload = hsds.catalogue(community_by_slug(query["community"]))
    db.session.commit()
    return payload
