"""JSON routes for residents' proposals: the same loader, permissions and services as the
pages.

Each handler loads (a draft that is not yours answers 404, like one that does not exist),
authorises, calls a service, commits once and answers. Bodies are checked for shape by
the schemas (422 with `fields`); business rules answer from the services (400 with
`field`; 409 when the proposal's state does not allow it, or you already did it).
Public answers name people by display name only, never by contact data.
"""

from __future__ import annotations

import functools
import math

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.proposals import api_bp, permissions, queries, rules, search, services
from govhub.proposals.models import CoauthorStatus, Proposal
from govhub.proposals.photo_api import photo_payload
from govhub.proposals.schemas import (
    ProposalCreateSchema,
    ProposalDetailSchema,
    ProposalPageSchema,
    ProposalSchema,
    ProposalsQuerySchema,
    ProposalUpdateSchema,
    SettingsSchema,
    SettingsUpdateSchema,
    SimilarQuerySchema,
    SupportersPageSchema,
    SupportersQuerySchema,
    SupportResultSchema,
    WithdrawSchema,
    decimal_text,
)

errors = functools.partial(error_responses, api_bp)


# --- payloads ----------------------------------------------------------------------------------

def proposal_payload(proposal: Proposal) -> dict:
    """What a list shows of a proposal: its author is loaded with the page, nothing else is
    read, so a page costs the same statements whatever its length."""
    return {
        "id": proposal.id, "community_id": proposal.community_id,
        "council_id": proposal.council_id, "title": proposal.title,
        "category": str(proposal.category), "state": str(proposal.state),
        "author": {"display_name": proposal.author.display_name},
        "threshold": proposal.threshold, "support_count": proposal.support_count,
        "published_at": proposal.published_at, "expires_on": proposal.expires_on,
        "agenda_item_id": proposal.agenda_item_id,
    }


def detail_payload(proposal: Proposal, actor) -> dict:
    """A proposal's page as data, with what the token's user may do with it."""
    yours = queries.supports(actor, proposal) if actor is not None else None
    return {
        **proposal_payload(proposal), "body": proposal.body,
        "created_at": proposal.created_at, "reached_at": proposal.reached_at,
        "meeting_id": proposal.agenda_item.meeting_id if proposal.agenda_item else None,
        "answer_due_on": proposal.answer_due_on, "answered_at": proposal.answered_at,
        "reason": proposal.reason, "merged_into_id": proposal.merged_into_id,
        "your_support": yours,
        "may_support": bool(not yours and proposal.state in rules.OPEN_FOR_SUPPORT
                            and permissions.can_support(actor, proposal)),
        "may_edit": permissions.can_edit_draft(actor, proposal),
        "coauthors": [{"display_name": c.user.display_name} for c in proposal.coauthorships
                      if c.status == CoauthorStatus.ACCEPTED],
        "photos": [photo_payload(photo) for photo in proposal.photos],
    }


def settings_payload(council_id: int) -> dict:
    settings = queries.settings_of(council_id)
    return {"council_id": council_id, "threshold_kind": str(settings.threshold_kind),
            "threshold_value": decimal_text(settings.threshold_value),
            "time_limit_days": settings.time_limit_days,
            "answer_working_days": settings.answer_working_days,
            "supports_public": settings.supports_public, "is_default": settings.is_default}


def _page(filters: queries.ListFilters, query: dict) -> dict:
    page = queries.proposals_page(filters, query["page"], query["per_page"])
    answer = {"items": [proposal_payload(proposal) for proposal in page.items],
              "page": page.page, "pages": page.pages, "per_page": page.per_page,
              "total": page.total}
    db.session.commit()  # keeps the token's last-used time
    return answer


def _filters(query: dict, **where) -> queries.ListFilters:
    states = tuple(dict.fromkeys(rules.ProposalState(state) for state in query.get("state", [])))
    return queries.ListFilters(states=states, category=query.get("category"),
                               sort=query["sort"], query=query["q"], **where)


# --- lists -------------------------------------------------------------------------------------

@api_bp.get("/councils/<int:council_id>/proposals")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(ProposalsQuerySchema, location="query")
@api_bp.response(200, ProposalPageSchema)
@errors(401, 404, 422)
def list_council_proposals(query, council_id):
    """A council's proposals (never drafts), filtered and sorted, a page at a time. Public."""
    council = get_council_or_404(council_id)
    return _page(_filters(query, council_id=council.id), query)


@api_bp.get("/communities/<slug>/proposals")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(ProposalsQuerySchema, location="query")
@api_bp.response(200, ProposalPageSchema)
@errors(401, 404, 422)
def list_community_proposals(query, slug):
    """The proposals to all of a community's councils (never drafts), as above. Public."""
    community = get_community_or_404(slug)
    return _page(_filters(query, community_id=community.id), query)


@api_bp.get("/councils/<int:council_id>/proposals/similar")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(SimilarQuerySchema, location="query")
@api_bp.response(200, ProposalSchema(many=True))
@errors(401, 404, 422)
def similar_to(query, council_id):
    """The council's public proposals most like a new one (title and text), most similar
    first, at most five: show them before publishing, so a resident can support one."""
    council = get_council_or_404(council_id)
    found = search.similar_proposals(council.id, query["title"], query["body"])
    answer = [proposal_payload(proposal) for proposal in found]
    db.session.commit()  # keeps the token's last-used time
    return answer


# --- writing -----------------------------------------------------------------------------------

@api_bp.post("/councils/<int:council_id>/proposals")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ProposalCreateSchema)
@api_bp.response(201, ProposalDetailSchema)
@errors(400, 401, 403, 404, 422)
def create_proposal(body, council_id):
    """Propose something to a council (confirmed residents of its community): a draft, or
    published at once with `publish: true` (your support is its first).

    Refusals: title_required, body_required (400: only spaces), forbidden (403).
    """
    council = get_council_or_404(council_id)
    require(permissions.can_propose(g.api_user, council),
            _("Only confirmed residents of the community can make proposals."))
    proposal = services.create_proposal(g.api_user, council, title=body["title"],
                                        body=body["body"], category=body["category"],
                                        publish=body["publish"])
    db.session.commit()
    return detail_payload(proposal, g.api_user)


@api_bp.get("/proposals/<int:proposal_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, ProposalDetailSchema)
@errors(401, 404)
def get_proposal(proposal_id):
    """A proposal: its text, supports and threshold, where it is queued, and what you may do.
    A draft answers 404 to everyone but its author and the community's staff."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    answer = detail_payload(proposal, g.api_user)
    db.session.commit()
    return answer


@api_bp.patch("/proposals/<int:proposal_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ProposalUpdateSchema)
@api_bp.response(200, ProposalDetailSchema)
@errors(400, 401, 403, 404, 422)
def update_proposal(body, proposal_id):
    """Edit your draft's title, body or category (a published proposal no longer changes:
    403)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.can_edit_draft(g.api_user, proposal))
    current = {"title": proposal.title, "body": proposal.body, "category": proposal.category}
    services.update_draft(g.api_user, proposal, **{**current, **body})
    db.session.commit()
    return detail_payload(proposal, g.api_user)


@api_bp.post("/proposals/<int:proposal_id>/publish")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, ProposalDetailSchema)
@errors(401, 403, 404, 409)
def publish_proposal(proposal_id):
    """Publish your draft: its threshold is fixed, its time limit starts and your support
    counts first. Refusals: transition_not_allowed (409: it is not a draft)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.is_author(g.api_user, proposal))
    services.publish_proposal(g.api_user, proposal)
    db.session.commit()
    return detail_payload(proposal, g.api_user)


@api_bp.post("/proposals/<int:proposal_id>/withdraw")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(WithdrawSchema)
@api_bp.response(200, ProposalDetailSchema)
@errors(400, 401, 403, 404, 409, 422)
def withdraw_proposal(body, proposal_id):
    """Withdraw your draft or published proposal, saying why (its supports stay on record).

    Refusals: reason_required (400: only spaces), transition_not_allowed (409: queued,
    answered or closed).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.is_author(g.api_user, proposal))
    services.withdraw_proposal(g.api_user, proposal, body["reason"])
    db.session.commit()
    return detail_payload(proposal, g.api_user)


# --- supports ----------------------------------------------------------------------------------

@api_bp.put("/proposals/<int:proposal_id>/support")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, SupportResultSchema)
@errors(401, 403, 404, 409)
def support_proposal(proposal_id):
    """Add your support (confirmed residents of the proposal's community). The support that
    reaches the threshold queues the proposal onto the council's next meeting.

    Refusals: already_supported, not_open (409: it does not collect supports).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.can_support(g.api_user, proposal),
            _("Only confirmed residents of the community can support its proposals."))
    reached = services.support_proposal(g.api_user, proposal)
    db.session.commit()
    return {"support_count": proposal.support_count, "state": str(proposal.state),
            "threshold": proposal.threshold, "reached": reached}


@api_bp.delete("/proposals/<int:proposal_id>/support")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404, 409)
def withdraw_support(proposal_id):
    """Take your support back while the proposal collects supports.

    Refusals: support_signed (409: the threshold was reached, or it closed), not_supported
    (409), author_support (409: an author withdraws the proposal instead).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(permissions.can_support(g.api_user, proposal))
    services.withdraw_support(g.api_user, proposal)
    db.session.commit()


@api_bp.get("/proposals/<int:proposal_id>/supporters")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.arguments(SupportersQuerySchema, location="query")
@api_bp.response(200, SupportersPageSchema)
@errors(401, 403, 404, 422)
def list_supporters(query, proposal_id):
    """Who supports a proposal (display names, online or on paper, and when), 100 a page:
    for everyone when the council makes supports public, otherwise for the community's
    staff only (403)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    settings = queries.settings_of(proposal.council_id)
    require(permissions.can_see_supporters(g.api_user, proposal, settings.supports_public),
            _("This council shows how many support a proposal, not who."))
    supporters, total = queries.supporters_page(proposal.id, query["page"])
    db.session.commit()
    return {"items": supporters, "page": query["page"], "total": total,
            "pages": math.ceil(total / queries.SUPPORTERS_PER_PAGE)}


# --- a council's settings ------------------------------------------------------------------------

@api_bp.get("/councils/<int:council_id>/proposal-settings")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, SettingsSchema)
@errors(401, 404)
def get_settings(council_id):
    """A council's threshold, time limit and answer deadline for proposals (its own, or
    GovHub's defaults: is_default). Public."""
    council = get_council_or_404(council_id)
    answer = settings_payload(council.id)
    db.session.commit()
    return answer


@api_bp.put("/councils/<int:council_id>/proposal-settings")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(SettingsUpdateSchema)
@api_bp.response(200, SettingsSchema)
@errors(400, 401, 403, 404, 422)
def save_settings(body, council_id):
    """Set a council's proposal settings (the community's staff). Proposals already
    published keep their threshold.

    Refusals: invalid_settings (400: a threshold of zero, a share above 1, an absolute
    threshold with a fraction).
    """
    council = get_council_or_404(council_id)
    require(permissions.can_manage_settings(g.api_user, council))
    services.save_settings(g.api_user, council, **body)
    db.session.commit()
    return settings_payload(council.id)
