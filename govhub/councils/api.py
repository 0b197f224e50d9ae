"""JSON routes for councils and their members: the same permissions and services as the pages.

Each handler loads, authorises, calls a service, commits once and answers.
Bodies are checked for shape by the schemas (422 with `fields`); business
rules answer from the services (400 with `field`, 409 for a conflict).
"""

from __future__ import annotations

import functools

from flask import g

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.auth.queries import find_user, user_by_username
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.councils import api_bp, permissions, services
from govhub.councils.models import Council
from govhub.councils.queries import (
    councils_of,
    get_council_or_404,
    members_of,
    membership_or_404,
)
from govhub.councils.schemas import (
    CouncilCreateSchema,
    CouncilSchema,
    CouncilUpdateSchema,
    CouncilWithMembersSchema,
    MemberCreateSchema,
    MemberSchema,
    MemberUpdateSchema,
)
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)


def _with_members(council: Council) -> dict:
    actor = g.api_user
    members = None
    if permissions.can_see_members(actor, council):
        members = members_of(council,
                             include_inactive=permissions.can_manage_council(actor, council))
    return {"council": council, "members": members}


@api_bp.get("/communities/<slug>/councils")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, CouncilSchema(many=True))
@errors(401, 404)
def list_councils(slug):
    """The councils of a community. Public."""
    community = get_community_or_404(slug)
    db.session.commit()  # keeps the token's last-used time
    return councils_of(community.id)


@api_bp.post("/communities/<slug>/councils")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CouncilCreateSchema)
@api_bp.response(201, CouncilSchema)
@errors(401, 403, 404, 422)
def create_council(body, slug):
    """Found a council in a community, with its kind and rule set (the community's staff)."""
    community = get_community_or_404(slug)
    require(permissions.can_create_council(g.api_user, community))
    council = services.create_council(
        g.api_user, community, body["name"], body["kind"], name_en=body["name_en"],
        description=body["description"], rule_set=body["rule_set"],
        max_proxies=body["max_proxies"])
    db.session.commit()
    return council


@api_bp.get("/councils/<int:council_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, CouncilWithMembersSchema)
@errors(401, 404)
def get_council(council_id):
    """A council and its rule set; its members for the community's residents and staff."""
    council = get_council_or_404(council_id)
    require(permissions.can_view_council(g.api_user, council))
    db.session.commit()
    return _with_members(council)


@api_bp.patch("/councils/<int:council_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CouncilUpdateSchema)
@api_bp.response(200, CouncilSchema)
@errors(401, 403, 404, 422)
def update_council(body, council_id):
    """Change a council's names, kind, description, rule set or proxy limit (staff)."""
    council = get_council_or_404(council_id)
    require(permissions.can_manage_council(g.api_user, council))
    current = {"name": council.name, "name_en": council.name_en, "kind": council.kind.value,
               "description": council.description, "rule_set": council.rule_set,
               "max_proxies": council.max_proxies_per_holder}
    services.update_council(g.api_user, council, **{**current, **body})
    db.session.commit()
    return council


@api_bp.post("/councils/<int:council_id>/members")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MemberCreateSchema)
@api_bp.response(201, MemberSchema)
@errors(400, 401, 403, 404, 409, 422)
def seat_member(body, council_id):
    """Seat a person of the community (by username or user_id) with a role and a vote weight.

    Seating someone who was unseated before makes their old membership active again.
    """
    council = get_council_or_404(council_id)
    require(permissions.can_manage_council(g.api_user, council))
    user = (user_by_username(body["username"]) if "username" in body
            else find_user(body["user_id"]))
    membership = services.seat_member(g.api_user, council, user, body["role"],
                                      body["vote_weight"])
    db.session.commit()
    return membership


@api_bp.patch("/councils/<int:council_id>/members/<int:membership_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(MemberUpdateSchema)
@api_bp.response(200, MemberSchema)
@errors(400, 401, 403, 404, 422)
def update_member(body, council_id, membership_id):
    """Change a member's role or vote weight (staff)."""
    council = get_council_or_404(council_id)
    membership = membership_or_404(council, membership_id)
    require(permissions.can_manage_council(g.api_user, council))
    services.update_member(g.api_user, membership, body.get("role", membership.role.value),
                           body.get("vote_weight", membership.vote_weight))
    db.session.commit()
    return membership


@api_bp.delete("/councils/<int:council_id>/members/<int:membership_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, MemberSchema)
@errors(401, 403, 404, 409)
def unseat_member(council_id, membership_id):
    """Unseat a member (staff). The membership stays on record, with active: false."""
    council = get_council_or_404(council_id)
    membership = membership_or_404(council, membership_id)
    require(permissions.can_manage_council(g.api_user, council))
    services.unseat_member(g.api_user, membership)
    db.session.commit()
    return membership
