"""Yes / no / abstain: its ballot, its tally and its decision, from the rules' own words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.councils.rules import RULE_SETS, PassingBase, Tally
from govhub.voting import kinds
from govhub.voting.rules import (
    YES_NO_OPTIONS,
    BallotProblem,
    Outcome,
    decide_yes_no,
    tally_yes_no,
    yes_no_ballot,
)
from tests.voting.kinds import ALL_MEMBERS, ORGANIC_LAW, SIMPLE, TWO_THIRDS, D, weights

KIND = kinds.get("yes_no_abstain")


@pytest.mark.parametrize("choice", YES_NO_OPTIONS)
def test_yes_no_abstain_ballot_is_the_choice(choice):
    assert yes_no_ballot({"choice": choice}) == (choice,)
    assert KIND.ballot({"choice": choice}, ()) == (choice,)


@pytest.mark.parametrize("payload", [{"choice": "maybe"}, {"choice": "YES"},
                                     {"choice": ["yes"]}, {}])
def test_a_choice_that_is_not_yes_no_or_abstain_is_a_bad_choice(payload):
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot(payload, (11, 12, 13))
    assert problem.value.code == "bad_choice"


# --- the tally

def test_yes_no_tally_adds_weights():
    ballots = [(("yes",), D("1")), (("yes",), D("0.5")), (("no",), D(1)), (("abstain",), D(2))]
    assert tally_yes_no(ballots) == Tally(D("1.5"), D(1), D(2))


def test_a_float_weight_is_refused():
    with pytest.raises(TypeError):
        tally_yes_no([(("yes",), 0.1)])


@given(st.lists(st.tuples(st.sampled_from(YES_NO_OPTIONS), weights), max_size=40))
def test_the_yes_no_tally_totals_the_weight_cast(cast):
    tally = tally_yes_no([((choice,), weight) for choice, weight in cast])
    assert tally.yes + tally.no + tally.abstain == sum((w for _, w in cast), D(0))


def test_the_kinds_tally_gives_each_choice_its_weight_and_ballots_in_ballot_order():
    groups = [(("no",), D("1.5"), 2), (("yes",), D(3), 3)]
    assert KIND.tally(groups, ()) == {"yes": {"weight": "3", "count": 3},
                                      "no": {"weight": "1.5", "count": 2},
                                      "abstain": {"weight": "0", "count": 0}}


# --- decisions, from the rules' own words

def test_organic_law_abstentions_count_against_because_the_base_is_those_present():
    outcome = decide_yes_no(Tally(D(50), D(10), D(40)), D(100), D(120), ORGANIC_LAW)
    assert outcome == Outcome(passed=False, quorum_met=True, base=D(100), needed=D(51),
                              yes=D(50))
    assert decide_yes_no(Tally(D(51), D(0), D(49)), D(100), D(120), ORGANIC_LAW).passed


def test_organic_law_needs_more_than_half_of_those_entitled_to_attend():
    outcome = decide_yes_no(Tally(D(60)), D(60), D(120), ORGANIC_LAW)
    assert not outcome.quorum_met and not outcome.passed


def test_simple_majority_of_votes_cast_ignores_abstentions():
    outcome = decide_yes_no(Tally(D(3), D(2), D(90)), D(100), D(100), SIMPLE)
    assert outcome.passed and outcome.base == D(5) and outcome.needed == D(3)


def test_two_thirds_of_votes_cast_is_at_least_two_thirds():
    assert decide_yes_no(Tally(D(20), D(10)), D(30), D(40), TWO_THIRDS).passed
    outcome = decide_yes_no(Tally(D(19), D(10)), D(30), D(40), TWO_THIRDS)
    assert not outcome.passed and outcome.needed == D(20)


def test_majority_of_all_members_counts_the_absent_against():
    outcome = decide_yes_no(Tally(D(50), D(0)), D(60), D(100), ALL_MEMBERS)
    assert not outcome.passed and outcome.base == D(100) and outcome.needed == D(51)


def test_a_tie_fails():
    assert not decide_yes_no(Tally(D(30), D(30)), D(60), D(100), SIMPLE).passed


whole_votes = st.integers(0, 500).map(D)


@given(yes=whole_votes, no=whole_votes, abstain=whole_votes, present=whole_votes,
       entitled=whole_votes, rules=st.sampled_from(list(RULE_SETS.values())))
def test_with_whole_votes_a_motion_passes_exactly_when_quorate_with_the_weight_needed(
        yes, no, abstain, present, entitled, rules):
    outcome = decide_yes_no(Tally(yes, no, abstain), present, entitled, rules)
    assert outcome.passed == (outcome.quorum_met and outcome.base > 0
                              and yes >= outcome.needed)


def test_the_kind_decides_its_ballots_as_the_rule_does():
    ballots = [(("yes",), D(22)), (("no",), D(2)), (("abstain",), D(1))]
    assert KIND.decide(ballots, (), D(45), D(60), ORGANIC_LAW) == decide_yes_no(
        Tally(D(22), D(2), D(1)), D(45), D(60), ORGANIC_LAW)


# --- its bars and its sentence

def test_the_organic_law_scale_is_half_of_those_present():
    outcome = KIND.decide([(("yes",), D(22)), (("no",), D(2)), (("abstain",), D(1))], (),
                          D(45), D(60), ORGANIC_LAW)
    scale = KIND.bar_scale(outcome.base, ORGANIC_LAW)
    assert (scale.base, scale.threshold, scale.outside) == (D(45), D(50), ())
    assert not outcome.passed  # 22 of 45: 88 % of the votes cast, under the line


@pytest.mark.parametrize("rule_key", sorted(RULE_SETS))
def test_abstentions_are_left_out_of_the_bars_exactly_when_the_base_is_the_votes_cast(rule_key):
    rule = RULE_SETS[rule_key]
    left_out = ("abstain",) if rule.passing_base is PassingBase.CAST else ()
    assert KIND.bar_scale(D(45), rule).outside == left_out


def test_its_sentence_names_the_yes_votes_of_the_rules_base():
    result = {"outcome": {"winner": None}, "tally": {}}
    for rule in RULE_SETS.values():
        assert KIND.figures(result, rule) == (f"yes-{rule.passing_base.value}", [],
                                              rule.passing)
