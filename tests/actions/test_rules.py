"""An action item's life as a state machine, its check-in figures, and deadlines in the
community's time zone."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.actions.rules import (
    FINISHED,
    OPEN,
    TRANSITIONS,
    ActionStatus,
    Deadline,
    Step,
    can_move,
    deadline,
    due_date_problem,
    hours_problem,
    local_today,
    progress_after,
    progress_problem,
    step_of,
    transition_problem,
    week_of,
)

S = ActionStatus
ALLOWED = {
    (S.PLANNED, S.IN_PROGRESS): Step.WORK,
    (S.PLANNED, S.BLOCKED): Step.WORK,
    (S.IN_PROGRESS, S.BLOCKED): Step.WORK,
    (S.IN_PROGRESS, S.DONE): Step.WORK,
    (S.BLOCKED, S.IN_PROGRESS): Step.WORK,
    (S.DONE, S.VERIFIED): Step.VERIFY,
    (S.DONE, S.IN_PROGRESS): Step.REOPEN,
}
SHANGHAI = "Asia/Shanghai"


# --- the state machine -----------------------------------------------------------------

@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_only_the_agreed_steps_are_allowed(current, target):
    assert can_move(current, target) is ((current, target) in ALLOWED)
    assert step_of(current, target) == ALLOWED.get((current, target))


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_pair_with_a_reason_is_refused_only_when_not_allowed(current, target):
    expected = None if (current, target) in ALLOWED else (
        "same_status" if current == target else "transition_not_allowed")
    assert transition_problem(current, target, "材料已到，开工") == expected


@pytest.mark.parametrize("current, target", sorted(ALLOWED))
@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None, 5])
def test_an_allowed_change_without_a_reason_is_refused(current, target, reason):
    assert transition_problem(current, target, reason) == "reason_required"


def test_every_status_has_its_transitions_listed():
    assert set(TRANSITIONS) == set(S)


def test_a_verified_item_is_final():
    assert not TRANSITIONS[S.VERIFIED]


def test_open_and_finished_split_the_statuses():
    assert set(S) == OPEN | FINISHED and not OPEN & FINISHED


# --- progress and effort -----------------------------------------------------------------

@pytest.mark.parametrize("value", [None, 0, 1, 50, 99, 100])
def test_progress_from_0_to_100_is_accepted(value):
    assert progress_problem(value) is None


@pytest.mark.parametrize("value", [-1, 101, 1000, 50.5, "50", True, False, Decimal(5), [50]])
def test_progress_outside_0_to_100_or_not_a_whole_number_is_refused(value):
    assert progress_problem(value) == "invalid_progress"


@given(st.integers())
def test_progress_is_valid_exactly_within_the_range(value):
    assert (progress_problem(value) is None) is (0 <= value <= 100)


@pytest.mark.parametrize("status, reported, current, after", [
    (S.IN_PROGRESS, 40, 10, 40),
    (S.IN_PROGRESS, None, 10, 10),
    (S.BLOCKED, 0, 30, 0),
    (S.DONE, 60, 60, 100),
    (S.DONE, None, 80, 100),
    (S.VERIFIED, None, 100, 100),
])
def test_a_finished_item_is_100_percent_done(status, reported, current, after):
    assert progress_after(status, reported, current) == after


@pytest.mark.parametrize("value", [None, 0, 12, Decimal("1.5"), Decimal("0.25"), Decimal(10_000)])
def test_hours_are_none_or_0_to_10000_in_hundredths(value):
    assert hours_problem(value) is None


@pytest.mark.parametrize("value", [-1, Decimal("-0.01"), Decimal("10000.01"), Decimal("NaN"),
                                   Decimal("Infinity"), Decimal("1.234"), 1.5, "3", True])
def test_other_hours_are_refused(value):
    assert hours_problem(value) == "invalid_hours"


# --- due dates and deadlines ---------------------------------------------------------------

def test_today_is_the_communitys_day_not_utcs():
    late_evening_utc = datetime(2026, 5, 10, 17, 30, tzinfo=UTC)  # 01:30 on the 11th in Shanghai
    assert local_today(late_evening_utc, SHANGHAI) == date(2026, 5, 11)
    assert local_today(late_evening_utc, "Europe/London") == date(2026, 5, 10)


@pytest.mark.parametrize("due, previous, problem", [
    (date(2026, 5, 11), None, None),                 # today
    (date(2026, 5, 12), None, None),
    (date(2026, 5, 10), None, "due_date_past"),      # yesterday
    (date(2026, 5, 10), date(2026, 5, 10), None),    # an unchanged past date may stay
    (date(2026, 5, 9), date(2026, 5, 10), "due_date_past"),
    (date(2036, 12, 31), None, None),
    (date(2037, 1, 1), None, "due_date_far"),
    ("2026-05-12", None, "invalid_due_date"),
    (datetime(2026, 5, 12, tzinfo=UTC), None, "invalid_due_date"),
    (None, None, "invalid_due_date"),
])
def test_a_due_date_is_from_today_on(due, previous, problem):
    assert due_date_problem(due, date(2026, 5, 11), previous) == problem


NOW = datetime(2026, 5, 10, 17, 30, tzinfo=UTC)  # 11 May, 01:30 in Shanghai


@pytest.mark.parametrize("due, status, expected", [
    (date(2026, 5, 8), S.IN_PROGRESS, Deadline("overdue", 3)),
    (date(2026, 5, 10), S.BLOCKED, Deadline("overdue", 1)),
    (date(2026, 5, 11), S.PLANNED, Deadline("due_today", 0)),
    (date(2026, 5, 14), S.PLANNED, Deadline("upcoming", 3)),
])
def test_an_open_item_is_overdue_by_whole_days_in_the_communitys_zone(due, status, expected):
    assert deadline(due, status, None, NOW, SHANGHAI) == expected


def test_the_same_moment_is_not_yet_overdue_where_the_day_has_not_ended():
    assert deadline(date(2026, 5, 10), S.IN_PROGRESS, None, NOW, "Europe/London") == Deadline(
        "due_today", 0)


@pytest.mark.parametrize("done_at, expected", [
    (datetime(2026, 5, 9, 2, 0, tzinfo=UTC), Deadline("done", 0, date(2026, 5, 9))),
    # 23:30 UTC on the 9th is the 10th in Shanghai: a day after the due date.
    (datetime(2026, 5, 9, 23, 30, tzinfo=UTC), Deadline("done", 1, date(2026, 5, 10))),
    (datetime(2026, 5, 1, 8, 0, tzinfo=UTC), Deadline("done", 0, date(2026, 5, 1))),
])
def test_a_done_item_says_the_day_it_was_done_and_how_late(done_at, expected):
    for status in (S.DONE, S.VERIFIED):
        assert deadline(date(2026, 5, 9), status, done_at, NOW, SHANGHAI) == expected


def test_a_reopened_item_is_measured_against_its_due_date_again():
    done_at = datetime(2026, 5, 1, tzinfo=UTC)
    assert deadline(date(2026, 5, 9), S.IN_PROGRESS, done_at, NOW, SHANGHAI) == Deadline(
        "overdue", 2)


def test_a_week_runs_from_monday_to_sunday():
    assert week_of(date(2026, 5, 13)) == (date(2026, 5, 11), date(2026, 5, 17))  # a Wednesday
    assert week_of(date(2026, 5, 17)) == (date(2026, 5, 11), date(2026, 5, 17))  # Sunday
    assert week_of(date(2026, 5, 18)) == (date(2026, 5, 18), date(2026, 5, 24))  # Monday
