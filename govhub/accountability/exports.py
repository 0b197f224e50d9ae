"""Open data: the public items' delivery as CSV (one row per item) and as JSON (the
definitions, the summary, the figures per council, category and partner organization,
and the items). Nothing private: owners by role, never by name or contact; no residents'
data at all; no per-worker figures. docs/accountability.md lists every column.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import url_for
from flask_babel import gettext as _

from govhub.accountability.analytics import Delivery, Row
from govhub.actions.labels import category_label, status_label
from govhub.core import spreadsheet
from govhub.core.models import utcnow

COLUMNS = [
    "item_id", "title", "council_id", "council", "resolution_id", "resolution_decided_at",
    "category", "category_label", "owner_role", "status", "status_label", "progress",
    "due_on", "started_at", "first_check_in_at", "done_at", "verified_at",
    "organization_id", "organization", "days_to_first_action", "days_to_done",
    "due_by_now", "late", "overdue_now", "url",
]


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def item_record(row: Row, locale: str) -> dict:
    item, facts = row.item, row.facts
    record = {
        "item_id": item.id, "title": item.title, "council_id": item.council_id,
        "council": row.council.display_name(locale) if row.council is not None else None,
        "resolution_id": item.resolution_id, "resolution_decided_at": row.decided_at,
        "category": item.category.value, "category_label": category_label(item.category),
        "owner_role": str(row.owner.role), "status": item.status.value,
        "status_label": status_label(item.status), "progress": item.progress,
        "due_on": item.due_on, "started_at": row.started_at,
        "first_check_in_at": row.first_check_in_at, "done_at": item.done_at,
        "verified_at": item.verified_at, "organization_id": row.organization_id,
        "organization": row.organization_name,
        "days_to_first_action": _days(facts.days_to_first_action),
        "days_to_done": _days(facts.days_to_done),
        "due_by_now": facts.punctuality.due_by_now, "late": facts.punctuality.late,
        "overdue_now": facts.punctuality.overdue_now,
        "url": url_for("actions.show", item_id=item.id, _external=True),
    }
    return {key: _plain(value) for key, value in record.items()}


def csv_response(delivery: Delivery, locale: str, filename: str):
    """One row per item, the columns above."""
    return spreadsheet.csv_response(
        [COLUMNS, *([item_record(row, locale)[name] for name in COLUMNS]
                    for row in delivery.rows)], filename)


def definitions() -> dict[str, str]:
    return {
        "started_at": _("When the resolution was decided, for an item that carries one out; "
                        "otherwise when the item was created."),
        "days_to_first_action": _("Days from the start to the item's first check-in."),
        "days_to_done": _("Days from the start to when the item was last reported done "
                          "(finished items only)."),
        "due_by_now": _("The item is finished, or its due day has passed."),
        "late": _("Open after its due day, or done on a day after its due day."),
        "overdue_rate": _("Late items divided by items due by now."),
    }


def json_document(delivery: Delivery, community, locale: str) -> dict:
    groups = {f"by_{name}": [{"key": group.key, "label": group.label,
                              **group.summary.as_dict()} for group in found]
              for name, found in delivery.dimensions.items() if name != "worker"}
    return {
        "community": {"slug": community.slug, "name": community.display_name(locale)},
        "generated_at": utcnow().isoformat(timespec="seconds"),
        "today": delivery.today.isoformat(), "timezone": community.timezone,
        "scope": "public_items",
        "definitions": definitions(),
        "summary": delivery.summary.as_dict(),
        **groups,
        "items": [item_record(row, locale) for row in delivery.rows],
    }
