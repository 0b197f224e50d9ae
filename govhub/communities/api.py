"""JSON routes for communities (public)."""

from __future__ import annotations

import marshmallow as ma

from govhub.api.schemas import WholeNumber
from govhub.communities import api_bp
from govhub.communities.queries import all_communities


class CommunitySchema(ma.Schema):
    id = WholeNumber()
    slug = ma.fields.String()
    name = ma.fields.String()
    name_en = ma.fields.String()
    description = ma.fields.String()
    timezone = ma.fields.String()
    locale = ma.fields.String()


@api_bp.get("/communities")
@api_bp.response(200, CommunitySchema(many=True))
def list_communities():
    """Every community this GovHub serves. Public."""
    return all_communities()
