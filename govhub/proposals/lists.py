"""Lists of proposals: a community's and a council's (filtered, sorted, paged; anyone may
read them), and a resident's own drafts. Also the helpers the proposal templates share."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user, login_required

from govhub.actions.labels import category_label
from govhub.actions.rules import ActionCategory, local_today
from govhub.communities.queries import get_community_or_404
from govhub.core.keyword_search import QUERY_MAX
from govhub.core.models import utcnow
from govhub.councils.queries import councils_of, get_council_or_404
from govhub.proposals import bp, labels, permissions, queries
from govhub.proposals.queries import SORTS, ListFilters
from govhub.proposals.rules import ProposalState
from govhub.web.view_helpers import page_number


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        proposal_state_label=labels.state_label, proposal_outcome=labels.outcome_text,
        proposal_supports=labels.supports_text, proposal_days_left=labels.days_left_text,
        proposal_category_label=category_label, PROPOSAL_STATES=labels.LISTED_STATES,
        PROPOSAL_SORTS=labels.SORT_LABELS, PROPOSAL_CATEGORIES=list(ActionCategory))


def _filters(**where) -> ListFilters:
    """The reader's choices from the address; anything not on offer is ignored."""
    state = request.args.get("state", "")
    category = request.args.get("category", "")
    sort = request.args.get("sort", "")
    return ListFilters(
        states=(ProposalState(state),) if state in labels.LISTED_STATES else (),
        category=category if category in set(ActionCategory) else None,
        sort=sort if sort in SORTS else "newest", query=_keywords(), **where)


def _keywords() -> str:
    """The words typed in the search box, cut as the search cuts them; control characters
    (a NUL in a crafted address) are dropped, never sent to the database."""
    typed = request.args.get("q", "")[:QUERY_MAX]
    return "".join(ch for ch in typed if ch.isprintable()).strip()


def _list(community, council, filters: ListFilters, councils):
    proposers = [c for c in councils if permissions.can_propose(current_user, c)]
    return render_template(
        "proposals/index.html", community=community, council=council, filters=filters,
        page=queries.proposals_page(filters, page_number()),
        councils={c.id: c for c in councils}, proposers=proposers,
        today=local_today(utcnow(), community.timezone),
        can_manage=council is not None and permissions.can_manage_settings(current_user, council),
        query_max=QUERY_MAX,
        state_filter=filters.states[0] if filters.states else "")


@bp.get("/c/<slug>/proposals")
def community_list(slug: str):
    community = get_community_or_404(slug)
    return _list(community, None, _filters(community_id=community.id),
                 councils_of(community.id))


@bp.get("/councils/<int:council_id>/proposals")
def council_list(council_id: int):
    council = get_council_or_404(council_id)
    return _list(council.community, council, _filters(council_id=council.id), [council])


@bp.get("/proposals/drafts")
@login_required
def drafts():
    return render_template("proposals/drafts.html", drafts=queries.drafts_of(current_user))
