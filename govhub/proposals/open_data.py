"""Open data about a council's proposals: an Atom feed of its published proposals, and CSV
and JSON exports of its public proposals.

No personal data: no author, no supporter, only what the public list shows of a proposal
plus where it went (the meeting and the resolutions, when the meeting is public). The CSV
goes through core/spreadsheet.py (a byte order mark, no cell a spreadsheet runs).
Each export reads in a fixed number of statements, whatever the number of proposals.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import get_locale

from govhub.core.models import utcnow
from govhub.core.spreadsheet import csv_response
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.meetings.models import AgendaItem, Meeting
from govhub.meetings.permissions import can_view as can_view_meeting
from govhub.proposals import bp
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from govhub.voting.models import Resolution

FEED_ENTRIES = 50
COLUMNS = ["id", "title", "category", "state", "support_count", "threshold", "published_at",
           "reached_at", "answered_at", "answer_reason", "meeting_id", "resolution_ids"]


def _public(council_id: int, limit: int | None = None) -> list[Proposal]:
    query = (sa.select(Proposal).where(Proposal.council_id == council_id,
                                       Proposal.state != ProposalState.DRAFT)
             .order_by(Proposal.published_at.desc(), Proposal.id.desc()))
    return list(db.session.scalars(query.limit(limit) if limit else query))


def _where_they_went(proposals: list[Proposal]) -> dict[int, tuple[int | None, list[int]]]:
    """Agenda item id -> (its meeting's id, its resolutions' ids), public meetings only."""
    item_ids = {p.agenda_item_id for p in proposals if p.agenda_item_id is not None}
    if not item_ids:
        return {}
    rows = db.session.execute(sa.select(AgendaItem.id, Meeting).join(
        Meeting, Meeting.id == AgendaItem.meeting_id).where(AgendaItem.id.in_(item_ids))).all()
    public = {item_id: meeting.id for item_id, meeting in rows if can_view_meeting(None, meeting)}
    resolutions: dict[int, list[int]] = {}
    for item_id, resolution_id in db.session.execute(
            sa.select(Resolution.agenda_item_id, Resolution.id)
            .where(Resolution.agenda_item_id.in_(list(public))).order_by(Resolution.id)):
        resolutions.setdefault(item_id, []).append(resolution_id)
    return {item_id: (meeting_id, resolutions.get(item_id, []))
            for item_id, meeting_id in public.items()}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def records(council_id: int) -> list[dict]:
    """A council's public proposals, newest first, as open data."""
    proposals = _public(council_id)
    went = _where_they_went(proposals)
    out = []
    for proposal in proposals:
        meeting_id, resolution_ids = went.get(proposal.agenda_item_id, (None, []))
        out.append({
            "id": proposal.id, "title": proposal.title, "category": str(proposal.category),
            "state": str(proposal.state), "support_count": proposal.support_count,
            "threshold": proposal.threshold, "published_at": _iso(proposal.published_at),
            "reached_at": _iso(proposal.reached_at), "answered_at": _iso(proposal.answered_at),
            "answer_reason": proposal.reason if proposal.answered_at else "",
            "meeting_id": meeting_id, "resolution_ids": resolution_ids})
    return out


def _filename(council, ext: str) -> str:
    return f"council-{council.id}-proposals-{utcnow().date().isoformat()}.{ext}"


@bp.get("/councils/<int:council_id>/proposals.csv")
def council_csv(council_id: int):
    council = get_council_or_404(council_id)
    rows = [[record[column] if column != "resolution_ids"
             else " ".join(str(i) for i in record[column]) for column in COLUMNS]
            for record in records(council.id)]
    return csv_response([COLUMNS, *rows], _filename(council, "csv"))


@bp.get("/councils/<int:council_id>/proposals.json")
def council_json(council_id: int):
    council = get_council_or_404(council_id)
    locale = str(get_locale())
    response = current_app.json.response({
        "council": {"id": council.id, "name": council.display_name(locale)},
        "community": {"slug": council.community.slug,
                      "name": council.community.display_name(locale)},
        "generated_at": _iso(utcnow()), "scope": "public_proposals",
        "proposals": records(council.id)})
    response.headers["Content-Disposition"] = f'inline; filename="{_filename(council, "json")}"'
    return response


@bp.get("/councils/<int:council_id>/proposals.atom")
def council_feed(council_id: int):
    """The council's published proposals, latest first, each with where it stands."""
    council = get_council_or_404(council_id)
    entries = []
    for proposal in _public(council.id, FEED_ENTRIES):
        moments = [m for m in (proposal.published_at, proposal.reached_at,
                               proposal.answered_at) if m is not None]
        entries.append({"proposal": proposal,
                        "updated": max(moments, default=proposal.created_at)})
    updated = max((entry["updated"] for entry in entries), default=council.created_at)
    body = render_template("proposals/feed.xml", council=council, community=council.community,
                           entries=entries, updated=updated)
    return current_app.response_class(body, mimetype="application/atom+xml")
