"""Single choice: its ballot and its decision, from the rules' own words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.councils.rules import RULE_SETS, PassingBase, RuleSet, Share
from govhub.voting import kinds
from govhub.voting.rules import BallotProblem, decide_single, single_ballot
from tests.voting.kinds import OPTIONS, SIMPLE, TWO_THIRDS, D, weights

KIND = kinds.get("single")


def test_single_choice_ballot_is_the_option_id():
    assert single_ballot({"choice": 12}, OPTIONS) == (12,)
    assert KIND.ballot({"choice": 12}, OPTIONS) == (12,)


@pytest.mark.parametrize("payload", [
    {"choice": 99}, {"choice": "11"}, {"choice": 11.0}, {"choice": True}, {"choices": [11]},
])
def test_a_choice_that_is_not_an_option_is_a_bad_choice(payload):
    with pytest.raises(BallotProblem) as problem:
        KIND.ballot(payload, OPTIONS)
    assert problem.value.code == "bad_choice"


def test_ties_fail():
    outcome = decide_single({1: D(30), 2: D(30)}, D(0), D(60), D(100), SIMPLE)
    assert not outcome.passed and outcome.winner is None and outcome.yes == D(30)


@pytest.mark.parametrize("base, abstain, present, entitled, passed, base_weight", [
    (PassingBase.CAST, D(50), D(100), D(100), True, D(50)),           # 26 of 50 cast
    (PassingBase.CAST_WITH_ABSTENTIONS, D(50), D(100), D(100), False, D(100)),
    (PassingBase.CAST_WITH_ABSTENTIONS, D(1), D(100), D(100), True, D(51)),
    (PassingBase.CAST_WITH_ABSTENTIONS, D(2), D(100), D(100), False, D(52)),  # exactly half
    (PassingBase.PRESENT, D(0), D(51), D(100), True, D(51)),
    (PassingBase.PRESENT, D(0), D(60), D(100), False, D(60)),
    (PassingBase.ENTITLED, D(0), D(50), D(60), False, D(60)),
    (PassingBase.ENTITLED, D(0), D(50), D(51), True, D(51)),
])
def test_single_choice_takes_its_base_from_the_rules(base, abstain, present, entitled, passed,
                                                     base_weight):
    rules = RuleSet("test", Share(0, 1, strict=False), Share(1, 2, strict=True), base)
    outcome = decide_single({1: D(26), 2: D(14), 3: D(10)}, abstain, present, entitled, rules)
    assert outcome.passed is passed and outcome.base == base_weight
    assert outcome.winner == (1 if passed else None)


def test_a_poll_can_override_its_councils_rules():
    totals = {1: D(60), 2: D(40)}
    assert decide_single(totals, D(0), D(100), D(100), SIMPLE).passed
    assert not decide_single(totals, D(0), D(100), D(100), TWO_THIRDS).passed


def test_a_single_choice_poll_without_votes_passes_nothing():
    outcome = decide_single({1: D(0), 2: D(0)}, D(0), D(10), D(10), SIMPLE)
    assert not outcome.passed and outcome.winner is None
    assert not decide_single({}, D(0), D(10), D(10), SIMPLE).passed


@given(totals=st.dictionaries(st.integers(1, 5), weights, max_size=5), abstain=weights,
       present=weights, entitled=weights, rules=st.sampled_from(list(RULE_SETS.values())))
def test_a_single_choice_winner_is_the_sole_leader(totals, abstain, present, entitled, rules):
    outcome = decide_single(totals, abstain, present, entitled, rules)
    if outcome.passed:
        assert outcome.quorum_met
        assert all(weight < totals[outcome.winner] for option, weight in totals.items()
                   if option != outcome.winner)
    else:
        assert outcome.winner is None


def test_the_kind_decides_on_the_options_weights_without_abstentions():
    ballots = [((1,), D(26)), ((2,), D(14)), ((3,), D(10))]
    assert KIND.decide(ballots, (1, 2, 3), D(100), D(100), SIMPLE) == decide_single(
        {1: D(26), 2: D(14), 3: D(10)}, D(0), D(100), D(100), SIMPLE)


def test_its_sentence_names_the_winner_else_the_leaders_else_nobody():
    tally = {"1": {"weight": "2", "count": 2}, "2": {"weight": "2", "count": 2}}
    won = {"outcome": {"winner": 1}, "tally": tally}
    tied = {"outcome": {"winner": None}, "tally": tally}
    empty = {"outcome": {"winner": None}, "tally": {"1": {"weight": "0", "count": 0}}}
    rule = RULE_SETS["organic_law"]
    assert KIND.figures(won, rule) == ("option-present", ["1"], rule.passing)
    assert KIND.figures(tied, rule)[:2] == ("option-present", ["1", "2"])
    assert KIND.figures(empty, rule)[:2] == ("no-votes", [])
    assert KIND.figures(won, RULE_SETS["majority_of_members"])[0] == "option-entitled"
    # options have no abstentions: the base "cast with abstentions" reads "cast"
    with_abstentions = RuleSet("test", rule.quorum, rule.passing,
                               PassingBase.CAST_WITH_ABSTENTIONS)
    assert KIND.figures(won, with_abstentions)[0] == "option-cast"
