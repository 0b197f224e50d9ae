"""Working-day arithmetic for deadlines set in working days ("answer within 15 working days").

A working day is Monday to Friday, except a public holiday; and a date on the
make-up list counts even on a weekend. China moves working days around its
long holidays (调休): the 2026 National Day week is 1–7 October off, with
Sunday 20 September and Saturday 10 October worked instead. So the calendar
is data the caller passes in (the community's holidays and make-up days, as
published each year), not something this module guesses.

Periods count as the law counts them (民法典 art. 201: the starting day is
not counted, the period starts the next day): 1 working day after a Friday
is the next Monday. No Flask, no database: dates in, dates out.
"""

from __future__ import annotations

from datetime import date, timedelta

NO_DATES: frozenset[date] = frozenset()
ONE_DAY = timedelta(days=1)


def is_working_day(day: date, holidays: frozenset[date] = NO_DATES,
                   workdays: frozenset[date] = NO_DATES) -> bool:
    """A make-up day always counts; otherwise Monday to Friday unless it is a holiday."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def _check_calendar(holidays: frozenset[date], workdays: frozenset[date]) -> None:
    """A day cannot be both off and worked: a calendar saying so is a data-entry mistake."""
    if holidays & workdays:
        raise ValueError("holiday_and_workday")


def add_working_days(start: date, days: int, holidays: frozenset[date] = NO_DATES,
                     workdays: frozenset[date] = NO_DATES) -> date:
    """The day on which `days` working days after `start` have passed (`start` itself not
    counted); 0 days is `start`. Otherwise the result is always a working day, so a
    deadline never falls on a weekend or holiday."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError("invalid_working_days")
    _check_calendar(holidays, workdays)
    day = start
    while days:
        day += ONE_DAY
        if is_working_day(day, holidays, workdays):
            days -= 1
    return day


def working_days_between(start: date, end: date, holidays: frozenset[date] = NO_DATES,
                         workdays: frozenset[date] = NO_DATES) -> int:
    """How many working days lie after `start`, up to and including `end`: the inverse of
    add_working_days, so `working_days_between(s, add_working_days(s, n)) == n`. When
    `end` is before `start` the count is negative (an answer that is overdue)."""
    _check_calendar(holidays, workdays)
    if end < start:
        return -working_days_between(end, start, holidays, workdays)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day, holidays, workdays)
    return count
