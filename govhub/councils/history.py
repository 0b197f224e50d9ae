"""A council's history as sentences: who founded it, changed its rules, seated whom."""

from __future__ import annotations

from flask_babel import gettext as _

from govhub.audit.queries import events_for, names_of
from govhub.councils.labels import member_role_label, rule_set_label
from govhub.councils.models import Council


def _changes(before: dict, after: dict) -> str:
    parts = []
    if before.get("name") != after.get("name"):
        parts.append(_("renamed it from %(old)s to %(new)s",
                       old=before.get("name"), new=after.get("name")))
    if before.get("rule_set") != after.get("rule_set"):
        parts.append(_("changed the rule set from %(old)s to %(new)s",
                       old=rule_set_label(str(before.get("rule_set"))),
                       new=rule_set_label(str(after.get("rule_set")))))
    if before.get("max_proxies") != after.get("max_proxies"):
        parts.append(_("changed the proxies one member may hold from %(old)s to %(new)s",
                       old=before.get("max_proxies"), new=after.get("max_proxies")))
    # The separator is a word too: Chinese joins clauses with a full-width semicolon.
    return _("; ").join(parts)


def describe(event, names: dict[int, str]) -> str:
    """One audit event of a council as a sentence in the reader's language."""
    data = event.data or {}
    actor = names.get(event.actor_id) or _("The system")
    person = names.get(data.get("user_id")) or _("a former account")
    if event.action == "council.created":
        return _("%(actor)s founded the council with the rule set %(rule_set)s.", actor=actor,
                 rule_set=rule_set_label(str(data.get("rule_set"))))
    if event.action == "council.updated":
        changes = _changes(data.get("before") or {}, data.get("after") or {})
        if not changes:
            return _("%(actor)s edited the council's details.", actor=actor)
        return _("%(actor)s %(changes)s.", actor=actor, changes=changes)
    if event.action == "council.member_seated":
        return _("%(actor)s seated %(person)s as %(role)s with a vote weight of %(weight)s.",
                 actor=actor, person=person, role=member_role_label(data.get("role")),
                 weight=_weight(data.get("vote_weight")))
    if event.action == "council.member_updated":
        after = data.get("after") or {}
        return _("%(actor)s made %(person)s %(role)s with a vote weight of %(weight)s.",
                 actor=actor, person=person, role=member_role_label(after.get("role")),
                 weight=_weight(after.get("vote_weight")))
    if event.action == "council.member_unseated":
        return _("%(actor)s unseated %(person)s.", actor=actor, person=person)
    return _("%(actor)s: %(action)s", actor=actor, action=event.action)


def _weight(value) -> str:
    from decimal import Decimal, InvalidOperation

    from govhub.councils.rules import weight_text

    try:
        return weight_text(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)


def history_lines(council: Council) -> list[tuple[object, str]]:
    """(event, sentence) pairs, newest first: founding, rule changes, members seated and
    unseated (the council's part of the audit trail)."""
    events = events_for("councils", council.id, limit=200)
    names = names_of(events)
    return [(event, describe(event, names)) for event in events]
