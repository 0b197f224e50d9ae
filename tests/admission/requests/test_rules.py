"""The admission requests' pure rules: the lifecycle over every pair of states, checking a
request, deadlines in working days with holidays, reminders, and report once."""

from datetime import date
from decimal import Decimal
from itertools import product

import pytest

from govhub.admission.catalogue.rules import ListType
from govhub.admission.requests import rules
from govhub.admission.requests.rules import (
    Calendar,
    Candidate,
    FieldError,
    Reminder,
    RequestAction,
    RequestState,
)

S = RequestState
EDGES = {
    (S.DRAFT, S.SUBMITTED), (S.DRAFT, S.PENDING_REVIEW), (S.SUBMITTED, S.CONSULTATION),
    (S.CONSULTATION, S.APPROVED), (S.CONSULTATION, S.CONDITIONAL),
    (S.CONSULTATION, S.REJECTED), (S.PENDING_REVIEW, S.APPROVED),
    (S.PENDING_REVIEW, S.CONDITIONAL), (S.PENDING_REVIEW, S.REJECTED),
    (S.DRAFT, S.WITHDRAWN), (S.SUBMITTED, S.WITHDRAWN), (S.CONSULTATION, S.WITHDRAWN),
    (S.PENDING_REVIEW, S.WITHDRAWN),
}


@pytest.mark.parametrize(("source", "target"), list(product(RequestState, RequestState)))
def test_every_pair_of_states(source, target):
    assert rules.can_move(source, target) == ((source, target) in EDGES)


@pytest.mark.parametrize(("state", "action"), list(product(RequestState, RequestAction)))
def test_every_action_in_every_state_lands_on_an_edge_or_nowhere(state, action):
    target = rules.next_state(state, action)
    assert target is None or (state, target) in EDGES
    if state in rules.DECIDED or state == S.WITHDRAWN:
        assert target is None


def test_decided_and_withdrawn_requests_are_final():
    for state in rules.DECIDED | {S.WITHDRAWN}:
        assert rules.allowed_actions(state) == []


GOOD = {"title": "人口信息采集", "law": "《中华人民共和国统计法》", "article": "第七条",
        "why_not_itself": "无入户人员", "period_from": date(2027, 1, 1)}


def test_a_good_request_is_read_with_its_defaults():
    data = rules.check_request({**GOOD, "data_fields": " 姓名 \n\n姓名\n 身份证号"})
    assert data.data_fields == ("姓名", "身份证号")
    assert data.list_type == ListType.ASSISTING_GOVERNMENT
    assert data.hours_per_month == Decimal(0) and data.emergency is None


@pytest.mark.parametrize(("change", "field", "problem"), [
    ({"law": ""}, "law", "required"), ({"article": " "}, "article", "required"),
    ({"why_not_itself": ""}, "why_not_itself", "required"),
    ({"title": "x" * 201}, "title", "too_long"),
    ({"hours_per_month": "-1"}, "hours_per_month", "out_of_range"),
    ({"hours_per_month": "1.234"}, "hours_per_month", "too_precise"),
    ({"hours_per_month": "lots"}, "hours_per_month", "not_a_number"),
    ({"period_from": None}, "period_from", "required"),
    ({"period_to": date(2026, 12, 31)}, "period_to", "before_start"),
    ({"list_type": "negative_list"}, "list_type", "unknown"),
    ({"emergency": "flood"}, "emergency", "unknown"),
    ({"data_fields": "x" * 201}, "data_fields", "too_long"),
])
def test_a_bad_request_names_its_field(change, field, problem):
    with pytest.raises(FieldError) as error:
        rules.check_request({**GOOD, **change})
    assert (error.value.field, error.value.problem) == (field, problem)


def test_a_decision_needs_reasons_and_conditions_when_conditional():
    rules.check_decision(RequestAction.APPROVE, "需要", "")
    with pytest.raises(FieldError, match="reasons"):
        rules.check_decision(RequestAction.REJECT, "  ", "")
    with pytest.raises(FieldError, match="conditions"):
        rules.check_decision(RequestAction.APPROVE_WITH_CONDITIONS, "需要", " ")
    with pytest.raises(FieldError, match="decision"):
        rules.check_decision(RequestAction.SUBMIT, "需要", "")


def test_legal_basis_joins_law_and_article():
    assert rules.legal_basis("《统计法》", "第七条") == "《统计法》第七条"
    assert rules.legal_basis("Statistics Law", "art. 7") == "Statistics Law art. 7"


# --- deadlines -------------------------------------------------------------------------------

def test_the_decision_is_due_fifteen_working_days_later_skipping_weekends():
    # Monday 2027-03-01 + 15 working days: three weeks later, Monday 2027-03-22.
    assert rules.due_on(date(2027, 3, 1), 15, Calendar()) == date(2027, 3, 22)


def test_holidays_push_the_deadline_and_make_up_days_pull_it():
    national_day = frozenset(date(2026, 10, d) for d in range(1, 8))
    calendar = Calendar(holidays=national_day, workdays=frozenset({date(2026, 10, 10)}))
    # From Wednesday 30 September: 1 Oct–7 Oct off, Thursday 8, Friday 9, Saturday 10
    # (worked), Monday 12, Tuesday 13.
    assert rules.due_on(date(2026, 9, 30), 5, calendar) == date(2026, 10, 13)
    assert rules.due_on(date(2026, 9, 30), 5, Calendar()) == date(2026, 10, 7)


def test_rereview_is_the_end_of_the_period_or_a_year_later():
    assert rules.rereview_on(date(2027, 2, 1), date(2027, 12, 31)) == date(2027, 12, 31)
    assert rules.rereview_on(date(2027, 2, 1), None) == date(2028, 2, 1)
    assert rules.rereview_on(date(2028, 2, 29), None) == date(2029, 2, 28)


def test_overdue_only_while_under_review_and_after_the_due_day():
    due = date(2027, 3, 22)
    assert not rules.is_overdue(S.CONSULTATION, due, due)
    assert rules.is_overdue(S.CONSULTATION, due, date(2027, 3, 23))
    assert rules.is_overdue(S.PENDING_REVIEW, due, date(2027, 3, 23))
    assert not rules.is_overdue(S.APPROVED, due, date(2027, 3, 23))
    assert not rules.is_overdue(S.DRAFT, None, date(2027, 3, 23))


def test_reminders_the_day_before_and_once_overdue():
    due = date(2027, 3, 22)
    assert rules.reminder_due(date(2027, 3, 20), due) is None
    assert rules.reminder_due(date(2027, 3, 21), due) == Reminder.DUE_SOON
    assert rules.reminder_due(due, due) is None
    assert rules.reminder_due(date(2027, 3, 23), due) == Reminder.OVERDUE


def test_views_are_open_during_the_window_only():
    closes = date(2027, 3, 8)
    assert rules.views_open(S.CONSULTATION, closes, closes)
    assert not rules.views_open(S.CONSULTATION, closes, date(2027, 3, 9))
    assert not rules.views_open(S.SUBMITTED, closes, closes)
    assert rules.views_open(S.PENDING_REVIEW, closes, closes)


# --- report once -----------------------------------------------------------------------------

CATALOGUE = [
    Candidate("item", 1, "高龄津贴申报初审",
              rules.item_fields("高龄津贴申报初审", "申报表、初审意见")),
    Candidate("item", 2, "退役军人信息采集", ("退役军人信息采集", "信息采集表")),
    Candidate("request", 7, "独居老人摸底", ("老人姓名", "身份证号码", "联系电话")),
]


def test_a_request_asking_for_data_already_asked_is_found_in_chinese():
    found = rules.report_once("空巢老人信息统计", ("姓名", "身份证号", "联系电话", "血型"),
                              CATALOGUE)
    assert [(m.kind, m.id) for m in found] == [("request", 7)]
    assert found[0].shared_fields == ("姓名", "身份证号", "联系电话")  # not 血型


def test_a_nearly_identical_title_is_found_without_shared_fields():
    found = rules.report_once("退役军人信息采集（2027年）", (), CATALOGUE)
    assert [(m.kind, m.id, m.same_title) for m in found] == [("item", 2, True)]


def test_unrelated_requests_find_nothing():
    assert rules.report_once("垃圾分类宣传", ("宣传次数",), CATALOGUE) == []


def test_full_width_and_case_do_not_hide_a_match():
    found = rules.report_once("Census", ("ＩＤ Number",),
                              [Candidate("request", 3, "census 2030", ("id number",))])
    assert found and found[0].shared_fields == ("ＩＤ Number",) and found[0].same_title


def test_catalogue_items_rank_before_requests_when_equal():
    candidates = [Candidate("request", 1, "a", ("联系电话",)), Candidate("item", 9, "b",
                                                                         ("联系电话",))]
    assert [m.kind for m in rules.report_once("x", ("联系电话",), candidates)] == [
        "item", "request"]


def test_one_common_field_alone_is_not_a_match():
    found = rules.report_once("垃圾分类督导", ("姓名", "督导次数"),
                              [Candidate("request", 1, "其他", ("姓名", "住址"))])
    assert found == []
