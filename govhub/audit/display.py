"""Audit events as people read them, on the page and in the CSV: the action in words, who
did it, the object with a link to its page where it has one, the details that may be shown."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from govhub.audit.labels import action_label, detail_label, target_label
from govhub.audit.models import AuditEvent
from govhub.audit.rules import person_keys, shown_details

# The page of each kind of object that has one: (endpoint, its argument).
PAGES = {
    "councils": ("councils.show", "council_id"),
    "meetings": ("meetings.show", "meeting_id"),
    "action_items": ("actions.show", "item_id"),
    "organizations": ("partners.show", "organization_id"),
    "offerings": ("partners.offering", "offering_id"),
}


@dataclass
class Line:
    event: AuditEvent
    action: str                  # the action in words
    actor: str                   # who did it, by name
    target: str                  # "Meeting #12", or "" for an event about nothing
    target_url: str | None       # the object's page, when it has one
    community: str               # the community's name, or ""
    timezone: str | None         # the community's, for its time; None: the reader's
    details: list[tuple[str, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # the details that may be shown


def lines(events: list[AuditEvent], names: dict[int, str], communities: dict[int, Any],
          locale: str) -> list[Line]:
    return [line(event, names, communities, locale) for event in events]


def line(event: AuditEvent, names: dict[int, str], communities: dict[int, Any],
         locale: str) -> Line:
    data = shown_details(event.action, event.data)
    community = communities.get(event.community_id)
    return Line(
        event=event, action=action_label(event.action), actor=actor_name(event, names),
        target=target_text(event.target_type, event.target_id),
        target_url=target_url(event.target_type, event.target_id, community),
        community=community.display_name(locale) if community is not None else "",
        timezone=community.timezone if community is not None else None,
        details=[(detail_label(key), value_text(key, value, event.action, names))
                 for key, value in data.items()],
        data=data)


def actor_name(event: AuditEvent, names: dict[int, str]) -> str:
    if event.actor_id is None:
        return _("The system")
    return names.get(event.actor_id) or _("a former account")


def target_text(target_type: str, target_id: int | None) -> str:
    if not target_type:
        return ""
    if target_id is None:
        return target_label(target_type)
    return _("%(kind)s #%(id)s", kind=target_label(target_type), id=target_id)


def target_url(target_type: str, target_id: int | None, community) -> str | None:
    if target_type == "communities" and community is not None:
        return url_for("communities.community_page", slug=community.slug)
    page = PAGES.get(target_type)
    if page is None or target_id is None:
        return None
    endpoint, argument = page
    return url_for(endpoint, **{argument: target_id})


def value_text(key: str, value: Any, action: str, names: dict[int, str]) -> str:
    """One detail's value for people: a person by name, yes/no, a list or mapping compactly."""
    if key in person_keys(action) and isinstance(value, int) and not isinstance(value, bool):
        return names.get(value) or _("a former account")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


CSV_COLUMNS = ["id", "time_utc", "actor_id", "actor", "action", "action_label", "object_type",
               "object_label", "object_id", "community_id", "community", "details"]


def csv_rows(found: list[Line]) -> list[list]:
    """The header and one row per event; `details` is the shown details as JSON."""
    rows: list[list] = [CSV_COLUMNS]
    for item in found:
        event = item.event
        rows.append([
            event.id, event.created_at.isoformat(), event.actor_id, item.actor, event.action,
            item.action, event.target_type, target_label(event.target_type)
            if event.target_type else "", event.target_id, event.community_id, item.community,
            json.dumps(item.data, ensure_ascii=False, sort_keys=True, default=str)
            if item.data else ""])
    return rows
