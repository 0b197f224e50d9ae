"""A proposal's support threshold (a number, or a share of the confirmed residents), the
council's settings, the one support that crosses it, and the time limit to collect them.
"""

import itertools
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.proposals.rules import (
    DEFAULT_ANSWER_WORKING_DAYS,
    DEFAULT_THRESHOLD,
    DEFAULT_TIME_LIMIT_DAYS,
    ThresholdKind,
    check_settings,
    crossed,
    expires_on,
    is_expired,
    threshold_for,
)

K = ThresholdKind
SHARES = st.fractions(min_value=0, max_value=1, max_denominator=10_000).filter(lambda f: f > 0)
RESIDENTS = st.integers(min_value=0, max_value=1_000_000)


# --- thresholds ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, value, residents, expected", [
    (K.SHARE, Decimal("0.02"), 120, 3),      # 2.4 rounded up
    (K.SHARE, Decimal("0.02"), 100, 2),      # exactly 2, no rounding up past it
    (K.SHARE, Decimal("0.02"), 101, 3),
    (K.SHARE, Decimal("0.02"), 50, 1),
    (K.SHARE, Decimal("0.02"), 49, 1),
    (K.SHARE, Decimal("0.02"), 1, 1),
    (K.SHARE, Decimal("0.02"), 0, 1),        # a community with nobody confirmed yet
    (K.SHARE, Decimal("0.02"), 5000, 100),
    (K.SHARE, Fraction(1, 3), 10, 4),
    (K.SHARE, Fraction(1, 3), 9, 3),
    (K.SHARE, Decimal(1), 37, 37),
    (K.SHARE, 1, 37, 37),
    (K.ABSOLUTE, 10, 0, 10),
    (K.ABSOLUTE, 10, 5000, 10),
    (K.ABSOLUTE, 1, 3, 1),
    (K.ABSOLUTE, Decimal("25"), 3, 25),
    (K.ABSOLUTE, Decimal("25.00"), 3, 25),
    (K.ABSOLUTE, Fraction(30, 1), 3, 30),
    ("share", Decimal("0.5"), 7, 4),
    ("absolute", 8, 7, 8),
])
def test_threshold_examples(kind, value, residents, expected):
    assert threshold_for(kind, value, residents) == expected


@pytest.mark.parametrize("kind, value, problem", [
    (K.ABSOLUTE, 0, "threshold_below_one"),
    (K.ABSOLUTE, Decimal(0), "threshold_below_one"),
    (K.ABSOLUTE, -3, "threshold_below_one"),
    (K.ABSOLUTE, Decimal("2.5"), "invalid_threshold"),
    (K.ABSOLUTE, Fraction(1, 2), "invalid_threshold"),
    (K.ABSOLUTE, 10.0, "invalid_threshold"),
    (K.ABSOLUTE, "10", "invalid_threshold"),
    (K.ABSOLUTE, True, "invalid_threshold"),
    (K.ABSOLUTE, None, "invalid_threshold"),
    (K.SHARE, 0, "share_out_of_range"),
    (K.SHARE, Decimal(0), "share_out_of_range"),
    (K.SHARE, Decimal("-0.02"), "share_out_of_range"),
    (K.SHARE, Decimal("1.0001"), "share_out_of_range"),
    (K.SHARE, 2, "share_out_of_range"),
    (K.SHARE, 0.02, "invalid_threshold"),     # a float is not 2/100
    (K.SHARE, Decimal("NaN"), "invalid_threshold"),
    (K.SHARE, Decimal("Infinity"), "invalid_threshold"),
    (K.SHARE, "0.02", "invalid_threshold"),
    ("percent", Decimal("0.02"), "invalid_threshold_kind"),
    (None, 10, "invalid_threshold_kind"),
])
def test_impossible_thresholds_are_refused(kind, value, problem):
    with pytest.raises(ValueError, match=f"^{problem}$"):
        threshold_for(kind, value, 100)
    with pytest.raises(ValueError, match=f"^{problem}$"):
        check_settings(kind, value, DEFAULT_TIME_LIMIT_DAYS, DEFAULT_ANSWER_WORKING_DAYS)


@pytest.mark.parametrize("kind, value", [(K.SHARE, Decimal("0.02")), (K.ABSOLUTE, 5)])
def test_a_negative_number_of_residents_is_refused(kind, value):
    with pytest.raises(ValueError, match="^negative_residents$"):
        threshold_for(kind, value, -1)


@given(SHARES, RESIDENTS, RESIDENTS)
def test_a_share_threshold_grows_with_the_residents(share, fewer, more):
    fewer, more = sorted((fewer, more))
    assert threshold_for(K.SHARE, share, fewer) <= threshold_for(K.SHARE, share, more)


@given(SHARES, RESIDENTS)
def test_a_share_threshold_is_the_least_count_reaching_the_share(share, residents):
    threshold = threshold_for(K.SHARE, share, residents)
    assert threshold >= 1
    assert threshold <= max(residents, 1)
    assert threshold >= share * residents
    if threshold > 1:
        assert threshold - 1 < share * residents


@given(st.integers(min_value=1, max_value=1_000_000))
def test_a_share_of_one_is_every_resident(residents):
    assert threshold_for(K.SHARE, Decimal(1), residents) == residents
    assert threshold_for(K.SHARE, Fraction(1), residents) == residents


@given(st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4), RESIDENTS)
def test_a_decimal_share_rounds_as_exact_arithmetic_does(share, residents):
    exact = share * residents
    expected = max(1, int(exact) + (exact != int(exact)))
    assert threshold_for(K.SHARE, share, residents) == expected


@given(st.integers(min_value=1, max_value=10**9), RESIDENTS)
def test_an_absolute_threshold_ignores_the_residents(value, residents):
    assert threshold_for(K.ABSOLUTE, value, residents) == value


@given(st.integers(max_value=0))
def test_an_absolute_threshold_of_zero_or_less_is_refused(value):
    with pytest.raises(ValueError, match="^threshold_below_one$"):
        check_settings(K.ABSOLUTE, value, 90, 15)


# --- settings --------------------------------------------------------------------------------

def test_the_defaults_are_valid_settings():
    assert (K.SHARE, Decimal("0.02")) == DEFAULT_THRESHOLD
    assert (DEFAULT_TIME_LIMIT_DAYS, DEFAULT_ANSWER_WORKING_DAYS) == (90, 15)
    assert check_settings(*DEFAULT_THRESHOLD, DEFAULT_TIME_LIMIT_DAYS,
                          DEFAULT_ANSWER_WORKING_DAYS) is None


@pytest.mark.parametrize("time_limit, answer_days", [(1, 1), (3650, 365), (90, 15), (365, 30)])
def test_time_limits_at_the_edges_are_accepted(time_limit, answer_days):
    assert check_settings(K.ABSOLUTE, 1, time_limit, answer_days) is None
    assert check_settings(K.SHARE, Decimal(1), time_limit, answer_days) is None


@pytest.mark.parametrize("time_limit, answer_days, problem", [
    (0, 15, "invalid_time_limit"),
    (-90, 15, "invalid_time_limit"),
    (3651, 15, "invalid_time_limit"),
    (90.0, 15, "invalid_time_limit"),
    (True, 15, "invalid_time_limit"),
    ("90", 15, "invalid_time_limit"),
    (None, 15, "invalid_time_limit"),
    (90, 0, "invalid_answer_days"),
    (90, -1, "invalid_answer_days"),
    (90, 366, "invalid_answer_days"),
    (90, 15.0, "invalid_answer_days"),
    (90, True, "invalid_answer_days"),
    (90, None, "invalid_answer_days"),
])
def test_impossible_times_are_refused(time_limit, answer_days, problem):
    with pytest.raises(ValueError, match=f"^{problem}$"):
        check_settings(*DEFAULT_THRESHOLD, time_limit, answer_days)


@given(st.integers(min_value=-10_000, max_value=10_000), st.integers(-1000, 1000))
def test_times_are_accepted_exactly_within_their_ranges(time_limit, answer_days):
    valid = 1 <= time_limit <= 3650 and 1 <= answer_days <= 365
    try:
        check_settings(*DEFAULT_THRESHOLD, time_limit, answer_days)
    except ValueError:
        assert not valid
    else:
        assert valid


# --- crossing the threshold ------------------------------------------------------------------

@pytest.mark.parametrize("before, after, threshold, expected", [
    (9, 10, 10, True),      # the tenth support queues it
    (8, 9, 10, False),
    (10, 11, 10, False),    # already there: not queued twice
    (0, 1, 1, True),
    (8, 13, 10, True),      # a batch of paper supports entered at once
    (10, 9, 10, False),     # a support taken back
    (11, 10, 10, False),
    (5, 5, 10, False),
])
def test_only_the_support_that_reaches_the_threshold_crosses_it(before, after, threshold,
                                                                expected):
    assert crossed(before, after, threshold) is expected


@pytest.mark.parametrize("threshold", [0, -1])
def test_crossing_a_threshold_below_one_is_refused(threshold):
    with pytest.raises(ValueError, match="^threshold_below_one$"):
        crossed(0, 1, threshold)


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=600))
def test_counting_one_by_one_crosses_exactly_once(threshold, final):
    crossings = sum(crossed(n, n + 1, threshold) for n in range(final))
    assert crossings == (1 if final >= threshold else 0)


@given(st.integers(min_value=1, max_value=500),
       st.lists(st.integers(min_value=1, max_value=50), max_size=60))
def test_any_rising_count_crosses_at_most_once(threshold, steps):
    counts = list(itertools.accumulate(steps, initial=0))
    crossings = sum(crossed(a, b, threshold) for a, b in itertools.pairwise(counts))
    assert crossings == (1 if counts[-1] >= threshold else 0)


# --- the time limit --------------------------------------------------------------------------

@pytest.mark.parametrize("published, days, last_day", [
    (date(2026, 3, 1), 90, date(2026, 5, 30)),
    (date(2026, 5, 11), 1, date(2026, 5, 12)),
    (date(2026, 12, 15), 30, date(2027, 1, 14)),
    (date(2028, 2, 1), 29, date(2028, 3, 1)),    # across a leap day
    (date(2027, 2, 1), 29, date(2027, 3, 2)),
])
def test_the_last_day_to_collect_supports(published, days, last_day):
    assert expires_on(published, days) == last_day
    assert not is_expired(published, published, days)
    assert not is_expired(last_day - timedelta(days=1), published, days)
    assert not is_expired(last_day, published, days)
    assert is_expired(last_day + timedelta(days=1), published, days)


@pytest.mark.parametrize("days", [0, -1])
def test_a_time_limit_below_one_day_is_refused(days):
    with pytest.raises(ValueError, match="^invalid_time_limit$"):
        expires_on(date(2026, 5, 11), days)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
       st.integers(min_value=1, max_value=3650), st.integers(min_value=-400, max_value=4000))
def test_expired_exactly_after_the_limits_last_day(published, days, offset):
    today = published + timedelta(days=offset)
    assert is_expired(today, published, days) is (offset > days)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
       st.integers(min_value=1, max_value=3650))
def test_the_first_expired_day_is_the_day_after_the_last(published, days):
    last = expires_on(published, days)
    assert not is_expired(last, published, days)
    assert is_expired(last + timedelta(days=1), published, days)
