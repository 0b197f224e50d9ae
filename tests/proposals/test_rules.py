"""A resident proposal's life as a state machine, its support threshold and time limit,
the answers owed to its supporters, hidden comments and merges."""

import ast
import itertools
import pickle
import re
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govhub.proposals import rules
from govhub.proposals.rules import (
    ANSWERS,
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
    hidden_by_reports,
    merge_supporters,
    next_state,
    open_for_comments,
    supports_withdrawable,
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
