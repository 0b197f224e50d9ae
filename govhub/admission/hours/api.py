"""JSON routes for hours: a worker's own entries (list, log, edit, delete), the workload
(administrators: every worker; a worker: their own), and the public figures per community
and per street (summed over workers, never one worker's)."""

from __future__ import annotations

import functools
from datetime import timedelta

from flask import g, jsonify
from flask_babel import gettext as _

from govhub.actions.rules import local_today
from govhub.admission import api_bp
from govhub.admission.catalogue.queries import get_street
from govhub.admission.hours import permissions, queries, rules, services
from govhub.admission.hours.schemas import (
    EntriesQuerySchema,
    EntryCreateSchema,
    EntrySchema,
    EntryUpdateSchema,
    PublicHoursSchema,
    WorkloadQuerySchema,
    WorkloadSchema,
)
from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.communities.queries import get_community_or_404
from govhub.core.clock import clock
from govhub.core.guards import require
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)
ONLY_WORKERS = "Only community workers log their hours."


def entry_payload(entry, today) -> dict:
    return {"id": entry.id, "day": entry.day, "minutes": entry.minutes,
            "target_kind": entry.target_kind.value, "target_id": entry.target_id,
            "work_item_code": entry.work_item_code, "list_type": entry.list_type.value,
            "note": entry.note, "editable": rules.editable(entry.day, today)}


@api_bp.get("/hours/entries")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EntriesQuerySchema, location="query")
@api_bp.response(200, EntrySchema(many=True))
@errors(401, 403, 422)
def list_entries(query):
    """Your own time entries (workers), newest first: the last 14 days by default."""
    require(permissions.can_log_hours(g.api_user), _(ONLY_WORKERS))
    today = queries.today_of(g.api_user)
    until = query.get("until", today)
    since = query.get("since", today - timedelta(days=rules.EDIT_DAYS))
    answer = [entry_payload(e, today) for e in queries.entries_of(g.api_user.id, since, until)]
    db.session.commit()
    return answer


@api_bp.post("/hours/entries")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EntryCreateSchema)
@api_bp.response(201, EntrySchema)
@errors(400, 401, 403, 422)
def log_time(body):
    """Log minutes of a day against a work item of your community's current catalogue, an
    action item, a meeting or a submitted admission request of your community, or other
    work (with a note).

    Refusals (400): future, too_old, day_full (over 24 hours that day), required (a note
    for other work), wrong_target, no_target; forbidden (403: not a worker).
    """
    entry = services.log_time(g.api_user, body["target_kind"], body["target_id"],
                              body["minutes"], body["day"], body["note"])
    db.session.commit()
    return entry_payload(entry, queries.today_of(g.api_user))


@api_bp.patch("/hours/entries/<int:entry_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EntryUpdateSchema)
@api_bp.response(200, EntrySchema)
@errors(400, 401, 403, 404, 422)
def edit_entry(body, entry_id):
    """Change your entry's minutes, day or note (entries of the last 14 days)."""
    entry = queries.visible_entry(g.api_user, entry_id)
    services.edit_entry(g.api_user, entry, body.get("minutes", entry.minutes),
                        body.get("day", entry.day), body.get("note", entry.note))
    db.session.commit()
    return entry_payload(entry, queries.today_of(g.api_user))


@api_bp.delete("/hours/entries/<int:entry_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404)
def delete_entry(entry_id):
    """Delete your entry (of the last 14 days)."""
    entry = queries.visible_entry(g.api_user, entry_id)
    services.delete_entry(g.api_user, entry)
    db.session.commit()


@api_bp.get("/hours/workload")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(WorkloadQuerySchema, location="query")
@api_bp.response(200, WorkloadSchema)
@errors(401, 403, 422)
def workload(query):
    """Minutes per worker, week and hours type over the last `weeks` weeks (8 by default,
    at most 52): every worker for administrators, their own row for a worker."""
    require(permissions.can_view_workload(g.api_user))
    everyone = permissions.sees_every_worker(g.api_user)
    today = (local_today(clock().now(), "Asia/Shanghai") if everyone
             else queries.today_of(g.api_user))
    span = rules.week_range(today, query["weeks"])
    rows = queries.workload(span, None if everyone else g.api_user.id)
    answer = {"first": span.first.isoformat(), "last": span.last.isoformat(), "workers": [{
        "worker_id": row.worker_id, "name": row.name, "weeks": [{
            "week": cell.monday.isoformat(),
            "minutes": {kind.value: minutes for kind, minutes in cell.minutes.items()},
            "shares": {share.value: minutes for share, minutes in cell.shares.items()}}
            for cell in row.cells]} for row in rows]}
    db.session.commit()
    # Built to the schema above, and sent as it is: 200 workers' 52 weeks through
    # marshmallow's fields would cost more than the query.
    return jsonify(answer)


def _public(place: str, community_ids, zone: str) -> dict:
    months = queries.last_months(local_today(clock().now(), zone))
    figures = queries.monthly(community_ids, months[0], months[-1])
    return {"place": place, "months": [{
        "month": month.strftime("%Y-%m"),
        "minutes": {k.value: m for k, m in figures.get(month, {}).items()},
        "total_minutes": sum(figures.get(month, {}).values())} for month in months]}


@api_bp.get("/communities/<slug>/hours")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, PublicHoursSchema)
@errors(401, 404)
def community_hours(slug):
    """A community's workers' hours per month (the last 12) and hours type, summed over the
    workers. Public."""
    community = get_community_or_404(slug)
    return _public(community.name, [community.id], community.timezone)


@api_bp.get("/streets/<int:street_id>/hours")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, PublicHoursSchema)
@errors(401, 404)
def street_hours(street_id):
    """A street's communities' hours per month and hours type, summed. Public."""
    street = get_street(street_id)
    return _public(street.name, queries.street_community_ids(street.id), "Asia/Shanghai")
