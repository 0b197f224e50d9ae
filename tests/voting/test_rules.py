"""Poll rules: ballots, tallies, instant runoff and decisions, from the rules' own words."""

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyrankvote import Ballot as RefBallot
from pyrankvote import Candidate, instant_runoff_voting

from govhub.councils.rules import RULE_SETS, PassingBase, RuleSet, Share, Tally
from govhub.voting.rules import (
    BALLOT_PROBLEM_CODES,
    YES_NO_OPTIONS,
    BallotProblem,
    Outcome,
    PollKind,
    RunoffResult,
    bar_scale,
    decide_ranked,
    decide_single,
    decide_yes_no,
    identifiable_weights,
    instant_runoff,
    normalise_ballot,
    passing_share,
    tally_options,
    tally_yes_no,
)

D = Decimal
ORGANIC_LAW = RULE_SETS["organic_law"]
MORE_THAN_HALF_SHARE = Share(1, 2, strict=True)
SIMPLE = RULE_SETS["simple_majority"]
TWO_THIRDS = RULE_SETS["two_thirds"]
ALL_MEMBERS = RULE_SETS["majority_of_members"]
OPTIONS = (11, 12, 13)

weights = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False,
                      allow_infinity=False)


def yes_no_ballots(yes=0, no=0, abstain=0):
    return [(("yes",), D(1))] * yes + [(("no",), D(1))] * no + [(("abstain",), D(1))] * abstain


def ranked(*rankings, weight=1):
    return [(tuple(ranking), D(weight)) for ranking in rankings]


# --- normalising what a voter sent

@pytest.mark.parametrize("choice", YES_NO_OPTIONS)
def test_yes_no_abstain_ballot_is_the_choice(choice):
    assert normalise_ballot(PollKind.YES_NO_ABSTAIN, (), {"choice": choice}) == (choice,)


def test_single_choice_ballot_is_the_option_id():
    assert normalise_ballot(PollKind.SINGLE, OPTIONS, {"choice": 12}) == (12,)


def test_multiple_choice_ballot_is_sorted():
    payload = {"choices": [13, 11]}
    assert normalise_ballot(PollKind.MULTIPLE, OPTIONS, payload, 1, 2) == (11, 13)


def test_multiple_choice_may_choose_every_option_by_default():
    assert normalise_ballot("multiple", OPTIONS, {"choices": [12, 13, 11]}) == OPTIONS


def test_multiple_choice_may_choose_nothing_when_the_minimum_is_zero():
    assert normalise_ballot(PollKind.MULTIPLE, OPTIONS, {"choices": []}, min_choices=0) == ()


def test_ranking_keeps_the_order_of_preference():
    assert normalise_ballot(PollKind.RANKED, OPTIONS, {"ranking": [13, 11, 12]}) == (13, 11, 12)


@pytest.mark.parametrize("kind, payload", [
    (PollKind.YES_NO_ABSTAIN, {"choice": "maybe"}),
    (PollKind.YES_NO_ABSTAIN, {"choice": "YES"}),
    (PollKind.YES_NO_ABSTAIN, {"choice": ["yes"]}),
    (PollKind.YES_NO_ABSTAIN, {}),
    (PollKind.SINGLE, {"choice": 99}),
    (PollKind.SINGLE, {"choice": "11"}),
    (PollKind.SINGLE, {"choice": 11.0}),
    (PollKind.SINGLE, {"choice": True}),
    (PollKind.SINGLE, {"choices": [11]}),
    (PollKind.MULTIPLE, {"choices": 11}),
    (PollKind.MULTIPLE, {"choices": [11, 99]}),
    (PollKind.MULTIPLE, {"choices": [11, None]}),
    (PollKind.MULTIPLE, {"choices": {"11": True}}),
    (PollKind.RANKED, {"ranking": "11,12,13"}),
    (PollKind.RANKED, {"ranking": [11, 12, 14]}),
    (PollKind.RANKED, {"ranking": [11, 12, False]}),
    (PollKind.RANKED, {}),
])
def test_a_choice_that_is_not_an_option_is_a_bad_choice(kind, payload):
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(kind, OPTIONS, payload)
    assert problem.value.code == "bad_choice"


@pytest.mark.parametrize("payload", [None, [], "yes", 11, ["yes"]])
def test_a_payload_that_is_not_an_object_is_a_bad_choice(payload):
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(PollKind.YES_NO_ABSTAIN, OPTIONS, payload)
    assert problem.value.code == "bad_choice"


def test_too_few_choices():
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(PollKind.MULTIPLE, OPTIONS, {"choices": [11]}, min_choices=2)
    assert problem.value.code == "too_few_choices"


def test_no_choice_at_all_is_too_few_by_default():
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(PollKind.MULTIPLE, OPTIONS, {"choices": []})
    assert problem.value.code == "too_few_choices"


def test_too_many_choices():
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(PollKind.MULTIPLE, OPTIONS, {"choices": [11, 12, 13]}, max_choices=2)
    assert problem.value.code == "too_many_choices"


@pytest.mark.parametrize("kind, payload", [
    (PollKind.MULTIPLE, {"choices": [11, 11]}),
    (PollKind.RANKED, {"ranking": [11, 12, 12]}),
    (PollKind.RANKED, {"ranking": [11, 12, 13, 11]}),
])
def test_choosing_an_option_twice_is_a_duplicate_choice(kind, payload):
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(kind, OPTIONS, payload)
    assert problem.value.code == "duplicate_choice"


@pytest.mark.parametrize("ranking", [[], [11], [13, 12]])
def test_a_ranking_must_rank_every_option(ranking):
    with pytest.raises(BallotProblem) as problem:
        normalise_ballot(PollKind.RANKED, OPTIONS, {"ranking": ranking})
    assert problem.value.code == "incomplete_ranking"


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


@given(kind=st.sampled_from(PollKind), payload=payloads | json_like,
       min_choices=st.integers(0, 3), max_choices=st.none() | st.integers(0, 4))
def test_any_payload_is_either_a_ballot_or_a_ballot_problem(kind, payload, min_choices,
                                                            max_choices):
    try:
        content = normalise_ballot(kind, OPTIONS, payload, min_choices, max_choices)
    except BallotProblem as problem:
        assert problem.code in BALLOT_PROBLEM_CODES
        return
    assert isinstance(content, tuple)
    key = {"ranked": "ranking", "multiple": "choices"}.get(kind, "choice")
    again = {key: list(content) if key != "choice" else content[0]}
    assert normalise_ballot(kind, OPTIONS, again, min_choices, max_choices) == content


@given(ranking=st.permutations(OPTIONS))
def test_every_complete_ranking_is_accepted_as_it_is(ranking):
    assert normalise_ballot(PollKind.RANKED, OPTIONS, {"ranking": ranking}) == tuple(ranking)


# --- tallies

def test_yes_no_tally_adds_weights():
    ballots = [(("yes",), D("1")), (("yes",), D("0.5")), (("no",), D(1)), (("abstain",), D(2))]
    assert tally_yes_no(ballots) == Tally(D("1.5"), D(1), D(2))


def test_options_tally_gives_each_pick_the_ballots_weight():
    ballots = [((11, 13), D(2)), ((13,), D("0.5"))]
    assert tally_options(ballots, OPTIONS) == {11: D(2), 12: D(0), 13: D("2.5")}


def test_a_float_weight_is_refused():
    with pytest.raises(TypeError):
        tally_yes_no([(("yes",), 0.1)])


def test_a_ballot_for_an_unknown_option_is_refused_by_the_tally():
    with pytest.raises(ValueError):
        tally_options([((99,), D(1))], OPTIONS)


@given(st.lists(st.tuples(st.sampled_from(YES_NO_OPTIONS), weights), max_size=40))
def test_the_yes_no_tally_totals_the_weight_cast(cast):
    tally = tally_yes_no([((choice,), weight) for choice, weight in cast])
    assert tally.yes + tally.no + tally.abstain == sum((w for _, w in cast), D(0))


@given(st.lists(st.tuples(st.sets(st.sampled_from(OPTIONS)), weights), max_size=40))
def test_the_options_tally_totals_the_weight_cast_on_each_pick(cast):
    totals = tally_options([(tuple(sorted(picks)), w) for picks, w in cast], OPTIONS)
    assert list(totals) == list(OPTIONS)
    assert sum(totals.values(), D(0)) == sum((w * len(picks) for picks, w in cast), D(0))


# --- instant runoff

def test_a_majority_of_first_preferences_wins_in_the_first_round():
    result = instant_runoff(ranked((1, 2, 3), (1, 3, 2), (2, 1, 3)), (1, 2, 3))
    assert result == RunoffResult(({1: D(2), 2: D(1), 3: D(0)},), (), 1)


def test_the_last_is_eliminated_and_its_votes_transfer():
    ballots = ranked(*[(1, 2, 3)] * 4, *[(2, 1, 3)] * 3, *[(3, 2, 1)] * 2)
    result = instant_runoff(ballots, (1, 2, 3))
    assert result.eliminated == (3,)
    assert result.rounds[-1] == {1: D(4), 2: D(5)}
    assert result.winner == 2


def test_weights_count_in_the_runoff():
    ballots = ranked((1, 2), weight="1.5") + ranked((2, 1), (2, 1), weight="0.5")
    assert instant_runoff(ballots, (1, 2)).winner == 1


def test_exactly_half_is_not_a_majority_and_a_final_tie_has_no_winner():
    result = instant_runoff(ranked((1, 2, 3), (2, 1, 3)), (1, 2, 3))
    assert result.eliminated == (3,)
    assert result.rounds[-1] == {1: D(1), 2: D(1)}
    assert result.winner is None


def test_an_empty_ballot_box_has_no_winner():
    result = instant_runoff([], (1, 2, 3))
    assert result.winner is None
    assert result.eliminated == ()


def test_a_tie_for_last_goes_to_the_previous_round():
    # Round 1: 1=4, 2=3, 3=2, 4=1 -> 4 goes out, its ballot moves to 3.
    # Round 2: 2 and 3 tie on 3; 3 had fewer in round 1, so 3 goes out.
    ballots = ranked(*[(1, 2, 3, 4)] * 4, *[(2, 1, 3, 4)] * 3, *[(3, 2, 1, 4)] * 2,
                     (4, 3, 2, 1))
    result = instant_runoff(ballots, (1, 2, 3, 4))
    assert result.rounds[1] == {1: D(4), 2: D(3), 3: D(3)}
    assert result.eliminated == (4, 3)
    assert result.winner == 2


def test_a_tie_in_every_round_eliminates_the_last_on_the_ballot_paper():
    ballots = ranked((1, 2, 3), (2, 3, 1), (3, 1, 2))
    assert instant_runoff(ballots, (1, 2, 3)).eliminated == (3,)
    assert instant_runoff(ballots, (3, 2, 1)).eliminated == (1,)


def test_options_tied_in_every_earlier_round_go_by_the_ballot_paper():
    # Round 1: 9=4, 7=3, 5=2, 6=2, 8=1 -> 8 goes out, to 7.
    # Round 2: 5 and 6 tie on 2, as they did in round 1: the later on the paper goes out.
    ballots = ranked(*[(9, 7, 5, 6, 8)] * 4, *[(7, 9, 5, 6, 8)] * 3, *[(5, 9, 6, 7, 8)] * 2,
                     *[(6, 5, 9, 7, 8)] * 2, (8, 7, 9, 5, 6))
    assert instant_runoff(ballots, (5, 6, 7, 8, 9)).eliminated[:2] == (8, 6)
    assert instant_runoff(ballots, (6, 5, 7, 8, 9)).eliminated[:2] == (8, 5)


def test_a_tie_for_last_goes_back_to_the_first_round_before_the_ballot_paper():
    # Round 1: 3=4, 2=3, 1=2, 4=2, 5=1 -> 5 goes out, to 1.
    # Round 2: 3=4, 2=3, 1=3, 4=2 -> 4 goes out, one ballot to 2, one to 1.
    # Round 3: all three on 4; round 2 leaves 1 and 2 (3 each); round 1 has 1 behind 2.
    ballots = ranked(*[(3, 2, 1, 4, 5)] * 4, *[(2, 3, 1, 4, 5)] * 3, *[(1, 3, 2, 4, 5)] * 2,
                     (4, 2, 3, 1, 5), (4, 1, 3, 2, 5), (5, 1, 3, 2, 4))
    result = instant_runoff(ballots, (1, 2, 3, 4, 5))
    assert result.rounds[2] == {1: D(4), 2: D(4), 3: D(4)}
    assert result.eliminated == (5, 4, 1)
    assert result.winner == 3


rankings = st.permutations(OPTIONS + (14,)).map(tuple)
runoff_ballots = st.lists(st.tuples(rankings, weights), max_size=30)


@given(runoff_ballots)
def test_the_runoff_winner_has_more_than_half_of_the_last_round(ballots):
    result = instant_runoff(ballots, OPTIONS + (14,))
    if result.winner is not None:
        final = result.rounds[-1]
        assert 2 * final[result.winner] > sum(final.values())


@given(runoff_ballots)
def test_eliminated_and_winner_are_distinct_options_and_rounds_shrink(ballots):
    result = instant_runoff(ballots, OPTIONS + (14,))
    decided = list(result.eliminated) + [w for w in [result.winner] if w is not None]
    assert len(set(decided)) == len(decided)
    assert set(decided) <= set(OPTIONS + (14,))
    for number, totals in enumerate(result.rounds):
        assert set(totals) == set(OPTIONS + (14,)) - set(result.eliminated[:number])


@given(runoff_ballots, st.randoms())
def test_the_runoff_does_not_depend_on_the_order_ballots_arrive(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert instant_runoff(shuffled, OPTIONS + (14,)) == instant_runoff(ballots, OPTIONS + (14,))


# --- instant runoff against an independent implementation (pyrankvote)

def runoff_had_a_tie(result: RunoffResult) -> bool:
    """Whether any elimination was a tie for last, or the last round a tie for first."""
    for number, loser in enumerate(result.eliminated):
        totals = result.rounds[number]
        if list(totals.values()).count(totals[loser]) > 1:
            return True
    return result.winner is None


def reference_winner(ballots, option_ids):
    candidates = {option: Candidate(str(option)) for option in option_ids}
    reference = [RefBallot([candidates[o] for o in ranking]) for ranking, _ in ballots]
    winners = instant_runoff_voting(list(candidates.values()), reference).get_winners()
    assert len(winners) == 1
    return int(winners[0].name)


def random_election(rnd: random.Random) -> tuple[list[int], list]:
    """3-6 options and 1-60 complete rankings; voters lean towards some options, as real ones do."""
    option_ids = rnd.sample(range(1, 100), rnd.randint(3, 6))
    leaning = {option: rnd.random() + 0.1 for option in option_ids}
    ballots = []
    for _ in range(rnd.randint(1, 60)):
        keys = {option: rnd.random() ** (1 / lean) for option, lean in leaning.items()}
        ranking = sorted(option_ids, key=keys.__getitem__, reverse=True)
        ballots.append((tuple(ranking), D(1)))
    return option_ids, ballots


def test_instant_runoff_agrees_with_pyrankvote_on_random_elections():
    rnd = random.Random(20240604)
    compared = with_eliminations = 0
    for _ in range(600):
        option_ids, ballots = random_election(rnd)
        result = instant_runoff(ballots, option_ids)
        if runoff_had_a_tie(result):
            continue  # the two tie-breaks differ by design
        assert result.winner == reference_winner(ballots, option_ids), ballots
        compared += 1
        with_eliminations += bool(result.eliminated)
    assert compared >= 300 and with_eliminations >= 150


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


def test_ties_fail():
    assert not decide_yes_no(Tally(D(30), D(30)), D(60), D(100), SIMPLE).passed
    outcome = decide_single({1: D(30), 2: D(30)}, D(0), D(60), D(100), SIMPLE)
    assert not outcome.passed and outcome.winner is None and outcome.yes == D(30)


whole_votes = st.integers(0, 500).map(Decimal)


@given(yes=whole_votes, no=whole_votes, abstain=whole_votes, present=whole_votes,
       entitled=whole_votes, rules=st.sampled_from(list(RULE_SETS.values())))
def test_with_whole_votes_a_motion_passes_exactly_when_quorate_with_the_weight_needed(
        yes, no, abstain, present, entitled, rules):
    outcome = decide_yes_no(Tally(yes, no, abstain), present, entitled, rules)
    assert outcome.passed == (outcome.quorum_met and outcome.base > 0
                              and yes >= outcome.needed)


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


def test_a_ranked_poll_carries_with_quorum_and_a_winner():
    result = instant_runoff(ranked(*[(1, 2, 3)] * 4, *[(2, 1, 3)] * 3, *[(3, 2, 1)] * 2),
                            (1, 2, 3))
    outcome = decide_ranked(result, D(9), D(12), ORGANIC_LAW)
    assert outcome == Outcome(passed=True, quorum_met=True, base=D(9), needed=D(5), yes=D(5),
                              winner=2)


def test_a_ranked_poll_without_quorum_or_winner_fails():
    result = instant_runoff(ranked((1, 2), (1, 2)), (1, 2))
    assert not decide_ranked(result, D(5), D(12), ORGANIC_LAW).passed
    tie = instant_runoff(ranked((1, 2), (2, 1)), (1, 2))
    outcome = decide_ranked(tie, D(12), D(12), ORGANIC_LAW)
    assert outcome.quorum_met and not outcome.passed and outcome.winner is None
    empty = decide_ranked(instant_runoff([], (1, 2)), D(12), D(12), ORGANIC_LAW)
    assert not empty.passed and empty.base == D(0)


def test_multiple_choice_accepts_each_option_chosen_by_more_than_half_of_the_voters():
    from govhub.councils.rules import RULE_SETS
    from govhub.voting.rules import accepted_options, decide_multiple

    totals = {1: D(3), 2: D(2), 3: D(0)}  # five voters; option 1 by three, option 2 by two
    rule = RULE_SETS["simple_majority"]
    assert accepted_options(totals, D(5), D(5), D(5), rule) == (1,)
    assert decide_multiple(totals, D(5), D(5), D(5), rule).passed
    assert not decide_multiple({1: D(2), 2: D(2)}, D(4), D(4), D(5), rule).passed


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
@pytest.mark.parametrize("kind", list(PollKind))
def test_bars_are_drawn_against_the_base_the_outcome_is_decided_on(rule_key, kind):
    rule = RULE_SETS[rule_key]
    scale = bar_scale(kind, D(45), rule)
    assert scale.base == D(45)
    share = passing_share(kind, rule)
    assert share == (MORE_THAN_HALF_SHARE if kind is PollKind.RANKED else rule.passing)
    assert scale.threshold == (D(share.numerator * 100) / share.denominator).quantize(D("0.01"))
    abstentions_left_out = (kind is PollKind.YES_NO_ABSTAIN
                            and rule.passing_base is PassingBase.CAST)
    assert scale.outside == (("abstain",) if abstentions_left_out else ())


def test_the_organic_law_scale_is_half_of_those_present_and_two_thirds_is_66_67():
    tally = Tally(yes=D(22), no=D(2), abstain=D(1))
    outcome = decide_yes_no(tally, present=D(45), entitled=D(60), rules=ORGANIC_LAW)
    scale = bar_scale(PollKind.YES_NO_ABSTAIN, outcome.base, ORGANIC_LAW)
    assert (scale.base, scale.threshold, scale.outside) == (D(45), D(50), ())
    assert not outcome.passed  # 22 of 45: 88 % of the votes cast, under the line
    assert bar_scale("single", D(9), RULE_SETS["two_thirds"]).threshold == D("66.67")
