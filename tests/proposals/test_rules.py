"""A resident proposal's life as a state machine, its support threshold and time limit,
the answers owed to its supporters, hidden comments and merges."""

import ast
import itertools
import pickle
import re
import sys
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govhub.proposals import rules
from govhub.proposals.rules import (
    ANSWERS,
    DEFAULT_ANSWER_WORKING_DAYS,
    DEFAULT_THRESHOLD,
    DEFAULT_TIME_LIMIT_DAYS,
    FINAL,
    MERGE_TARGETS,
    OPEN_FOR_COMMENTS,
    OPEN_FOR_SUPPORT,
    REPORTS_TO_HIDE,
    TRANSITIONS,
    ProposalAction,
    ProposalState,
    Stance,
    ThresholdKind,
    TransitionNotAllowed,
    allowed_actions,
    can_merge,
    check_answer,
    check_settings,
    crossed,
    expires_on,
    hidden_by_reports,
    is_expired,
    merge_supporters,
    next_state,
    open_for_comments,
    supports_withdrawable,
    threshold_for,
)

S, A, K = ProposalState, ProposalAction, ThresholdKind
ALLOWED = {
    (S.DRAFT, A.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, A.REACH_THRESHOLD): S.QUEUED,
    (S.PUBLISHED, A.ARCHIVE): S.ARCHIVED,
    (S.DRAFT, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.MERGE): S.MERGED,
    (S.QUEUED, A.MERGE): S.MERGED,
    (S.QUEUED, A.ACCEPT): S.ACCEPTED,
    (S.QUEUED, A.DO_DIRECTLY): S.DONE_BY_OFFICE,
    (S.QUEUED, A.DECLINE_NOT_FEASIBLE): S.NOT_FEASIBLE,
    (S.QUEUED, A.DECLINE_NOT_COMPETENT): S.NOT_COMPETENT,
}
SETTLED = {S.ACCEPTED, S.DONE_BY_OFFICE, S.NOT_FEASIBLE, S.NOT_COMPETENT, S.MERGED,
           S.WITHDRAWN, S.ARCHIVED}
SHARES = st.fractions(min_value=0, max_value=1, max_denominator=10_000).filter(lambda f: f > 0)
RESIDENTS = st.integers(min_value=0, max_value=1_000_000)


# --- the state machine -----------------------------------------------------------------------

@pytest.mark.parametrize("state, action", list(itertools.product(S, A)))
def test_every_state_and_action(state, action):
    if (state, action) in ALLOWED:
        assert next_state(state, action) is ALLOWED[(state, action)]
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            next_state(state, action)
        assert (refused.value.state, refused.value.action) == (state, action)


@pytest.mark.parametrize("state", list(S))
def test_allowed_actions_are_those_with_a_next_state(state):
    assert allowed_actions(state) == {a for (s, a) in ALLOWED if s == state}
    assert isinstance(allowed_actions(state), frozenset)


def test_the_transitions_are_exactly_the_agreed_ones():
    assert dict(TRANSITIONS) == ALLOWED


def test_the_transitions_cannot_be_changed_at_run_time():
    with pytest.raises(TypeError):
        TRANSITIONS[(S.ARCHIVED, A.PUBLISH)] = S.PUBLISHED


def test_final_states_are_the_settled_ones_and_allow_nothing():
    assert FINAL == SETTLED
    assert all(not allowed_actions(state) for state in FINAL)
    assert all(allowed_actions(state) for state in set(S) - FINAL)


def test_every_state_but_a_draft_can_be_reached():
    assert set(ALLOWED.values()) == set(S) - {S.DRAFT}


def test_plain_strings_from_the_database_work_as_states_and_actions():
    assert next_state("queued", "accept") is S.ACCEPTED
    assert allowed_actions("draft") == {A.PUBLISH, A.WITHDRAW}


def test_a_refusal_is_a_value_error_with_a_code_and_survives_pickling():
    error = TransitionNotAllowed(S.ARCHIVED, A.PUBLISH)
    assert isinstance(error, ValueError)
    assert error.code == "transition_not_allowed"
    assert str(error) == "transition_not_allowed: publish from archived"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.state, copy.action, str(copy)) == (S.ARCHIVED, A.PUBLISH, str(error))


@pytest.mark.parametrize("enum", [S, A, K, Stance])
def test_values_are_lower_snake_case_names(enum):
    for member in enum:
        assert member.value == member.name.lower()
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", member.value)


def test_the_stances():
    assert [stance.value for stance in Stance] == ["for", "against", "question"]


# --- supports and comments -------------------------------------------------------------------

@pytest.mark.parametrize("state", list(S))
def test_supports_are_taken_back_only_while_published(state):
    assert supports_withdrawable(state) is (state == S.PUBLISHED)
    assert {S.PUBLISHED, S.QUEUED} == OPEN_FOR_SUPPORT


@pytest.mark.parametrize("state", list(S))
def test_the_deliberation_is_open_while_the_agenda_may_take_the_proposal(state):
    expected = state in {S.PUBLISHED, S.QUEUED, S.ACCEPTED}
    assert open_for_comments(state) is expected
    assert (state in OPEN_FOR_COMMENTS) is expected


@pytest.mark.parametrize("reporters, reviewed, hidden", [
    (0, False, False), (1, False, False), (2, False, False), (3, False, True),
    (4, False, True), (50, False, True),
    (0, True, False), (2, True, False), (3, True, False), (50, True, False),
])
def test_three_residents_reporting_hide_a_comment_until_it_is_reviewed(reporters, reviewed,
                                                                        hidden):
    assert REPORTS_TO_HIDE == 3
    assert hidden_by_reports(reporters, reviewed) is hidden


# --- answers ---------------------------------------------------------------------------------

def test_the_answers_are_the_actions_on_a_queued_proposal_other_than_merging():
    assert set(ANSWERS) == allowed_actions(S.QUEUED) - {A.MERGE}
    assert dict(ANSWERS) == {A.ACCEPT: False, A.DO_DIRECTLY: False,
                             A.DECLINE_NOT_FEASIBLE: True, A.DECLINE_NOT_COMPETENT: True}


@pytest.mark.parametrize("action", list(ANSWERS))
@pytest.mark.parametrize("reason", ["需要业主大会表决", "请向区住建局反映"])
def test_every_answer_with_a_reason_is_accepted(action, reason):
    assert check_answer(action, reason) is None


@pytest.mark.parametrize("action", [A.DECLINE_NOT_FEASIBLE, A.DECLINE_NOT_COMPETENT])
@pytest.mark.parametrize("reason", [None, "", "   ", "\n\t", 5])
def test_a_refusal_without_its_reason_is_refused(action, reason):
    with pytest.raises(ValueError, match="^reason_required$"):
        check_answer(action, reason)


@pytest.mark.parametrize("action", [A.ACCEPT, A.DO_DIRECTLY])
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_an_acceptance_needs_no_reason(action, reason):
    assert check_answer(action, reason) is None


@pytest.mark.parametrize("action", sorted(set(A) - set(ANSWERS)))
def test_other_actions_are_not_answers(action):
    with pytest.raises(ValueError, match="^not_an_answer$"):
        check_answer(action, "a reason")


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


# --- merging ---------------------------------------------------------------------------------

def test_merged_supporters_count_each_person_once():
    target, source = {1, 2, 3}, {3, 4}
    assert merge_supporters(target, source) == {1, 2, 3, 4}
    assert (target, source) == ({1, 2, 3}, {3, 4})


@given(st.sets(st.integers(min_value=1)), st.sets(st.integers(min_value=1)))
def test_merging_supporters_is_the_union(target, source):
    before = (set(target), set(source))
    merged = merge_supporters(target, source)
    assert merged == target | source
    assert len(merged) == len(target) + len(source) - len(target & source)
    assert merged == merge_supporters(source, target)
    assert merge_supporters(merged, source) == merged
    assert (target, source) == before
    assert merged is not target and merged is not source


@pytest.mark.parametrize("source, target", list(itertools.product(S, S)))
def test_every_pair_of_states_for_a_merge(source, target):
    if source in {S.PUBLISHED, S.QUEUED} and target in {S.PUBLISHED, S.QUEUED}:
        assert can_merge(1, 2, source, target) is None
        return
    with pytest.raises(TransitionNotAllowed) as refused:
        can_merge(1, 2, source, target)
    assert refused.value.action is A.MERGE
    assert refused.value.state == (source if A.MERGE not in allowed_actions(source) else target)


@pytest.mark.parametrize("state", list(S))
def test_a_proposal_cannot_merge_into_itself(state):
    with pytest.raises(ValueError, match="^merge_into_itself$"):
        can_merge(7, 7, state, state)


def test_merge_targets_are_the_states_a_merge_may_start_from():
    assert {s for (s, a) in ALLOWED if a is A.MERGE} == MERGE_TARGETS


@given(st.integers(), st.integers())
def test_only_distinct_proposals_merge(source_id, target_id):
    assume(source_id != target_id)
    assert can_merge(source_id, target_id, S.PUBLISHED, S.QUEUED) is None


# --- purity ----------------------------------------------------------------------------------

def test_the_rules_import_only_the_standard_library():
    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert {name.split(".")[0] for name in imported} <= set(sys.stdlib_module_names)
