"""The pure rules of certificates: the resident, the day, the month × type counts."""

from datetime import date, timedelta

import pytest

from govhub.admission.certificates.rules import fold_by_month, issued_on_problem, resident_problem


@pytest.mark.parametrize(("username", "name", "problem"), [
    ("resident01", "", None), ("resident01", "张三", None), ("", "张三", None),
    ("", "", "required"), ("", "张" * 121, "too_long"),
])
def test_a_certificate_is_for_an_account_or_a_typed_name(username, name, problem):
    assert resident_problem(username, name) == problem


def test_the_day_issued_is_not_in_the_future():
    today = date(2026, 12, 7)
    assert issued_on_problem(today, today) is None
    assert issued_on_problem(today + timedelta(days=1), today) == "future"
    assert issued_on_problem(None, today) == "required"


def test_counts_fold_by_month_and_type():
    lines = fold_by_month([
        (date(2026, 11, 2), "ZM-01", "居住证明", "Proof", 2),
        (date(2026, 11, 9), "ZM-01", "居住证明（新）", "Proof", 1),
        (date(2026, 12, 1), "ZM-02", "认证协助", "", 1),
        (date(2026, 11, 3), "ZM-02", "认证协助", "", 1),
    ])
    assert [(line.month, line.code, line.count) for line in lines] == [
        ("2026-12", "ZM-02", 1), ("2026-11", "ZM-01", 3), ("2026-11", "ZM-02", 1)]
    assert lines[1].name == "居住证明（新）"
