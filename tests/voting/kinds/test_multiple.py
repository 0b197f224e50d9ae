"""Multiple choice: its ballot within the poll's limits, its form limits and its decision."""

import pytest

from govhub.core.errors import DomainError
from govhub.councils.rules import RULE_SETS
from govhub.voting import kinds
from govhub.voting.rules import BallotProblem, accepted_options, decide_multiple, multiple_ballot
from tests.voting.kinds import OPTIONS, D

KIND = kinds.get("multiple")


def test_multiple_choice_ballot_is_sorted():
    assert multiple_ballot({"choices": [13, 11]}, OPTIONS, 1, 2) == (11, 13)
    assert KIND.ballot({"choices": [13, 11]}, OPTIONS, 1, 2) == (11, 13)


def test_multiple_choice_may_choose_every_option_by_default():
    assert KIND.ballot({"choices": [12, 13, 11]}, OPTIONS) == OPTIONS


def test_multiple_choice_may_choose_nothing_when_the_minimum_is_zero():
    assert KIND.ballot({"choices": []}, OPTIONS, min_choices=0) == ()


@pytest.mark.parametrize("payload", [
    {"choices": 11}, {"choices": [11, 99]}, {"choices": [11, None]}, {"choices": {"11": True}},
])
def test_a_choice_that_is_not_an_option_is_a_bad_choice(payload):
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot(payload, OPTIONS)
    assert problem.value.code == "bad_choice"


def test_too_few_choices():
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot({"choices": [11]}, OPTIONS, min_choices=2)
    assert problem.value.code == "too_few_choices"


def test_no_choice_at_all_is_too_few_by_default():
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot({"choices": []}, OPTIONS)
    assert problem.value.code == "too_few_choices"


def test_too_many_choices():
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot({"choices": [11, 12, 13]}, OPTIONS, max_choices=2)
    assert problem.value.code == "too_many_choices"


def test_choosing_an_option_twice_is_a_duplicate_choice():
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot({"choices": [11, 11]}, OPTIONS)
    assert problem.value.code == "duplicate_choice"


# --- the poll form's limits

def test_without_a_most_the_limits_are_every_option():
    assert KIND.choice_limits(4, 1, None) == (1, 4)
    assert KIND.choice_limits(4, 2, "") == (2, 4)
    assert KIND.choice_limits(4, 2, 3) == (2, 3)


@pytest.mark.parametrize("low, high", [(0, 2), (3, 2), (1, 5), (True, 2), ("1", 2), (1, 2.0)])
def test_limits_outside_one_to_the_options_are_refused(app, low, high):
    with pytest.raises(DomainError) as refused:
        KIND.choice_limits(4, low, high)
    assert (refused.value.code, refused.value.field) == ("invalid_limits", "max_choices")


def test_other_kinds_ignore_the_limits():
    for value in ("yes_no_abstain", "single", "ranked"):
        assert kinds.get(value).choice_limits(4, 3, 2) == (1, None)


# --- its decision

def test_multiple_choice_accepts_each_option_chosen_by_more_than_half_of_the_voters():
    totals = {1: D(3), 2: D(2), 3: D(0)}  # five voters; option 1 by three, option 2 by two
    rule = RULE_SETS["simple_majority"]
    assert accepted_options(totals, D(5), D(5), D(5), rule) == (1,)
    assert decide_multiple(totals, D(5), D(5), D(5), rule).passed
    assert not decide_multiple({1: D(2), 2: D(2)}, D(4), D(4), D(5), rule).passed


def test_each_ballot_counts_once_in_the_base_however_many_options_it_picked():
    ballots = [((1, 2), D(1)), ((1,), D(1)), ((3,), D(1)), ((2, 3), D(2))]
    rule = RULE_SETS["simple_majority"]
    outcome = KIND.decide(ballots, (1, 2, 3), D(5), D(5), rule)
    assert (outcome.passed, outcome.base, outcome.yes) == (True, D(5), D(3))
    assert KIND.details(ballots, (1, 2, 3), D(5), D(5), rule) == {"accepted": [2, 3]}


def test_its_sentence_names_the_accepted_options_or_none():
    rule = RULE_SETS["organic_law"]
    assert KIND.figures({"accepted": [2, 3]}, rule) == ("accepted-present", ["2", "3"],
                                                        rule.passing)
    assert KIND.figures({"accepted": []}, rule)[:2] == ("none-accepted-present", [])
