"""Reading the audit trail: one object's events (a council's history), and the audit page's
filtered, scoped list with the names and places it shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.audit import permissions
from govhub.audit.models import AuditEvent
from govhub.audit.rules import person_keys
from govhub.extensions import db

PER_PAGE = 50
EXPORT_LIMIT = 10_000  # rows in one CSV; narrow the filters for more


def events_for(target_type: str, target_id: int, limit: int = 50) -> list[AuditEvent]:
    query = (
        sa.select(AuditEvent)
        .where(AuditEvent.target_type == target_type, AuditEvent.target_id == target_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Filters:
    """What the audit page shows; every field optional. `since` and `until` are aware
    moments: from `since` on, before `until`."""

    actor_id: int | None = None
    action: str | None = None
    target_type: str | None = None
    target_id: int | None = None
    community_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def scope_clause(actor):
    """SQL for "the actor may read this event", the same as permissions.can_read_event."""
    communities = permissions.readable_communities(actor)
    if communities is None:
        return sa.true()
    if not communities:
        return sa.false()
    return AuditEvent.community_id.in_(sorted(communities))


def _filtered(actor, filters: Filters) -> sa.Select:
    query = sa.select(AuditEvent).where(scope_clause(actor))
    if filters.actor_id is not None:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.target_type:
        query = query.where(AuditEvent.target_type == filters.target_type)
    if filters.target_id is not None:
        query = query.where(AuditEvent.target_id == filters.target_id)
    if filters.community_id is not None:
        query = query.where(AuditEvent.community_id == filters.community_id)
    if filters.since is not None:
        query = query.where(AuditEvent.created_at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEvent.created_at < filters.until)
    return query.options(orm.joinedload(AuditEvent.actor)).order_by(AuditEvent.id.desc())


def events_page(actor, filters: Filters, page: int = 1, per_page: int = PER_PAGE):
    """One page of the events the actor may read, newest first."""
    return db.paginate(_filtered(actor, filters), page=max(page, 1), per_page=per_page,
                       error_out=False, count=True)


def events_to_export(actor, filters: Filters, limit: int = EXPORT_LIMIT) -> list[AuditEvent]:
    """The newest `limit` events the actor may read, for the CSV."""
    return list(db.session.scalars(_filtered(actor, filters).limit(limit)).unique())


def names_of(events) -> dict[int, str]:
    """The display names of the events' actors and of the people their details name."""
    from govhub.auth.models import User

    ids = {event.actor_id for event in events if event.actor_id}
    for event in events:
        for key in person_keys(event.action):
            value = (event.data or {}).get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                ids.add(value)
    if not ids:
        return {}
    rows = db.session.execute(sa.select(User.id, User.display_name).where(User.id.in_(ids)))
    return {user_id: name for user_id, name in rows}

