"""Quorum and passing rules, from the rules' own words and at their boundaries."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.councils.rules import (
    AT_LEAST_TWO_THIRDS,
    MORE_THAN_HALF,
    RULE_SETS,
    PassingBase,
    Share,
    Tally,
    passes,
    quorum_met,
    reaches,
    weight_needed,
    weight_text,
)

D = Decimal
ORGANIC_LAW = RULE_SETS["organic_law"]
SIMPLE = RULE_SETS["simple_majority"]
TWO_THIRDS = RULE_SETS["two_thirds"]
ALL_MEMBERS = RULE_SETS["majority_of_members"]

weights = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False,
                      allow_infinity=False)


# --- the Organic Law's residents' meeting: more than half attend, more than half of those present

@pytest.mark.parametrize("present, entitled, met", [
    (51, 100, True), (50, 100, False), (49, 100, False),
    (6, 11, True), (5, 11, False),
    (1, 1, True), (0, 1, False), (0, 0, False),
])
def test_organic_law_quorum_is_more_than_half_of_those_entitled(present, entitled, met):
    assert quorum_met(D(present), D(entitled), ORGANIC_LAW) is met


@pytest.mark.parametrize("yes, no, abstain, present, carried", [
    (51, 0, 49, 100, True),    # abstentions count against: the base is those present
    (50, 10, 0, 100, False),   # exactly half of those present is not more than half
    (40, 10, 0, 60, True),
    (30, 0, 0, 60, False),
])
def test_organic_law_passes_with_more_than_half_of_those_present(yes, no, abstain, present,
                                                                 carried):
    tally = Tally(D(yes), D(no), D(abstain))
    assert passes(tally, D(present), D(100), ORGANIC_LAW) is carried


def test_nothing_passes_without_quorum():
    assert not passes(Tally(D(50)), D(50), D(100), ORGANIC_LAW)


# --- majority of votes cast: abstentions are not votes

@pytest.mark.parametrize("yes, no, abstain, carried", [
    (3, 2, 40, True), (2, 2, 0, False), (1, 0, 99, True), (0, 0, 60, False),
])
def test_simple_majority_counts_only_yes_and_no(yes, no, abstain, carried):
    tally = Tally(D(yes), D(no), D(abstain))
    assert passes(tally, D(100), D(100), SIMPLE) is carried


# --- two-thirds of votes cast: "at least", exactly two-thirds carries

@pytest.mark.parametrize("yes, no, carried", [(2, 1, True), (20, 10, True), (19, 10, False),
                                              (66, 34, False), (67, 33, True)])
def test_two_thirds_is_at_least_two_thirds_of_votes_cast(yes, no, carried):
    assert passes(Tally(D(yes), D(no)), D(100), D(100), TWO_THIRDS) is carried


# --- majority of all members: the absent count against

def test_majority_of_members_counts_the_absent_against():
    assert not passes(Tally(D(50), D(0)), D(60), D(100), ALL_MEMBERS)
    assert passes(Tally(D(51), D(9)), D(60), D(100), ALL_MEMBERS)


# --- weights

def test_half_votes_of_households_count_exactly():
    present = D("2.5")  # two full members and a half-share household
    assert quorum_met(present, D("4.5"), ORGANIC_LAW)        # 2.5 > 2.25
    assert not quorum_met(D("2.25"), D("4.5"), ORGANIC_LAW)  # exactly half


def test_a_share_must_be_a_fraction_of_one():
    with pytest.raises(ValueError):
        Share(3, 2, strict=False)
    with pytest.raises(ValueError):
        Share(1, 0, strict=True)


@pytest.mark.parametrize("entitled, share, needed", [
    (D(10), MORE_THAN_HALF, D(6)), (D(9), MORE_THAN_HALF, D(5)), (D(0), MORE_THAN_HALF, D(0)),
    (D(9), AT_LEAST_TWO_THIRDS, D(6)), (D(10), AT_LEAST_TWO_THIRDS, D(7)),
])
def test_weight_needed_is_the_smallest_whole_weight_that_reaches(entitled, share, needed):
    assert weight_needed(entitled, share) == needed
    assert reaches(needed, entitled, share) or entitled == 0


@pytest.mark.parametrize("value, text", [(D("2.000"), "2"), (D("1.500"), "1.5"), (D(10), "10"),
                                         (D("0.000"), "0"), (D("100"), "100")])
def test_weights_are_written_as_people_write_them(value, text):
    assert weight_text(value) == text


# --- properties at the boundaries

@given(whole=weights.filter(lambda w: w > 0))
def test_exactly_half_never_reaches_more_than_half(whole):
    assert not reaches(whole / 2, whole, MORE_THAN_HALF)


@given(whole=weights.filter(lambda w: w > 0))
def test_the_whole_always_reaches_any_share(whole):
    for share in (MORE_THAN_HALF, AT_LEAST_TWO_THIRDS):
        assert reaches(whole, whole, share)


@given(part=weights, whole=weights)
def test_nothing_reaches_a_share_of_nobody_and_zero_never_reaches_a_strict_share(part, whole):
    if whole == 0:
        assert not reaches(part, whole, MORE_THAN_HALF)
    assert not reaches(D(0), whole, MORE_THAN_HALF)


@given(a=weights, b=weights, whole=weights)
def test_more_weight_never_loses_what_less_weight_reached(a, b, whole):
    low, high = sorted((a, b))
    for share in (MORE_THAN_HALF, AT_LEAST_TWO_THIRDS):
        if reaches(low, whole, share):
            assert reaches(high, whole, share)


@given(yes=weights, no=weights, abstain=weights)
def test_abstaining_never_changes_a_majority_of_votes_cast(yes, no, abstain):
    with_abstentions = Tally(yes, no, abstain)
    without = Tally(yes, no, D(0))
    assert passes(with_abstentions, D(1), D(1), SIMPLE) == passes(without, D(1), D(1), SIMPLE)


@given(yes=weights, abstain=weights)
def test_a_tie_of_yes_and_no_never_passes_by_votes_cast(yes, abstain):
    assert not passes(Tally(yes, yes, abstain), D(1), D(1), SIMPLE)  # quorum is met


def test_every_rule_set_has_a_key_matching_its_name():
    assert all(key == rules.key for key, rules in RULE_SETS.items())
    assert {r.passing_base for r in RULE_SETS.values()} <= set(PassingBase)
