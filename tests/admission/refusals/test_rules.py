"""The pure rules of refusals: every list type × certificate or not, the day, the task, the
source, and the month folding of the public figures."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.admission.catalogue.rules import ListType
from govhub.admission.refusals.rules import (
    REFUSING,
    RuleCode,
    asked_on_problem,
    choose_rule,
    clean_text,
    department_problem,
    fold_by_month,
    is_refusal,
    month_of,
    what_problem,
)

EXPECTED = {
    # matched list type: (a task, a certificate asked for)
    None: (RuleCode.NOT_ADMITTED, RuleCode.CERTIFICATE_NOT_LISTED),
    ListType.NEGATIVE_LIST: (RuleCode.NEGATIVE_LIST, RuleCode.NEGATIVE_LIST),
    ListType.CERTIFICATE: (RuleCode.ADMITTED, RuleCode.ADMITTED),
    ListType.DUTY_BY_LAW: (RuleCode.ADMITTED, RuleCode.CERTIFICATE_NOT_LISTED),
    ListType.ASSISTING_GOVERNMENT: (RuleCode.ADMITTED, RuleCode.CERTIFICATE_NOT_LISTED),
    ListType.PLACARD: (RuleCode.ADMITTED, RuleCode.CERTIFICATE_NOT_LISTED),
}


def test_every_list_type_is_covered():
    assert set(EXPECTED) == {None, *ListType}


@pytest.mark.parametrize("matched", list(EXPECTED))
@pytest.mark.parametrize("asks_certificate", [False, True])
def test_the_rule_for_every_list_type_and_kind_of_task(matched, asks_certificate):
    assert choose_rule(matched, asks_certificate) == EXPECTED[matched][asks_certificate]


def test_only_admitted_is_not_a_refusal():
    assert [rule for rule in RuleCode if not is_refusal(rule)] == [RuleCode.ADMITTED]
    assert set(REFUSING) == set(RuleCode) - {RuleCode.ADMITTED}


TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("day", "problem"), [
    (None, "required"), (TODAY + timedelta(days=1), "future"), (TODAY, None),
    (TODAY - timedelta(days=366), None), (TODAY - timedelta(days=367), "too_old"),
])
def test_the_day_a_task_arrived(day, problem):
    assert asked_on_problem(day, TODAY) == problem


@pytest.mark.parametrize(("what", "problem"), [
    ("", "required"), ("x", None), ("字" * 500, None), ("字" * 501, "too_long"),
])
def test_what_was_asked(what, problem):
    assert what_problem(what) == problem


def test_text_is_cleaned_of_runs_of_spaces():
    assert clean_text("  填报\n 报表 ") == "填报 报表"
    assert clean_text(None) == ""


@pytest.mark.parametrize(("department_id", "other", "certificate", "problem"), [
    (1, "", False, None), (3, "", False, "unknown"), (None, "", False, "required"),
    (None, "街道某科室", False, None), (None, "x" * 121, False, "too_long"),
    (None, "", True, None), (3, "", True, "unknown"),
])
def test_the_source_department(department_id, other, certificate, problem):
    assert department_problem(department_id, other, [1, 2], certificate) == problem


def test_months_fold_days_per_department_newest_first():
    rows = [
        (date(2026, 10, 3), 2, RuleCode.NOT_ADMITTED, 1),
        (date(2026, 10, 20), 2, RuleCode.NOT_ADMITTED, 2),
        (date(2026, 10, 20), None, RuleCode.NEGATIVE_LIST, 1),
        (date(2026, 11, 1), 1, "certificate_not_listed", 4),
        (date(2026, 10, 5), 1, RuleCode.NEGATIVE_LIST, 1),
    ]
    lines = fold_by_month(rows)
    assert [(line.month, line.department_id) for line in lines] == [
        ("2026-11", 1), ("2026-10", 1), ("2026-10", 2), ("2026-10", None)]
    assert lines[2].counts[RuleCode.NOT_ADMITTED] == 3 and lines[2].total == 3
    assert lines[0].counts == {RuleCode.NEGATIVE_LIST: 0, RuleCode.CERTIFICATE_NOT_LISTED: 4,
                               RuleCode.NOT_ADMITTED: 0}
    assert fold_by_month([]) == []


def test_a_month_is_written_year_dash_month():
    assert month_of(date(2026, 3, 31)) == "2026-03"


ROWS = st.lists(st.tuples(st.dates(date(2020, 1, 1), date(2030, 12, 31)),
                          st.one_of(st.none(), st.integers(1, 5)),
                          st.sampled_from(REFUSING), st.integers(1, 50)), max_size=40)


@given(ROWS)
def test_folding_keeps_every_count_once_per_month_and_department(rows):
    lines = fold_by_month(rows)
    assert sum(line.total for line in lines) == sum(row[3] for row in rows)
    keys = [(line.month, line.department_id) for line in lines]
    assert len(keys) == len(set(keys)) == len({(month_of(r[0]), r[1]) for r in rows})
    assert [line.month for line in lines] == sorted((line.month for line in lines),
                                                    reverse=True)
