"""Working days: Monday to Friday, less holidays, plus China's make-up working days (调休),
counted from the day after the start."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govhub.core.working_days import add_working_days, is_working_day, working_days_between

# The 2026 National Day week: 1-7 October off, Sunday 20 September and Saturday 10 October
# worked instead.
NATIONAL_DAY = frozenset(date(2026, 10, d) for d in range(1, 8))
MAKE_UP = frozenset({date(2026, 9, 20), date(2026, 10, 10)})


def _reference_working_days(first: date, last: date, holidays=frozenset(), workdays=frozenset()):
    """Every working day from `first` to `last`, in order, written out plainly."""
    days, day = [], first
    while day <= last:
        weekday = day.isoweekday() <= 5
        if day in workdays or (weekday and day not in holidays):
            days.append(day)
        day += timedelta(days=1)
    return days


# --- plain weeks -------------------------------------------------------------------------

@pytest.mark.parametrize("start, days, expected", [
    (date(2026, 5, 11), 0, date(2026, 5, 11)),   # Monday, nothing to add
    (date(2026, 5, 10), 0, date(2026, 5, 10)),   # Sunday: 0 days is the start itself
    (date(2026, 5, 11), 1, date(2026, 5, 12)),   # Monday → Tuesday
    (date(2026, 5, 15), 1, date(2026, 5, 18)),   # Friday → Monday
    (date(2026, 5, 16), 1, date(2026, 5, 18)),   # Saturday → Monday
    (date(2026, 5, 17), 1, date(2026, 5, 18)),   # Sunday → Monday
    (date(2026, 5, 11), 5, date(2026, 5, 18)),   # a working week later
    (date(2026, 5, 11), 15, date(2026, 6, 1)),   # three working weeks
    (date(2026, 12, 31), 1, date(2027, 1, 1)),   # across a year (no holidays given)
    (date(2028, 2, 28), 1, date(2028, 2, 29)),   # a leap day is a Tuesday
])
def test_working_days_skip_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize("days", [-1, -15, 1.0, 1.5, True, "1", None])
def test_a_negative_or_non_whole_number_of_days_is_refused(days):
    with pytest.raises(ValueError, match="invalid_working_days"):
        add_working_days(date(2026, 5, 11), days)


def test_a_day_both_off_and_worked_is_refused():
    clash = frozenset({date(2026, 10, 10)})
    with pytest.raises(ValueError, match="holiday_and_workday"):
        add_working_days(date(2026, 10, 9), 1, holidays=clash, workdays=clash)
    with pytest.raises(ValueError, match="holiday_and_workday"):
        working_days_between(date(2026, 10, 9), date(2026, 10, 12), clash, clash)


@pytest.mark.parametrize("start, end, expected", [
    (date(2026, 5, 11), date(2026, 5, 11), 0),
    (date(2026, 5, 15), date(2026, 5, 17), 0),   # Friday to Sunday: no working day after
    (date(2026, 5, 15), date(2026, 5, 18), 1),
    (date(2026, 5, 11), date(2026, 5, 18), 5),
    (date(2026, 5, 18), date(2026, 5, 11), -5),  # overdue by a working week
    (date(2026, 5, 17), date(2026, 5, 16), 0),   # Sunday back to Saturday
])
def test_working_days_between_counts_after_the_start_up_to_the_end(start, end, expected):
    assert working_days_between(start, end) == expected


# --- the 2026 National Day week ------------------------------------------------------------

@pytest.mark.parametrize("day, working", [
    (date(2026, 9, 19), False),   # Saturday
    (date(2026, 9, 20), True),    # Sunday, worked
    (date(2026, 9, 30), True),    # Wednesday before the holiday
    (date(2026, 10, 1), False),   # Thursday, National Day
    (date(2026, 10, 5), False),   # Monday in the holiday week
    (date(2026, 10, 7), False),
    (date(2026, 10, 8), True),    # Thursday, back at work
    (date(2026, 10, 10), True),   # Saturday, worked
    (date(2026, 10, 11), False),  # Sunday
])
def test_the_national_day_week_calendar(day, working):
    assert is_working_day(day, NATIONAL_DAY, MAKE_UP) is working


@pytest.mark.parametrize("start, days, expected", [
    (date(2026, 9, 18), 1, date(2026, 9, 20)),   # Friday → the make-up Sunday
    (date(2026, 9, 19), 1, date(2026, 9, 20)),
    (date(2026, 9, 30), 1, date(2026, 10, 8)),   # over the whole week off
    (date(2026, 10, 1), 1, date(2026, 10, 8)),
    (date(2026, 10, 8), 2, date(2026, 10, 10)),  # Thursday, Friday, the make-up Saturday
    (date(2026, 10, 9), 1, date(2026, 10, 10)),
    (date(2026, 10, 10), 1, date(2026, 10, 12)),
    (date(2026, 9, 30), 15, date(2026, 10, 27)),  # 15 working days asked on 30 September
    # Friday 25 September: 28-30 September, 8-10 and 12-16 October, then 19-22 October
    (date(2026, 9, 25), 15, date(2026, 10, 22)),
])
def test_answer_deadlines_around_national_day(start, days, expected):
    assert add_working_days(start, days, NATIONAL_DAY, MAKE_UP) == expected


def test_the_holiday_week_makes_the_answer_a_week_later_than_a_plain_calendar():
    plain = add_working_days(date(2026, 9, 30), 15)
    assert plain == date(2026, 10, 21)
    assert (add_working_days(date(2026, 9, 30), 15, NATIONAL_DAY, MAKE_UP) - plain).days == 6


def test_september_and_october_2026_count_their_make_up_days():
    assert working_days_between(date(2026, 8, 31), date(2026, 9, 30), NATIONAL_DAY, MAKE_UP) == 23
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 31), NATIONAL_DAY, MAKE_UP) == 18


# --- exhaustively, against the days written out ---------------------------------------------

FIRST, LAST = date(2026, 8, 1), date(2026, 12, 31)
CALENDARS = [(frozenset(), frozenset()), (NATIONAL_DAY, MAKE_UP)]


@pytest.mark.parametrize("holidays, workdays", CALENDARS, ids=["plain", "national_day"])
def test_every_start_and_count_over_five_months(holidays, workdays):
    working = _reference_working_days(FIRST, LAST + timedelta(days=120), holidays, workdays)
    start = FIRST
    while start <= LAST:
        later = [day for day in working if day > start]
        assert add_working_days(start, 0, holidays, workdays) == start
        for days in range(1, 41):
            assert add_working_days(start, days, holidays, workdays) == later[days - 1]
        start += timedelta(days=1)


@pytest.mark.parametrize("holidays, workdays", CALENDARS, ids=["plain", "national_day"])
def test_every_pair_of_days_over_five_months(holidays, workdays):
    working = set(_reference_working_days(FIRST, LAST, holidays, workdays))
    days = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    for i, start in enumerate(days):
        count = 0
        for end in days[i:]:
            count += end in working and end != start
            assert working_days_between(start, end, holidays, workdays) == count
            assert working_days_between(end, start, holidays, workdays) == -count


# --- properties ------------------------------------------------------------------------------

DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
COUNTS = st.integers(min_value=0, max_value=400)


@st.composite
def calendars(draw):
    holidays = draw(st.frozensets(DATES, max_size=40))
    workdays = draw(st.frozensets(DATES, max_size=15))
    return holidays, workdays - holidays


@given(DATES, COUNTS, COUNTS, calendars())
def test_more_days_never_end_earlier(start, a, b, calendar):
    assume(a < b)
    assert add_working_days(start, a, *calendar) < add_working_days(start, b, *calendar)


@given(DATES, DATES, COUNTS, calendars())
def test_a_later_start_never_ends_earlier(first, second, days, calendar):
    first, second = sorted((first, second))
    assert add_working_days(first, days, *calendar) <= add_working_days(second, days, *calendar)


@given(DATES, st.integers(min_value=1, max_value=400), calendars())
def test_a_deadline_falls_on_a_working_day(start, days, calendar):
    assert is_working_day(add_working_days(start, days, *calendar), *calendar)


@given(DATES, COUNTS, calendars())
def test_adding_then_counting_round_trips(start, days, calendar):
    end = add_working_days(start, days, *calendar)
    assert working_days_between(start, end, *calendar) == days


@given(DATES, DATES, calendars())
def test_counting_then_adding_lands_on_or_before_the_end(start, end, calendar):
    assume(start <= end)
    days = working_days_between(start, end, *calendar)
    landed = add_working_days(start, days, *calendar)
    assert landed <= end
    assert (landed == end) is (days == 0 and end == start or is_working_day(end, *calendar))


@given(DATES, DATES, calendars())
def test_counting_backwards_is_the_negative(start, end, calendar):
    assert working_days_between(start, end, *calendar) == -working_days_between(end, start,
                                                                                 *calendar)


@given(DATES, DATES, DATES, calendars())
def test_counts_add_up_over_consecutive_periods(a, b, c, calendar):
    a, b, c = sorted((a, b, c))
    assert (working_days_between(a, b, *calendar) + working_days_between(b, c, *calendar)
            == working_days_between(a, c, *calendar))


@given(DATES, calendars())
def test_a_holiday_never_counts_and_a_make_up_day_always_does(day, calendar):
    holidays, workdays = calendar
    if day in workdays:
        assert is_working_day(day, holidays, workdays)
    elif day in holidays or day.weekday() >= 5:
        assert not is_working_day(day, holidays, workdays)
    else:
        assert is_working_day(day, holidays, workdays)
