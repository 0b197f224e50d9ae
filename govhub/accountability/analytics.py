"""Delivery analytics for the community office: every item of a community read in one
query (with its resolution's decision time, its first check-in, its council, owner and
partner organization), then summed up by rules.py, overall and per council, category,
worker and partner organization.

The partner organization is the one that helps carry an item out
(`ActionItem.organization_id`, set when it accepts a worker's ask).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _

from govhub.accountability import rules
from govhub.actions.labels import category_label
from govhub.actions.models import ActionItem, ActionUpdate
from govhub.actions.rules import FINISHED, ActionCategory, ActionStatus
from govhub.actions.rules import local_today as community_today
from govhub.auth.models import User
from govhub.core.models import UTCDateTime, utcnow
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.partners.organizations.models import Organization
from govhub.voting.models import Resolution


@dataclass
class Row:
    """One item as the analytics and the exports see it."""

    item: ActionItem
    council: Council | None
    owner: User
    decided_at: datetime | None
    first_check_in_at: datetime | None
    organization_id: int | None
    organization_name: str | None
    facts: rules.Facts

    @property
    def started_at(self) -> datetime:
        return self.decided_at or self.item.created_at


@dataclass
class Delivery:
    today: date
    rows: list[Row]
    summary: rules.Summary
    dimensions: dict[str, list[rules.Group]] = field(default_factory=dict)
    public_only: bool = False


def _query(community_id: int, public_only: bool) -> sa.Select:
    first = (sa.select(ActionUpdate.item_id,
                       sa.func.min(ActionUpdate.created_at, type_=UTCDateTime()).label("at"))
             .group_by(ActionUpdate.item_id).subquery())
    query = (sa.select(ActionItem, Council, User, Resolution.decided_at, first.c.at,
                       Organization.name)
             .join(User, User.id == ActionItem.owner_id)
             .outerjoin(Council, Council.id == ActionItem.council_id)
             .outerjoin(Resolution, Resolution.id == ActionItem.resolution_id)
             .outerjoin(first, first.c.item_id == ActionItem.id)
             .outerjoin(Organization, Organization.id == ActionItem.organization_id)
             .where(ActionItem.community_id == community_id)
             .order_by(ActionItem.id))
    if public_only:
        query = query.where(ActionItem.is_public.is_(True))
    return query


def _facts(item: ActionItem, started: datetime, first_at: datetime | None, today: date,
           timezone: str, dims: dict) -> rules.Facts:
    finished = item.status in FINISHED
    return rules.Facts(
        item_id=item.id, finished=finished, verified=item.status == ActionStatus.VERIFIED,
        days_to_first_action=rules.days_between(started, first_at),
        days_to_done=rules.days_between(started, item.done_at) if finished else None,
        punctuality=rules.punctuality(item.due_on, finished, item.done_at, today, timezone),
        dims=dims)


def rows_of(community, public_only: bool = False, now: datetime | None = None
            ) -> tuple[date, list[Row]]:
    """Every item of the community (or its public ones), oldest first, in one query."""
    today = community_today(now or utcnow(), community.timezone)
    rows = []
    for found in db.session.execute(_query(community.id, public_only)):
        item, council, owner, decided_at, first_at, org_name = found
        org_id = item.organization_id
        dims = {"council": item.council_id, "category": item.category.value,
                "worker": item.owner_id, "organization": org_id}
        started = decided_at or item.created_at
        rows.append(Row(item, council, owner, decided_at, first_at, org_id, org_name,
                        _facts(item, started, first_at, today, community.timezone, dims)))
    return today, rows


def _labels(rows: list[Row], names: bool) -> dict[str, Callable[[object], str]]:
    locale = str(get_locale())
    councils = {row.item.council_id: row.council.display_name(locale)
                for row in rows if row.council is not None}
    owners = {row.owner.id: row.owner.display_name for row in rows}
    organizations = {row.organization_id: row.organization_name for row in rows
                     if row.organization_id is not None}
    return {
        "council": lambda key: councils.get(key) if key is not None
        else _("No council (the office's own work)"),
        "category": lambda key: category_label(ActionCategory(key)),
        "worker": lambda key: owners.get(key, "") if names else _("Community worker"),
        "organization": lambda key: organizations.get(key, "") if key is not None
        else _("No partner organization"),
    }


def delivery(community, public_only: bool = False, with_workers: bool = True,
             now: datetime | None = None) -> Delivery:
    """The community's delivery figures, overall and per dimension (workers by name: for
    the office's own page, never for an export)."""
    today, rows = rows_of(community, public_only, now)
    facts = [row.facts for row in rows]
    labels = _labels(rows, names=with_workers)
    dimensions = ["council", "category", "worker", "organization"]
    if not with_workers:
        dimensions.remove("worker")
    return Delivery(
        today=today, rows=rows, summary=rules.summarize(facts), public_only=public_only,
        dimensions={name: rules.group_by(facts, name, labels[name]) for name in dimensions})
