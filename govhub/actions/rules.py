"""An action item's life, as plain rules: which status may follow which, what a
check-in must carry, and the deadline arithmetic, in the community's time zone.

    planned ──► in progress ──► done ──► verified
       │          ▲     │         │
       └─► blocked ◄────┘         └──► back to in progress (reopened)

- planned → in progress (work starts) or blocked (it cannot start);
- in progress → blocked or done; blocked → in progress (unblocked);
- done → verified (someone other than those who did the work confirms it,
  see permissions.can_verify) or back to in progress (reopened: not done yet);
- verified is final: later work on the same matter is a new item, so a
  verified result on the public record never changes.

Every status change carries a reason; an item that is done or verified is
100% done. No Flask, no database: plain values in, plain values out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    VERIFIED = "verified"


class ActionCategory(enum.StrEnum):
    """What kind of community work an item is (labels in labels.py)."""

    FACILITIES = "facilities"        # buildings, lifts, roads, lights
    ENVIRONMENT = "environment"      # waste sorting, greening, cleanliness
    TRAFFIC = "traffic"              # parking, charging points, bicycles
    SAFETY = "safety"                # fire safety, security, emergencies
    ELDERLY_CARE = "elderly_care"    # canteens, home visits, day care
    SERVICES = "services"            # residents' services, paperwork, help desks
    CULTURE = "culture"              # activities, arts, sports, education
    OTHER = "other"


TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PLANNED: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.BLOCKED, ActionStatus.DONE}),
    ActionStatus.BLOCKED: frozenset({ActionStatus.IN_PROGRESS}),
    ActionStatus.DONE: frozenset({ActionStatus.VERIFIED, ActionStatus.IN_PROGRESS}),
    ActionStatus.VERIFIED: frozenset(),
}

# Still to be done: counted in a worker's load, can be overdue.
OPEN = frozenset({ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED})
FINISHED = frozenset({ActionStatus.DONE, ActionStatus.VERIFIED})


class Step(enum.StrEnum):
    """Who a status change is for: those doing the work, or those checking it."""

    WORK = "work"          # planned/in progress/blocked/done among themselves
    VERIFY = "verify"      # done → verified
    REOPEN = "reopen"      # done → in progress


PROGRESS_MIN, PROGRESS_MAX = 0, 100
HOURS_MAX = Decimal(10_000)
DUE_YEARS_AHEAD = 10


def can_move(current: ActionStatus, target: ActionStatus) -> bool:
    return target in TRANSITIONS[current]


def step_of(current: ActionStatus, target: ActionStatus) -> Step | None:
    """What kind of step `current` → `target` is; None when it may not follow at all."""
    if not can_move(current, target):
        return None
    if current == ActionStatus.DONE:
        return Step.VERIFY if target == ActionStatus.VERIFIED else Step.REOPEN
    return Step.WORK


def reason_given(reason) -> bool:
    return isinstance(reason, str) and bool(reason.strip())


def transition_problem(current: ActionStatus, target: ActionStatus, reason) -> str | None:
    """Why the change may not happen (a code), or None when it may."""
    if current == target:
        return "same_status"
    if not can_move(current, target):
        return "transition_not_allowed"
    if not reason_given(reason):
        return "reason_required"
    return None


def progress_problem(value) -> str | None:
    """A progress figure is a whole number from 0 to 100 (None: not reported)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return "invalid_progress"
    if not PROGRESS_MIN <= value <= PROGRESS_MAX:
        return "invalid_progress"
    return None


def progress_after(status: ActionStatus, reported: int | None, current: int) -> int:
    """The item's progress after a check-in: 100 once done, else what was reported."""
    if status in FINISHED:
        return PROGRESS_MAX
    return current if reported is None else reported


def hours_problem(value) -> str | None:
    """An estimate of effort: None (not estimated) or 0 to 10,000 hours, in hundredths."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return "invalid_hours"
    try:
        value = Decimal(value)
        if not value.is_finite() or not 0 <= value <= HOURS_MAX:
            return "invalid_hours"
        if value != value.quantize(Decimal("0.01")):
            return "invalid_hours"
    except InvalidOperation:
        return "invalid_hours"
    return None


# --- dates, in the community's time zone ---------------------------------------------

def local_today(now: datetime, timezone: str) -> date:
    """The calendar day it is in the community at the moment `now` (aware)."""
    return now.astimezone(ZoneInfo(timezone)).date()


def local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def due_date_problem(due_on, today: date, previous: date | None = None) -> str | None:
    """A due date is a day from today on, within ten years; an unchanged one may have passed."""
    if isinstance(due_on, datetime) or not isinstance(due_on, date):
        return "invalid_due_date"
    if due_on == previous:
        return None
    if due_on < today:
        return "due_date_past"
    if due_on.year > today.year + DUE_YEARS_AHEAD:
        return "due_date_far"
    return None


@dataclass(frozen=True)
class Deadline:
    """Where an item stands against its due date.

    state: "overdue" (days: how many days past the due date), "due_today",
    "upcoming" (days: how many days left), or "done" (on: the local day it
    was done; days: how many days after the due date, 0 when on time).
    """

    state: str
    days: int
    on: date | None = None


def deadline(due_on: date, status: ActionStatus, done_at: datetime | None, now: datetime,
             timezone: str) -> Deadline:
    """An item is due by the end of its due day in the community's zone."""
    if status in FINISHED and done_at is not None:
        done_day = local_day(done_at, timezone)
        return Deadline("done", max((done_day - due_on).days, 0), done_day)
    today = local_today(now, timezone)
    if today > due_on:
        return Deadline("overdue", (today - due_on).days)
    if today == due_on:
        return Deadline("due_today", 0)
    return Deadline("upcoming", (due_on - today).days)


def week_of(today: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week `today` falls in. "Overdue" (open, due before
    today) and "due this week" (open, due from today to Sunday) are decided in SQL, by
    actions.queries (the list's filters and the office's dashboard), which tests/actions
    test at their boundaries."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)
