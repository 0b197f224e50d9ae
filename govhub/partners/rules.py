"""The partner feature's rules as plain functions: lifecycles, places, the waiting line, schedules.

No Flask, no database: values in, values out. The services apply them and
the database backs the ones that must hold under concurrency (places are
counted with a conditional UPDATE and bounded by a CHECK constraint).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from govhub.partners.models import (
    EnrolmentStatus,
    OfferingStatus,
    OrganizationStatus,
    RequestStatus,
)


class Side(enum.StrEnum):
    """Who takes a step: the organization's members, the resident, or GovHub itself."""

    ORGANIZATION = "organization"
    RESIDENT = "resident"
    SYSTEM = "system"


# --- organizations -------------------------------------------------------------------

# Staff verify or reject a pending organization, suspend a verified one and
# reinstate it; a rejected one can still be verified after all (papers
# arrived late). Nothing goes back to pending.
ORGANIZATION_TRANSITIONS: dict[OrganizationStatus, frozenset[OrganizationStatus]] = {
    OrganizationStatus.PENDING: frozenset({OrganizationStatus.VERIFIED,
                                           OrganizationStatus.REJECTED}),
    OrganizationStatus.VERIFIED: frozenset({OrganizationStatus.SUSPENDED}),
    OrganizationStatus.SUSPENDED: frozenset({OrganizationStatus.VERIFIED}),
    OrganizationStatus.REJECTED: frozenset({OrganizationStatus.VERIFIED}),
}
# Moving there needs a reason, shown to the organization's members.
NEEDS_REASON = frozenset({OrganizationStatus.REJECTED, OrganizationStatus.SUSPENDED})
# An organization in these states may prepare and publish offerings.
ORGANIZATION_WORKING = frozenset({OrganizationStatus.PENDING, OrganizationStatus.VERIFIED})


def can_move_organization(current: OrganizationStatus, target: OrganizationStatus) -> bool:
    return target in ORGANIZATION_TRANSITIONS[current]


# --- offerings ---------------------------------------------------------------------------

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


# --- service requests ---------------------------------------------------------------------

# current -> {target: who may take that step}
REQUEST_TRANSITIONS: dict[RequestStatus, dict[RequestStatus, Side]] = {
    RequestStatus.REQUESTED: {RequestStatus.ACCEPTED: Side.ORGANIZATION,
                              RequestStatus.DECLINED: Side.ORGANIZATION,
                              RequestStatus.CANCELLED: Side.RESIDENT},
    RequestStatus.ACCEPTED: {RequestStatus.COMPLETED: Side.ORGANIZATION,
                             RequestStatus.CANCELLED: Side.RESIDENT},
    RequestStatus.DECLINED: {},
    RequestStatus.COMPLETED: {},
    RequestStatus.CANCELLED: {},
}
OPEN_REQUESTS = frozenset({RequestStatus.REQUESTED, RequestStatus.ACCEPTED})


def request_step_allowed(current: RequestStatus, target: RequestStatus, side: Side) -> bool:
    return REQUEST_TRANSITIONS[current].get(target) == side


# --- enrolments and places -------------------------------------------------------------------

# Enrolments that hold one of the session's places (and count in enrolled_count).
HOLDS_PLACE = frozenset({EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED,
                         EnrolmentStatus.NO_SHOW})
# At most one of these per resident per session (a unique index says the same).
ACTIVE_ENROLMENT = HOLDS_PLACE | {EnrolmentStatus.WAITLISTED}

# current -> {target: (who, whether the session must have started)}
ENROLMENT_TRANSITIONS: dict[EnrolmentStatus, dict[EnrolmentStatus, tuple[Side, bool]]] = {
    EnrolmentStatus.ENROLLED: {EnrolmentStatus.CANCELLED: (Side.RESIDENT, False),
                               EnrolmentStatus.ATTENDED: (Side.ORGANIZATION, True),
                               EnrolmentStatus.NO_SHOW: (Side.ORGANIZATION, True)},
    EnrolmentStatus.WAITLISTED: {EnrolmentStatus.CANCELLED: (Side.RESIDENT, False),
                                 EnrolmentStatus.ENROLLED: (Side.SYSTEM, False)},
    # Attendance can be corrected either way.
    EnrolmentStatus.ATTENDED: {EnrolmentStatus.NO_SHOW: (Side.ORGANIZATION, True)},
    EnrolmentStatus.NO_SHOW: {EnrolmentStatus.ATTENDED: (Side.ORGANIZATION, True)},
    EnrolmentStatus.CANCELLED: {},
}


def enrolment_step_allowed(current: EnrolmentStatus, target: EnrolmentStatus, side: Side,
                           started: bool) -> bool:
    """Cancelling and promotion happen before the session starts, attendance after."""
    step = ENROLMENT_TRANSITIONS[current].get(target)
    return step is not None and step[0] == side and step[1] == started


def places_left(capacity: int, enrolled: int) -> int:
    return max(capacity - enrolled, 0)


def enrolment_outcome(capacity: int, enrolled: int,
                      join_waitlist: bool) -> EnrolmentStatus | None:
    """What a new enrolment becomes: a place, a place in line, or nothing (None: full)."""
    if enrolled < capacity:
        return EnrolmentStatus.ENROLLED
    return EnrolmentStatus.WAITLISTED if join_waitlist else None


def capacity_allowed(capacity: int, enrolled: int) -> bool:
    """A capacity is at least 1 and never below the places already taken."""
    return capacity >= 1 and capacity >= enrolled


def promotions(capacity: int, enrolled: int, waiting: int) -> int:
    """How many of those waiting get a place now."""
    return min(places_left(capacity, enrolled), max(waiting, 0))


def waitlist_order(entries: Iterable[tuple[datetime, int]]) -> list[int]:
    """The ids of waiting enrolments, first come first: by arrival time, then by id."""
    return [enrolment_id for _arrived, enrolment_id in sorted(entries)]


def waitlist_position(entries: Iterable[tuple[datetime, int]], enrolment_id: int) -> int | None:
    """1 for the first in line; None when the enrolment is not waiting."""
    order = waitlist_order(entries)
    return order.index(enrolment_id) + 1 if enrolment_id in order else None


# --- ratings ------------------------------------------------------------------------------

SCORES = range(1, 6)


def valid_score(score) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and score in SCORES


def may_rate_session(status: EnrolmentStatus | None) -> bool:
    """A session is rated by those who attended it."""
    return status == EnrolmentStatus.ATTENDED


def may_rate_request(statuses: Iterable[RequestStatus]) -> bool:
    """An on-request offering is rated once one of the resident's requests was completed."""
    return RequestStatus.COMPLETED in set(statuses)


# --- sessions and schedules ------------------------------------------------------------------

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


# --- keyword search: synonyms and relevance ------------------------------------------------------
# A "word" is one token of the search's tokeniser (partners.search.runs): (is_cjk, text), the
# text NFKC-folded and lower-cased; a Chinese word is a run of CJK characters, any other word
# a run of letters and digits.

Word = tuple[bool, str]


def synonym_index(groups: Iterable[Iterable[Word]]) -> dict[Word, tuple[Word, ...]]:
    """word -> every word of its group (in the group's order). A word in two groups is an
    error in the list, not something to guess about."""
    index: dict[Word, tuple[Word, ...]] = {}
    for group in groups:
        words = tuple(dict.fromkeys(group))
        for word in words:
            if word in index:
                raise ValueError(f"{word[1]!r} is in two synonym groups")
            index[word] = words
    return index


def expand(words: Iterable[Word], index: dict[Word, tuple[Word, ...]]) -> list[tuple[Word, ...]]:
    """A query's terms: each word with its synonyms, the word as typed first. Two words of
    one group are one term ("calligraphy 书法" asks for calligraphy once)."""
    terms: list[tuple[Word, ...]] = []
    seen: set[frozenset[Word]] = set()
    for word in words:
        group = index.get(word, ())
        alternatives = (word, *(other for other in group if other != word))
        key = frozenset(alternatives)
        if key not in seen:
            seen.add(key)
            terms.append(alternatives)
    return terms


def mentions(text: Iterable[Word], word: Word) -> bool:
    """Whether a text (its words) contains a query word as the search matches it: a Chinese
    word anywhere inside a run of Chinese, any other word as the start of a word."""
    is_cjk, wanted = word
    return any(cjk == is_cjk and (wanted in run if is_cjk else run.startswith(wanted))
               for cjk, run in text)


def implies(general: Word, specific: Word) -> bool:
    """Whether every text that mentions `specific` mentions `general` too: a Chinese word
    inside the other (书 in 书法), another word that starts the other (child, children)."""
    (general_cjk, general_text), (specific_cjk, specific_text) = general, specific
    if general_cjk != specific_cjk:
        return False
    return (general_text in specific_text if general_cjk
            else specific_text.startswith(general_text))


def broadest(words: Iterable[Word]) -> tuple[Word, ...]:
    """The words (in order) that no other of them implies: a text mentions one of these
    exactly when it mentions one of all, so a search for any of them asks fewer."""
    words = tuple(dict.fromkeys(words))
    return tuple(word for word in words
                 if not any(other != word and implies(other, word) for other in words))


def relevance(title: list[Word], terms: list[tuple[Word, ...]]) -> tuple[int, int]:
    """(terms found in the title, of those found as typed rather than by a synonym)."""
    in_title = as_typed = 0
    for alternatives in terms:
        if mentions(title, alternatives[0]):
            in_title, as_typed = in_title + 1, as_typed + 1
        elif any(mentions(title, other) for other in alternatives[1:]):
            in_title += 1
    return in_title, as_typed


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
