"""Delivery arithmetic: durations, lateness in the community's days, and group figures."""

from datetime import UTC, date, datetime, timedelta

import pytest

from govhub.accountability import rules

SHANGHAI = "Asia/Shanghai"
T0 = datetime(2026, 5, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def _facts(item_id=1, finished=False, verified=False, first=None, done=None, due_by_now=False,
           late=False, overdue=False, **dims):
    return rules.Facts(item_id, finished, verified, first, done,
                       rules.Punctuality(due_by_now, late, overdue), dims)


def test_days_between_counts_fractions_of_a_day():
    assert rules.days_between(T0, T0 + timedelta(hours=36)) == 1.5


def test_days_between_without_an_end_is_unknown():
    assert rules.days_between(T0, None) is None
    assert rules.days_between(None, T0) is None


def test_days_between_is_never_negative():
    assert rules.days_between(T0, T0 - timedelta(days=1)) == 0


def test_an_open_item_past_its_due_day_is_overdue_and_late():
    found = rules.punctuality(date(2026, 5, 1), False, None, date(2026, 5, 2), SHANGHAI)
    assert found == rules.Punctuality(due_by_now=True, late=True, overdue_now=True)


def test_an_open_item_on_its_due_day_is_not_yet_due():
    found = rules.punctuality(date(2026, 5, 2), False, None, date(2026, 5, 2), SHANGHAI)
    assert found == rules.Punctuality(False, False, False)


def test_an_item_done_on_its_due_day_is_on_time():
    done = datetime(2026, 5, 1, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai, May 1
    found = rules.punctuality(date(2026, 5, 1), True, done, date(2026, 6, 1), SHANGHAI)
    assert found == rules.Punctuality(True, False, False)


def test_done_after_midnight_in_the_community_is_a_day_late():
    done = datetime(2026, 5, 1, 16, 1, tzinfo=UTC)  # 00:01 in Shanghai, May 2
    found = rules.punctuality(date(2026, 5, 1), True, done, date(2026, 6, 1), SHANGHAI)
    assert found == rules.Punctuality(True, True, False)


def test_a_finished_item_counts_even_before_its_due_day():
    done = T0
    found = rules.punctuality(date(2026, 6, 1), True, done, date(2026, 5, 2), SHANGHAI)
    assert found == rules.Punctuality(True, False, False)


def test_durations_give_the_median_mean_and_count_of_known_values():
    found = rules.Durations.of([1.0, None, 2.0, 10.0])
    assert found == rules.Durations(3, 2.0, 4.3)


def test_durations_of_nothing_are_unknown():
    assert rules.Durations.of([None]) == rules.Durations(0, None, None)


def test_the_overdue_rate_is_late_items_over_items_due_by_now():
    summary = rules.summarize([
        _facts(1, finished=True, done=3.0, first=1.0, due_by_now=True),
        _facts(2, finished=True, verified=True, done=5.0, first=2.0, due_by_now=True,
               late=True),
        _facts(3, due_by_now=True, late=True, overdue=True, first=4.0),
        _facts(4),  # open, not yet due, no check-in
    ])
    assert (summary.items, summary.open, summary.finished, summary.verified) == (4, 2, 2, 1)
    assert (summary.due_by_now, summary.late, summary.overdue_now) == (3, 2, 1)
    assert summary.overdue_rate == pytest.approx(2 / 3, abs=1e-4)
    assert summary.overdue_percent == 67
    assert summary.first_action == rules.Durations(3, 2.0, 2.3)
    assert summary.done == rules.Durations(2, 4.0, 4.0)


def test_nothing_due_yet_has_no_overdue_rate():
    summary = rules.summarize([_facts(1)])
    assert summary.overdue_rate is None and summary.overdue_percent is None


def test_groups_are_summed_apart_and_the_missing_value_comes_last():
    facts = [_facts(1, council=None), _facts(2, council=7, due_by_now=True, late=True),
             _facts(3, council=7, due_by_now=True), _facts(4, council=3)]
    labels = {None: "Office", 7: "Building council", 3: "Residents' meeting"}
    groups = rules.group_by(facts, "council", labels.get)
    assert [(g.key, g.summary.items) for g in groups] == [(7, 2), (3, 1), (None, 1)]
    assert groups[0].summary.overdue_rate == 0.5


def test_as_dict_is_plain_data():
    summary = rules.summarize([_facts(1, finished=True, done=1.25, due_by_now=True)])
    assert summary.as_dict() == {
        "items": 1, "open": 0, "finished": 1, "verified": 0, "overdue_now": 0,
        "due_by_now": 1, "late": 0, "overdue_rate": 0.0,
        "days_to_first_action": {"count": 0, "median": None, "mean": None},
        "days_to_done": {"count": 1, "median": 1.2, "mean": 1.2}}
