"""JSON routes for co-authors of proposals: the same loader and services (coauthors.py) as
the page (coauthor_views.py)."""

from __future__ import annotations

import functools

from flask import g

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.core.roles import is_staff_of
from govhub.extensions import db
from govhub.proposals import api_bp, coauthors, permissions, queries
from govhub.proposals.coauthor_schemas import CoauthorListSchema, CoauthorSchema, InviteSchema
from govhub.proposals.models import CoauthorStatus

errors = functools.partial(error_responses, api_bp)


def coauthor_payload(coauthorship) -> dict:
    return {"user_id": coauthorship.user_id, "display_name": coauthorship.user.display_name,
            "status": str(coauthorship.status), "invited_at": coauthorship.created_at,
            "answered_at": coauthorship.answered_at}


def _list(proposal, actor) -> dict:
    everyone = (permissions.is_author(actor, proposal)
                or is_staff_of(actor, proposal.community_id))
    mine = coauthors.invitation_of(actor, proposal)
    return {"coauthors": [coauthor_payload(c) for c in proposal.coauthorships
                          if everyone or c.status == CoauthorStatus.ACCEPTED],
            "your_invitation": str(mine.status) if mine else None}


@api_bp.get("/proposals/<int:proposal_id>/coauthors")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, CoauthorListSchema)
@errors(401, 404)
def list_coauthors(proposal_id):
    """A proposal's co-authors (and, for its author and the office, the invitations)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    return _list(proposal, g.api_user)


@api_bp.post("/proposals/<int:proposal_id>/coauthors")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(InviteSchema)
@api_bp.response(201, CoauthorSchema)
@errors(400, 401, 403, 404, 409, 422)
def invite_coauthor(body, proposal_id):
    """The author invites a resident of the community to co-author (at most 5); they are
    notified and accept or decline.

    Refusals: username_required, not_a_resident, own_proposal (400), already_invited (409),
    too_many_coauthors (409), coauthors_closed (409: no longer a draft or collecting).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    invitation = coauthors.invite(g.api_user, proposal, body["username"])
    db.session.commit()
    return coauthor_payload(invitation)


def _answer(proposal_id, accept: bool):
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    coauthors.answer(g.api_user, proposal, accept)
    db.session.commit()
    return _list(proposal, g.api_user)


@api_bp.post("/proposals/<int:proposal_id>/coauthors/accept")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, CoauthorListSchema)
@errors(401, 404, 409)
def accept_coauthorship(proposal_id):
    """Accept your invitation: you co-author it, and your support counts (once, if you
    already supported it). Refusals: no_invitation (409), coauthors_closed (409)."""
    return _answer(proposal_id, True)


@api_bp.post("/proposals/<int:proposal_id>/coauthors/decline")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, CoauthorListSchema)
@errors(401, 404, 409)
def decline_coauthorship(proposal_id):
    """Decline your invitation. Refusals: no_invitation (409), coauthors_closed (409)."""
    return _answer(proposal_id, False)


@api_bp.delete("/proposals/<int:proposal_id>/coauthors/<int:user_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404, 409)
def cancel_coauthor_invitation(proposal_id, user_id):
    """The author takes back an invitation not yet answered. Refusals: no_invitation (409)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    coauthors.cancel(g.api_user, proposal, user_id)
    db.session.commit()
