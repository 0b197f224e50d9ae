"""Poll rules every kind shares: ballot problems, the options' tally, bar scales and the
weights that give a secret ballot away. Each kind's own ballots, tally and decision are in
tests/voting/kinds/."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.councils.rules import RULE_SETS, PassingBase, Share
from govhub.voting import kinds
from govhub.voting.rules import (
    BALLOT_PROBLEM_CODES,
    YES_NO_OPTIONS,
    BallotProblem,
    bar_scale,
    identifiable_weights,
    tally_options,
)
from tests.voting.kinds import OPTIONS, weights

D = Decimal
BUILT_IN = ("yes_no_abstain", "single", "multiple", "ranked")


def test_the_four_kinds_are_registered_in_the_order_the_form_offers_them():
    assert kinds.values()[:4] == list(BUILT_IN)
    assert [value for value, _label in kinds.choices()][:4] == list(BUILT_IN)


# --- what a voter sent

@pytest.mark.parametrize("kind", BUILT_IN)
@pytest.mark.parametrize("payload", [None, [], "yes", 11, ["yes"]])
def test_a_payload_that_is_not_an_object_is_a_bad_choice(kind, payload):
    with pytest.raises(BallotProblem) as problem:
        kinds.get(kind).ballot(payload, OPTIONS)
    assert problem.value.code == "bad_choice"


def test_a_ballot_problem_is_a_value_error_with_a_known_code():
    assert issubclass(BallotProblem, ValueError)
    with pytest.raises(ValueError):
        BallotProblem("no_such_code")


json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 20) | st.sampled_from(OPTIONS)
    | st.floats() | st.text(max_size=5) | st.sampled_from(YES_NO_OPTIONS),
    lambda children: st.lists(children, max_size=6)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)
payloads = st.dictionaries(
    st.sampled_from(["choice", "choices", "ranking"]) | st.text(max_size=5), json_like,
    max_size=4,
)


@given(kind=st.sampled_from(BUILT_IN), payload=payloads | json_like,
       min_choices=st.integers(0, 3), max_choices=st.none() | st.integers(0, 4))
def test_any_payload_is_either_a_ballot_or_a_ballot_problem(kind, payload, min_choices,
                                                            max_choices):
    check = kinds.get(kind).ballot
    try:
        content = check(payload, OPTIONS, min_choices, max_choices)
    except BallotProblem as problem:
        assert problem.code in BALLOT_PROBLEM_CODES
        return
    assert isinstance(content, tuple)
    key = {"ranked": "ranking", "multiple": "choices"}.get(kind, "choice")
    again = {key: list(content) if key != "choice" else content[0]}
    assert check(again, OPTIONS, min_choices, max_choices) == content


# --- the options' tally (single and multiple choice, a runoff's first preferences)

def test_options_tally_gives_each_pick_the_ballots_weight():
    ballots = [((11, 13), D(2)), ((13,), D("0.5"))]
    assert tally_options(ballots, OPTIONS) == {11: D(2), 12: D(0), 13: D("2.5")}


def test_a_float_weight_is_refused_by_the_options_tally():
    with pytest.raises(TypeError):
        tally_options([((11,), 0.5)], OPTIONS)


def test_a_ballot_for_an_unknown_option_is_refused_by_the_tally():
    with pytest.raises(ValueError):
        tally_options([((99,), D(1))], OPTIONS)


@given(st.lists(st.tuples(st.sets(st.sampled_from(OPTIONS)), weights), max_size=40))
def test_the_options_tally_totals_the_weight_cast_on_each_pick(cast):
    totals = tally_options([(tuple(sorted(picks)), w) for picks, w in cast], OPTIONS)
    assert list(totals) == list(OPTIONS)
    assert sum(totals.values(), D(0)) == sum((w * len(picks) for picks, w in cast), D(0))


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_the_option_kinds_tally_counts_weights_and_ballots_in_option_order(kind):
    groups = [((13,), D("0.5"), 1), ((11, 13), D(4), 2)]
    assert kinds.get(kind).tally(groups, OPTIONS) == {
        "11": {"weight": "4", "count": 2}, "12": {"weight": "0", "count": 0},
        "13": {"weight": "4.5", "count": 3}}


# --- weights that give a secret ballot away ---------------------------------------------------

@pytest.mark.parametrize(("weights", "identifiable"), [
    ([], []),
    ([D(1)], []),  # one voter: given away by the result, not by a weight
    ([D(1)] * 40, []),
    ([D("0.5")] * 3, []),
    ([D(1), D(1), D("0.5")], [D("0.5")]),
    ([D(1), D(2)], [D(1), D(2)]),  # two voters of different weight: both
    ([D(1), D(1), D("0.5"), D("0.5")], []),  # each weight shared
    ([D(1), D(1), D(2), D(3), D(3), D("0.5")], [D("0.5"), D(2)]),
    ([D("1.000"), D(1), D("1.50")], [D("1.5")]),  # equal however written
    ([1, 1, D("0.5")], [D("0.5")]),  # whole numbers as ints
])
def test_identifiable_weights(weights, identifiable):
    assert identifiable_weights(weights) == identifiable


def test_identifiable_weights_refuse_floats():
    with pytest.raises(TypeError):
        identifiable_weights([D(1), 0.5])


@given(st.lists(st.sampled_from([D("0.5"), D(1), D("1.5"), D(2), D("0.333")]), max_size=30))
def test_a_weight_is_identifiable_exactly_when_one_voter_holds_it_among_unequal_weights(weights):
    found = identifiable_weights(weights)
    assert found == sorted(found)
    for weight in set(weights):
        alone = weights.count(weight) == 1 and len(set(weights)) > 1
        assert (weight in found) == alone
    assert set(found) <= set(weights)

# --- the scale result bars are drawn against -------------------------------------------------

@pytest.mark.parametrize("rule_key", sorted(RULE_SETS))
@pytest.mark.parametrize("kind", BUILT_IN)
def test_bars_are_drawn_against_the_base_the_outcome_is_decided_on(rule_key, kind):
    rule = RULE_SETS[rule_key]
    scale = kinds.get(kind).bar_scale(D(45), rule)
    assert scale.base == D(45)
    share = kinds.get(kind).passing_share(rule)
    assert share == (Share(1, 2, strict=True) if kind == "ranked" else rule.passing)
    assert scale.threshold == (D(share.numerator * 100) / share.denominator).quantize(D("0.01"))
    abstentions_left_out = kind == "yes_no_abstain" and rule.passing_base is PassingBase.CAST
    assert scale.outside == (("abstain",) if abstentions_left_out else ())


def test_a_threshold_is_a_percentage_with_two_decimals():
    assert bar_scale(D(9), RULE_SETS["two_thirds"].passing).threshold == D("66.67")
    assert bar_scale(D(9), Share(1, 2, strict=True), ("abstain",)).outside == ("abstain",)
    assert kinds.get("single").bar_scale(D(9), RULE_SETS["two_thirds"]).threshold == D("66.67")
