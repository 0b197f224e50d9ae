"""`govhub remind`: tell owners of open items that are due soon or overdue.

Run it from cron once a day or more often. For each community, "today" is its own
calendar day. An open item due from today to today + `within_days` gets a due-soon
reminder, an open item past its due day an overdue one, at most once per item, kind and
day: the reminder is recorded in action_reminders, whose unique key (item, kind, day)
makes a second run (even a concurrent one) send nothing more. Each owner gets one
notification per kind, counting their items (grouped like every other notification).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.accountability.alerts import item_data, path
from govhub.accountability.models import ActionReminder, ReminderKind
from govhub.actions.models import ActionItem
from govhub.actions.rules import OPEN, local_today
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify

WITHIN_DAYS_MAX = 60
KINDS = {ReminderKind.DUE_SOON: "actions.due_soon", ReminderKind.OVERDUE: "actions.overdue"}


@dataclass
class Reminded:
    due_soon: int = 0
    overdue: int = 0
    owners: set[int] = field(default_factory=set)
    already: int = 0      # reminders of today that an earlier run sent


def _candidates(community: Community, today, within_days: int) -> list[ActionItem]:
    return list(db.session.scalars(
        sa.select(ActionItem).where(
            ActionItem.community_id == community.id, ActionItem.status.in_(OPEN),
            ActionItem.due_on <= today + timedelta(days=within_days))
        .options(orm.joinedload(ActionItem.owner), orm.joinedload(ActionItem.resolution))
        .order_by(ActionItem.due_on, ActionItem.id)))


def _record(rows: list[dict]) -> set[tuple[int, ReminderKind]]:
    """Insert the reminders no run has recorded yet; which ones this run inserted."""
    if not rows:
        return set()
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (insert(ActionReminder).values(rows)
                 .on_conflict_do_nothing(index_elements=["item_id", "kind", "day"])
                 .returning(ActionReminder.item_id, ActionReminder.kind))
    return {(item_id, ReminderKind(kind)) for item_id, kind in db.session.execute(statement)}


def _already(item_ids: list[int], day) -> set[tuple[int, ReminderKind]]:
    return {(item_id, ReminderKind(kind)) for item_id, kind in db.session.execute(
        sa.select(ActionReminder.item_id, ActionReminder.kind).where(
            ActionReminder.item_id.in_(item_ids), ActionReminder.day == day))}


def remind_community(community: Community, within_days: int, now: datetime,
                     dry_run: bool = False, found: Reminded | None = None) -> Reminded:
    found = found or Reminded()
    today = local_today(now, community.timezone)
    items = _candidates(community, today, within_days)
    if not items:
        return found
    kind_of = {item.id: ReminderKind.OVERDUE if item.due_on < today else ReminderKind.DUE_SOON
               for item in items}
    earlier = _already([item.id for item in items], today)
    found.already += sum((item.id, kind_of[item.id]) in earlier for item in items)
    due = [item for item in items if (item.id, kind_of[item.id]) not in earlier]
    if dry_run:
        sent = {(item.id, kind_of[item.id]) for item in due}
    else:
        sent = _record([{"item_id": item.id, "kind": kind_of[item.id], "day": today,
                         "user_id": item.owner_id, "created_at": now} for item in due])
    by_owner: dict[tuple[int, ReminderKind], list[ActionItem]] = {}
    for item in due:
        if (item.id, kind_of[item.id]) in sent:
            by_owner.setdefault((item.owner_id, kind_of[item.id]), []).append(item)
    for (owner_id, kind), owned in by_owner.items():
        found.owners.add(owner_id)
        if kind == ReminderKind.OVERDUE:
            found.overdue += len(owned)
        else:
            found.due_soon += len(owned)
        if not dry_run:
            _notify(community, owned, kind)
    return found


def _notify(community: Community, items: list[ActionItem], kind: ReminderKind) -> None:
    first = items[0]
    notify([first.owner], KINDS[kind], item_data(first), path("actions.show", item_id=first.id),
           group=kind.value, subjects=[item.id for item in items],
           digest_link=path("actions.index", slug=community.slug, owner=first.owner_id,
                            due="overdue" if kind == ReminderKind.OVERDUE else None, open=1))


def send_reminders(within_days: int = 3, now: datetime | None = None,
                   communities: list[Community] | None = None,
                   dry_run: bool = False) -> Reminded:
    """Remind every owner of open items due within `within_days` days or overdue."""
    if (isinstance(within_days, bool) or not isinstance(within_days, int)
            or not 0 <= within_days <= WITHIN_DAYS_MAX):
        raise ValueError(f"within_days is a whole number from 0 to {WITHIN_DAYS_MAX}")
    now = now or utcnow()
    if communities is None:
        communities = list(db.session.scalars(sa.select(Community).order_by(Community.id)))
    found = Reminded()
    for community in communities:
        remind_community(community, within_days, now, dry_run, found)
    return found
