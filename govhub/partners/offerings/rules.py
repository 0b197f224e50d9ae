"""Offerings as plain functions: lifecycle, prices, sessions and weekly schedules, and the
keyword search's synonyms and ranking.

No Flask, no database: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from govhub.core.keyword_search import (  # noqa: F401  (the search's rules, shared in core)
    Word,
    broadest,
    expand,
    implies,
    mentions,
    relevance,
    synonym_index,
)
from govhub.partners.offerings.models import OfferingStatus
from govhub.partners.organizations.models import OrganizationStatus

OFFERING_TRANSITIONS: dict[OfferingStatus, frozenset[OfferingStatus]] = {
    OfferingStatus.DRAFT: frozenset({OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED}),
    OfferingStatus.PUBLISHED: frozenset({OfferingStatus.PAUSED, OfferingStatus.ARCHIVED}),
    OfferingStatus.PAUSED: frozenset({OfferingStatus.PUBLISHED, OfferingStatus.ARCHIVED}),
    OfferingStatus.ARCHIVED: frozenset(),
}


# Shown to the public (when the organization is verified); only a published
# offering takes new enrolments and requests, a paused one says so.
PUBLIC_OFFERING = frozenset({OfferingStatus.PUBLISHED, OfferingStatus.PAUSED})


TAKING_PEOPLE = frozenset({OfferingStatus.PUBLISHED})


# Sessions can be added and changed until the offering is archived.
SESSIONS_EDITABLE = frozenset({OfferingStatus.DRAFT, OfferingStatus.PUBLISHED,
                               OfferingStatus.PAUSED})


def can_move_offering(current: OfferingStatus, target: OfferingStatus) -> bool:
    return target in OFFERING_TRANSITIONS[current]


def is_public(offering_status: OfferingStatus, organization_status: OrganizationStatus) -> bool:
    """An offering is public while published or paused, and only of a verified organization."""
    return (offering_status in PUBLIC_OFFERING
            and organization_status == OrganizationStatus.VERIFIED)


def normalized_price(price: Decimal | None) -> Decimal | None:
    """None, or zero to the cent (under half a cent): free (None). A positive price to the
    cent; a negative one is refused."""
    if price is None:
        return None
    if not price.is_finite() or price < 0:
        raise ValueError("a price is a positive amount")
    price = price.quantize(Decimal("0.01"))  # to the cent first: 0.004 yuan is free
    return None if price == 0 else price


MAX_SESSIONS_PER_SCHEDULE = 104  # two years of weekly sessions


MAX_SESSION_HOURS = 24


def weekly_dates(first: date, weekday: int, *, count: int | None = None,
                 until: date | None = None,
                 limit: int = MAX_SESSIONS_PER_SCHEDULE) -> list[date]:
    """Every `weekday` (Monday 0) from `first` on, `count` of them or up to `until` (inclusive).

    Exactly one of count and until; never more than limit + 1 dates, so that
    a caller can tell "too many" without generating years of them.
    """
    if (count is None) == (until is None):
        raise ValueError("give either count or until")
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    wanted = min(count, limit + 1) if count is not None else limit + 1
    dates = []
    while len(dates) < wanted and (until is None or day <= until):
        dates.append(day)
        day += timedelta(weeks=1)
    return dates


def session_bounds(day: date, starts: time, ends: time, timezone: str) -> tuple[datetime, datetime]:
    """A day's wall-clock start and end in the community's zone, as aware UTC datetimes."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, starts, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day, ends, tzinfo=zone).astimezone(UTC)
    return start, end


def session_times_valid(starts_at: datetime, ends_at: datetime) -> bool:
    """A session ends after it starts, within a day."""
    return starts_at < ends_at <= starts_at + timedelta(hours=MAX_SESSION_HOURS)


def has_started(starts_at: datetime, now: datetime) -> bool:
    return starts_at <= now


# --- keyword search: relevance -----------------------------------------------------------------
# The word-level rules (a Word is (is_cjk, text), as govhub.core.keyword_search.runs reads a
# text) are shared with the proposals' search and live in core; these names stay here too.

def rank(candidates: Iterable[tuple[int, list[Word], datetime | None]],
         terms: list[tuple[Word, ...]]) -> list[int]:
    """The ids of matching offerings, most relevant first: more of the query's terms in the
    title, then more of them as typed, then the newest published, then the highest id.
    (Every term matched somewhere already: the search ANDs them.)"""
    def key(candidate: tuple[int, list[Word], datetime | None]) -> tuple:
        offering_id, title, published_at = candidate
        return (*relevance(title, terms),
                published_at.timestamp() if published_at else float("-inf"), offering_id)

    return [candidate[0] for candidate in sorted(candidates, key=key, reverse=True)]
