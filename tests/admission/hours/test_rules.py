from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.admission.catalogue.rules import ListType
from govhub.admission.hours import rules
from govhub.admission.hours.rules import HoursError, HoursType, Share, TargetKind

TODAY = date(2026, 12, 7)  # a Monday


def code_of(call, *args) -> str:
    with pytest.raises(HoursError) as raised:
        call(*args)
    return raised.value.code


@pytest.mark.parametrize("list_type", list(ListType))
def test_a_work_item_counts_under_its_list_type(list_type):
    assert rules.hours_type(TargetKind.WORK_ITEM, list_type).value == list_type.value


@pytest.mark.parametrize("kind", [TargetKind.ACTION_ITEM, TargetKind.MEETING])
def test_action_items_and_meetings_are_self_government(kind):
    assert rules.hours_type(kind) == HoursType.SELF_GOVERNMENT
    assert rules.SHARES[rules.hours_type(kind)] == Share.FOR_RESIDENTS


def test_other_work_is_other():
    assert rules.hours_type(TargetKind.OTHER) == HoursType.OTHER


def test_a_work_item_without_its_list_type_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.hours_type(TargetKind.WORK_ITEM)


def test_every_hours_type_has_a_share():
    assert set(rules.SHARES) == set(HoursType)
    assert rules.SHARES[HoursType.ASSISTING_GOVERNMENT] == Share.FOR_DEPARTMENTS
    assert rules.SHARES[HoursType.NEGATIVE_LIST] == Share.FOR_DEPARTMENTS
    assert rules.SHARES[HoursType.DUTY_BY_LAW] == Share.BY_LAW


@pytest.mark.parametrize(("minutes", "code"), [
    (0, "not_positive"), (-15, "not_positive"), (1441, "over_a_day"), ("30", "not_a_number"),
    (True, "not_a_number"), (None, "not_a_number"), (1.5, "not_a_number")])
def test_bad_minutes_are_refused(minutes, code):
    assert code_of(rules.check_minutes, minutes) == code


@pytest.mark.parametrize("minutes", [1, 15, 30, 60, 120, 1440])
def test_good_minutes_pass(minutes):
    assert rules.check_minutes(minutes) == minutes


def test_a_future_day_is_refused():
    assert code_of(rules.check_day, TODAY + timedelta(days=1), TODAY) == "future"


def test_today_and_the_past_year_pass_and_older_is_refused():
    assert rules.check_day(TODAY, TODAY) == TODAY
    assert rules.check_day(TODAY - timedelta(days=366), TODAY)
    assert code_of(rules.check_day, TODAY - timedelta(days=367), TODAY) == "too_old"
    assert code_of(rules.check_day, "2026-12-01", TODAY) == "not_a_date"


def test_a_day_holds_at_most_24_hours():
    rules.check_day_total(60, 1380)
    assert code_of(rules.check_day_total, 61, 1380) == "day_full"


def test_other_work_needs_a_note_and_notes_are_bounded():
    assert code_of(rules.check_note, "  ", TargetKind.OTHER) == "required"
    assert rules.check_note("  开会  准备 ", TargetKind.OTHER) == "开会 准备"
    assert rules.check_note("", TargetKind.WORK_ITEM) == ""
    assert code_of(rules.check_note, "字" * 501, TargetKind.MEETING) == "too_long"


def test_check_entry_checks_in_the_form_order():
    assert code_of(rules.check_entry, TargetKind.OTHER, 0, TODAY + timedelta(days=1), "",
                   TODAY, 0) == "not_positive"
    assert code_of(rules.check_entry, TargetKind.OTHER, 30, TODAY + timedelta(days=1), "",
                   TODAY, 0) == "future"
    assert code_of(rules.check_entry, TargetKind.OTHER, 30, TODAY, "", TODAY, 0) == "required"
    assert code_of(rules.check_entry, TargetKind.MEETING, 30, TODAY, "", TODAY,
                   1430) == "day_full"
    assert rules.check_entry(TargetKind.MEETING, 30, TODAY, " 议事 ", TODAY, 0) == "议事"


@pytest.mark.parametrize(("days_ago", "editable"), [
    (-1, False), (0, True), (1, True), (14, True), (15, False)])
def test_entries_of_the_last_14_days_are_editable(days_ago, editable):
    assert rules.editable(TODAY - timedelta(days=days_ago), TODAY) is editable


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_week_and_month_starts(day):
    monday = rules.week_start(day)
    assert monday.weekday() == 0 and 0 <= (day - monday).days < 7
    assert rules.month_start(day).day == 1 and rules.month_start(day).month == day.month


def test_the_sheet_is_checked_all_or_nothing():
    cells = {("work_item:1", TODAY): 600, ("action_item:2", TODAY): 600,
             ("work_item:1", TODAY - timedelta(days=1)): 0}
    rules.check_sheet(cells, {TODAY: 240}, TODAY)
    assert code_of(rules.check_sheet, cells, {TODAY: 241}, TODAY) == "day_full"
    assert code_of(rules.check_sheet, {("work_item:1", TODAY + timedelta(days=1)): 30}, {},
                   TODAY) == "future"
    assert code_of(rules.check_sheet, {("work_item:1", TODAY): 2000}, {}, TODAY) == "over_a_day"


def test_a_future_day_left_empty_on_the_sheet_is_fine():
    rules.check_sheet({("work_item:1", TODAY + timedelta(days=3)): 0}, {}, TODAY)


@pytest.mark.parametrize(("asked", "weeks"), [
    (None, 8), ("", 8), ("x", 8), (0, 1), (-3, 1), (1, 1), (8, 8), ("13", 13), (52, 52),
    (53, 52), (1000, 52)])
def test_the_week_range_is_8_by_default_and_at_most_52(asked, weeks):
    span = rules.week_range(TODAY, asked)
    assert span.weeks == weeks == len(span.mondays)
    assert span.first.weekday() == 0 and span.last == rules.week_start(TODAY) + timedelta(6)
    assert span.mondays[-1] == rules.week_start(TODAY)


def test_heat_levels_and_texts():
    assert rules.heat_level(0) == 0
    assert rules.heat_level(1) == 1
    assert rules.heat_level(40 * 60) == 4
    assert rules.heat_level(80 * 60) == 4
    assert rules.percent(1, 3) == 33 and rules.percent(5, 0) == 0
    assert rules.hours_text(90) == "1.5"
