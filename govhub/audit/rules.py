"""What of an audit event a reader may see, as plain functions (no Flask, no database).

The services record who did what to what, with a few details each (docs/audit.md lists
them). None records a password, its hash, a token or what a ballot chose, and these
functions make sure that a detail of that kind never reaches the audit page or its CSV
even if a service one day records one: they are left out by name, at any depth.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

# Details never shown, whatever the action: secrets, and what a ballot said.
HIDDEN = frozenset({
    "password", "password_hash", "new_password", "current_password", "token", "token_hash",
    "plain", "key", "key_hash", "secret_key", "session_key", "choice", "choices", "option_id",
    "option_ids", "ranking", "ballot", "ballots", "answer",
})
# Details hidden for one action: what someone typed as a username when a sign-in failed
# is often their password.
HIDDEN_FOR = {"user.login_failed": frozenset({"username"})}

# Details that name a person by their account's id (shown by name).
PEOPLE = frozenset({"user_id", "holder_id", "owner_id", "resident_id", "freed_by"})
PEOPLE_FOR = {"action.reassigned": frozenset({"old", "new"})}

# The first and last days a date filter may name: beyond them a datetime cannot be built.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(9998, 12, 31)


def shown_details(action: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """The event's details a reader may see: the hidden ones left out, at any depth."""
    hidden = HIDDEN | HIDDEN_FOR.get(action, frozenset())
    return _without(data or {}, hidden)


def _without(value: Any, hidden: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {key: _without(inner, hidden) for key, inner in value.items()
                if str(key).lower() not in hidden}
    if isinstance(value, list):
        return [_without(inner, hidden) for inner in value]
    return value


def person_keys(action: str) -> frozenset[str]:
    """The details of this action that are an account's id."""
    return PEOPLE | PEOPLE_FOR.get(action, frozenset())


def day_bounds(since: date | None, until: date | None) -> tuple[datetime | None,
                                                                datetime | None]:
    """A range of calendar days as wall-clock moments: from the start of `since` up to,
    not including, the start of the day after `until` (naive; the caller gives the zone)."""
    start = datetime.combine(since, time()) if since else None
    end = datetime.combine(until + timedelta(days=1), time()) if until else None
    return start, end


def range_problem(since: date | None, until: date | None) -> str | None:
    """Why a range of days cannot be searched (a code), or None."""
    for day in (since, until):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            return "day_out_of_range"
    if since and until and until < since:
        return "range_reversed"
    return None
