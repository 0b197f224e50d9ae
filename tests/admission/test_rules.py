"""One CSV row of the work-item catalogue, read by a pure function."""

from datetime import date
from decimal import Decimal

import pytest

from govhub.admission.catalogue.rules import CHINESE_NAMES, ListType, RowError, parse_row

GOOD = {"code": "YF-01", "name": "居民委员会选举", "list_type": "duty_by_law",
        "legal_basis": "《城市居民委员会组织法》第八条"}


def row(**cells):
    return {**GOOD, **cells}


def test_a_minimal_row_is_read():
    item = parse_row(GOOD)
    assert (item.code, item.name, item.list_type) == ("YF-01", "居民委员会选举",
                                                      ListType.DUTY_BY_LAW)
    assert item.hours_per_month == Decimal(0) and item.assessable is False
    assert item.effective_from is None and item.effective_to is None


def test_every_column_is_read():
    item = parse_row(row(name_en="Election", lead_department="民政局", community_role="组织",
                         deliverables="选举台账", frequency="每三年", hours_per_month="12.5",
                         resources="工作经费", assessable="是", effective_from="2026-01-01",
                         effective_to="2028-12-31"))
    assert item.name_en == "Election" and item.lead_department == "民政局"
    assert item.hours_per_month == Decimal("12.50") and item.assessable is True
    assert (item.effective_from, item.effective_to) == (date(2026, 1, 1), date(2028, 12, 31))


@pytest.mark.parametrize("kind", list(ListType))
def test_a_list_type_may_be_given_by_value_or_chinese_name(kind):
    extra = {"legal_basis": "x"}
    assert parse_row(row(list_type=kind.value, **extra)).list_type == kind
    assert parse_row(row(list_type=CHINESE_NAMES[kind], **extra)).list_type == kind
    assert parse_row(row(list_type=kind.value.upper(), **extra)).list_type == kind


@pytest.mark.parametrize("kind", [ListType.NEGATIVE_LIST, ListType.CERTIFICATE,
                                  ListType.PLACARD])
def test_other_lists_need_no_legal_basis(kind):
    assert parse_row(row(list_type=kind.value, legal_basis="")).legal_basis == ""


@pytest.mark.parametrize("value, expected", [
    ("yes", True), ("YES", True), ("是", True), ("true", True), ("1", True), ("y", True),
    ("no", False), ("否", False), ("false", False), ("0", False), ("", False), ("n", False),
])
def test_assessable_reads_yes_and_no(value, expected):
    assert parse_row(row(assessable=value)).assessable is expected


@pytest.mark.parametrize("value, expected", [
    ("0", "0"), ("744", "744"), ("0.5", "0.5"), ("12.25", "12.25"), ("", "0"), (" 3 ", "3"),
])
def test_hours_within_a_month_are_read(value, expected):
    assert parse_row(row(hours_per_month=value)).hours_per_month == Decimal(expected)


@pytest.mark.parametrize("value", ["=1+1", "'=1+1"])
def test_a_cell_quoted_by_an_export_is_read_back(value):
    assert parse_row(row(deliverables=value)).deliverables == "=1+1"


@pytest.mark.parametrize("cells, field, problem", [
    ({"code": ""}, "code", "required"),
    ({"code": "  "}, "code", "required"),
    ({"code": "A B"}, "code", "bad_pattern"),
    ({"code": "-A1"}, "code", "bad_pattern"),
    ({"code": "事项1"}, "code", "bad_pattern"),
    ({"code": "A" * 33}, "code", "bad_pattern"),
    ({"code": "A/1"}, "code", "bad_pattern"),
    ({"name": ""}, "name", "required"),
    ({"name": "x" * 201}, "name", "too_long"),
    ({"legal_basis": "x" * 501}, "legal_basis", "too_long"),
    ({"list_type": ""}, "list_type", "required"),
    ({"list_type": "duty"}, "list_type", "unknown"),
    ({"list_type": "依法履职"}, "list_type", "unknown"),
    ({"list_type": "duty_by_law", "legal_basis": ""}, "legal_basis", "required"),
    ({"list_type": "assisting_government", "legal_basis": " "}, "legal_basis", "required"),
    ({"hours_per_month": "abc"}, "hours_per_month", "not_a_number"),
    ({"hours_per_month": "NaN"}, "hours_per_month", "not_a_number"),
    ({"hours_per_month": "Infinity"}, "hours_per_month", "not_a_number"),
    ({"hours_per_month": "-1"}, "hours_per_month", "out_of_range"),
    ({"hours_per_month": "744.01"}, "hours_per_month", "out_of_range"),
    ({"hours_per_month": "1e9"}, "hours_per_month", "out_of_range"),
    ({"hours_per_month": "1.125"}, "hours_per_month", "too_precise"),
    ({"assessable": "maybe"}, "assessable", "not_yes_no"),
    ({"effective_from": "2026/01/01"}, "effective_from", "not_a_date"),
    ({"effective_from": "2026-02-30"}, "effective_from", "not_a_date"),
    ({"effective_to": "20260101"}, "effective_to", "not_a_date"),
    ({"effective_from": "2026-06-01", "effective_to": "2026-05-31"}, "effective_to",
     "before_start"),
])
def test_a_bad_cell_is_named(cells, field, problem):
    with pytest.raises(RowError) as caught:
        parse_row(row(**cells))
    assert (caught.value.field, caught.value.problem) == (field, problem)


def test_one_day_periods_are_allowed():
    item = parse_row(row(effective_from="2026-06-01", effective_to="2026-06-01"))
    assert item.effective_from == item.effective_to


def test_missing_columns_read_as_empty():
    assert parse_row({"code": "A1", "name": "挂牌", "list_type": "placard"}).frequency == ""
