"""The pure rules of workers' hours: what an entry may be, the hours category of a target,
weeks and months, the week's sheet, the range of the workload view (no Flask, no database)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from govhub.admission.catalogue.rules import ListType


class TargetKind(enum.StrEnum):
    """What an entry's time went to. A new kind is one more member, one more nullable
    column and one more clause of the table's check (models.TARGET_COLUMNS)."""

    WORK_ITEM = "work_item"
    ACTION_ITEM = "action_item"
    MEETING = "meeting"
    REQUEST = "request"   # an admission request: consulting on it, or a task in force
    OTHER = "other"


class HoursType(enum.StrEnum):
    """The list type an entry's hours count under: the catalogue's five, plus the
    community's own self-government (action items, council meetings) and other work."""

    DUTY_BY_LAW = "duty_by_law"
    ASSISTING_GOVERNMENT = "assisting_government"
    NEGATIVE_LIST = "negative_list"
    CERTIFICATE = "certificate"
    PLACARD = "placard"
    SELF_GOVERNMENT = "self_government"
    OTHER = "other"


# The three questions the workload view answers, each a group of hours types.
class Share(enum.StrEnum):
    FOR_DEPARTMENTS = "for_departments"   # assisting the government, and the negative list
    BY_LAW = "by_law"                     # duties by law, certificates, placards
    FOR_RESIDENTS = "for_residents"       # self-government: action items, meetings
    OTHER = "other"


SHARES = {
    HoursType.ASSISTING_GOVERNMENT: Share.FOR_DEPARTMENTS,
    HoursType.NEGATIVE_LIST: Share.FOR_DEPARTMENTS,
    HoursType.DUTY_BY_LAW: Share.BY_LAW,
    HoursType.CERTIFICATE: Share.BY_LAW,
    HoursType.PLACARD: Share.BY_LAW,
    HoursType.SELF_GOVERNMENT: Share.FOR_RESIDENTS,
    HoursType.OTHER: Share.OTHER,
}

QUICK_MINUTES = (15, 30, 60, 120)
MINUTES_A_DAY = 24 * 60
EDIT_DAYS = 14          # a worker edits or deletes their entries of the last 14 days
NOTE_MAX = 500
DEFAULT_WEEKS, MAX_WEEKS = 8, 52
SHEET_ROWS = 6          # the week's sheet: the worker's most recent targets


class HoursError(ValueError):
    """One value is wrong: `field` names it, `code` is what the service words."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def hours_type(kind: TargetKind, list_type: ListType | None = None) -> HoursType:
    """The hours type of a target: a work item's list type (as it was when the time was
    logged) or the list an admission request asks for, the community's self-government for
    action items and meetings, else other."""
    kind = TargetKind(kind)
    if kind in (TargetKind.WORK_ITEM, TargetKind.REQUEST):
        if list_type is None:
            raise ValueError("a work item's or a request's entry needs its list type")
        return HoursType(ListType(list_type).value)
    if kind in (TargetKind.ACTION_ITEM, TargetKind.MEETING):
        return HoursType.SELF_GOVERNMENT
    return HoursType.OTHER


def week_start(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def check_minutes(minutes) -> int:
    """A whole number of minutes, more than none and at most a day."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise HoursError("minutes", "not_a_number")
    if minutes <= 0:
        raise HoursError("minutes", "not_positive")
    if minutes > MINUTES_A_DAY:
        raise HoursError("minutes", "over_a_day")
    return minutes


def check_day(day, today: date) -> date:
    """A day not in the future (nor more than a year back)."""
    if not isinstance(day, date):
        raise HoursError("day", "not_a_date")
    if day > today:
        raise HoursError("day", "future")
    if day < today - timedelta(days=366):
        raise HoursError("day", "too_old")
    return day


def check_day_total(minutes: int, others: int) -> None:
    """A worker's day holds at most 24 hours: `others` is what the day holds already."""
    if minutes + others > MINUTES_A_DAY:
        raise HoursError("minutes", "day_full")


def check_note(note: str, kind: TargetKind) -> str:
    text = " ".join(str(note or "").split())
    if len(text) > NOTE_MAX:
        raise HoursError("note", "too_long")
    if TargetKind(kind) == TargetKind.OTHER and not text:
        raise HoursError("note", "required")
    return text


def check_entry(kind: TargetKind, minutes, day, note: str, today: date, others: int) -> str:
    """Every check of one entry, in the order a form shows them; returns the cleaned note."""
    check_minutes(minutes)
    check_day(day, today)
    text = check_note(note, kind)
    check_day_total(minutes, others)
    return text


def editable(day: date, today: date) -> bool:
    """Whether an entry of `day` may still be edited or deleted on `today`."""
    return today - timedelta(days=EDIT_DAYS) <= day <= today


def check_sheet(cells: Mapping[tuple[str, date], int], logged: Mapping[date, int],
                today: date) -> None:
    """The week's sheet, all or nothing: each cell is zero (nothing) or a valid entry, no
    day in the future gets minutes, and each day (what the sheet adds plus `logged`, what
    the day holds outside the sheet's cells) stays within 24 hours."""
    totals: dict[date, int] = {}
    for (_target, day), minutes in cells.items():
        if minutes == 0:
            continue
        check_minutes(minutes)
        check_day(day, today)
        totals[day] = totals.get(day, 0) + minutes
    for day, minutes in totals.items():
        check_day_total(minutes, logged.get(day, 0))


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=n) for n in range(7)]


@dataclass(frozen=True)
class WeekRange:
    first: date   # a Monday
    last: date    # the Sunday of the last week
    weeks: int

    @property
    def mondays(self) -> list[date]:
        return [self.first + timedelta(weeks=n) for n in range(self.weeks)]


def week_range(today: date, weeks=None) -> WeekRange:
    """The last `weeks` weeks up to today's (8 when unsaid or unreadable, at most 52)."""
    try:
        count = int(weeks) if weeks not in (None, "") else DEFAULT_WEEKS
    except (TypeError, ValueError):
        count = DEFAULT_WEEKS
    count = min(max(count, 1), MAX_WEEKS)
    last_monday = week_start(today)
    first = last_monday - timedelta(weeks=count - 1)
    return WeekRange(first, last_monday + timedelta(days=6), count)


def heat_level(minutes: int, levels: int = 5, full: int = 40 * 60) -> int:
    """The colour step of a heat map's cell: 0 for nothing, up to levels-1 at a full week."""
    if minutes <= 0:
        return 0
    return min(levels - 1, 1 + (minutes * (levels - 2)) // full)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal, the way every table shows them ("7.5")."""
    return f"{minutes / 60:.1f}"
