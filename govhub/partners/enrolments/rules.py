"""Places and the waiting line as plain functions.

The services decide with these rules on values read under the session row's lock (see
enrolments.services.lock_places); the database still backs what must hold under
concurrency (a CHECK constraint bounds the places, a unique index one enrolment each).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from govhub.partners.enrolments.models import EnrolmentStatus
from govhub.partners.organizations.rules import Side

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
