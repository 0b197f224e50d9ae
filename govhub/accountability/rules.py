"""Delivery analytics as plain arithmetic: how long items took, which were late, and the
figures for a group of items. No Flask, no database (docs/accountability.md defines each).

- start: when the resolution was decided (for an item that carries one out), else when
  the item was created;
- time to first action: from the start to the item's first check-in;
- time to done: from the start to when the item was (last) reported done;
- an item is *due by now* when it is finished or its due day has passed; it is *late*
  when it is open past its due day (overdue now) or was done on a day after its due day;
- overdue rate: late items ÷ items due by now.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

DAY_SECONDS = 86_400


def days_between(start: datetime | None, end: datetime | None) -> float | None:
    """Days (fractional, never negative) from start to end; None when either is missing."""
    if start is None or end is None:
        return None
    return max((end - start).total_seconds(), 0) / DAY_SECONDS


def local_day(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class Punctuality:
    due_by_now: bool     # counted in the overdue rate
    late: bool           # overdue now, or done after the due day
    overdue_now: bool    # open and past the due day


def punctuality(due_on: date, finished: bool, done_at: datetime | None, today: date,
                timezone: str) -> Punctuality:
    """Where an item stands against its due day, `today` being the community's day."""
    if finished:
        late = done_at is not None and local_day(done_at, timezone) > due_on
        return Punctuality(True, late, False)
    overdue = due_on < today
    return Punctuality(overdue, overdue, overdue)


@dataclass(frozen=True)
class Durations:
    """A few durations in days: how many, their median and mean (one decimal)."""

    count: int
    median: float | None
    mean: float | None

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Durations:
        known = [value for value in values if value is not None]
        if not known:
            return cls(0, None, None)
        return cls(len(known), round(statistics.median(known), 1),
                   round(statistics.fmean(known), 1))

    def as_dict(self) -> dict:
        return {"count": self.count, "median": self.median, "mean": self.mean}


@dataclass(frozen=True)
class Facts:
    """What the analytics need to know of one item (read once, in one query)."""

    item_id: int
    finished: bool
    verified: bool
    days_to_first_action: float | None
    days_to_done: float | None
    punctuality: Punctuality
    # The item's council, category, owner... by which the figures are grouped.
    dims: dict = field(default_factory=dict)


@dataclass
class Summary:
    items: int = 0
    open: int = 0
    finished: int = 0
    verified: int = 0
    overdue_now: int = 0
    due_by_now: int = 0
    late: int = 0
    first_action: Durations = field(default_factory=lambda: Durations(0, None, None))
    done: Durations = field(default_factory=lambda: Durations(0, None, None))

    @property
    def overdue_rate(self) -> float | None:
        """Late ÷ due by now, from 0 to 1; None when nothing is due yet."""
        return round(self.late / self.due_by_now, 4) if self.due_by_now else None

    @property
    def overdue_percent(self) -> int | None:
        rate = self.overdue_rate
        return None if rate is None else round(rate * 100)

    def as_dict(self) -> dict:
        return {"items": self.items, "open": self.open, "finished": self.finished,
                "verified": self.verified, "overdue_now": self.overdue_now,
                "due_by_now": self.due_by_now, "late": self.late,
                "overdue_rate": self.overdue_rate,
                "days_to_first_action": self.first_action.as_dict(),
                "days_to_done": self.done.as_dict()}


def summarize(facts: Iterable[Facts]) -> Summary:
    facts = list(facts)
    summary = Summary(items=len(facts))
    for fact in facts:
        summary.finished += fact.finished
        summary.open += not fact.finished
        summary.verified += fact.verified
        summary.overdue_now += fact.punctuality.overdue_now
        summary.due_by_now += fact.punctuality.due_by_now
        summary.late += fact.punctuality.late
    summary.first_action = Durations.of(f.days_to_first_action for f in facts)
    summary.done = Durations.of(f.days_to_done for f in facts)
    return summary


@dataclass
class Group:
    key: object
    label: str
    summary: Summary


def group_by(facts: Iterable[Facts], dimension: str,
             label: Callable[[object], str]) -> list[Group]:
    """A summary per value of a dimension, in the order of the labels (no value, e.g. no
    council, last)."""
    groups: dict[object, list[Facts]] = {}
    for fact in facts:
        groups.setdefault(fact.dims.get(dimension), []).append(fact)
    found = [Group(k, label(k), summarize(members)) for k, members in groups.items()]
    return sorted(found, key=lambda g: (g.key is None, g.label, str(g.key)))
