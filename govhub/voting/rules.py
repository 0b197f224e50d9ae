"""Ballots, tallies and decisions for polls: plain values in, plain values out.

A voter sends a payload; the function of the poll's kind (`yes_no_ballot`,
`single_ballot`, `multiple_ballot`, `ranked_ballot`, chosen by
govhub/voting/kinds/) checks it against the poll and returns the ballot's
canonical content (a tuple), or raises `BallotProblem` with a code the
adapters translate. Ballots are then counted as pairs of
(content, weight), weights being Decimals (a household's half vote is
exactly 0.5), never floats.

Which weight a poll's "yes" must reach is the council's rule set (or the
poll's own): the passing share of a base, where the base is

- CAST: the weight cast for something: yes + no, or every option's votes;
  abstentions are not votes;
- CAST_WITH_ABSTENTIONS: the weight cast, abstentions included, so an
  abstention counts against;
- PRESENT: the weight present (the Organic Law's residents' meeting), so
  abstaining and not voting both count against;
- ENTITLED: the weight of every member entitled to vote, so even the absent
  count against.

"More than half" is strict and ties fail: a single-choice poll whose top
options are tied decides nothing.

Ranked choice is decided by instant runoff. Each round every ballot counts,
with its weight, for its highest-ranked option still in the race; an option
with more than half of the weight counting in that round wins. Otherwise the
option with the fewest votes is eliminated. When several share the fewest,
the tie is broken deterministically: eliminate the one that had fewer votes
in the round before, then the round before that, back to the first round
(the first preferences); if they are still tied, eliminate the one that
comes last on the ballot paper (last in the poll's option order). Two
options tied at the end leave no winner, and so does an empty ballot box.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govhub.councils.rules import (
    MORE_THAN_HALF,
    RuleSet,
    Share,
    Tally,
    passes,
    passing_base_weight,
    quorum_met,
    reaches,
    weight_needed,
)

ZERO = Decimal(0)


YES_NO_OPTIONS = ("yes", "no", "abstain")

BALLOT_PROBLEM_CODES = frozenset({
    "bad_choice", "too_few_choices", "too_many_choices", "duplicate_choice",
    "incomplete_ranking",
})

Ballot = tuple[Sequence[Any], Decimal]


class BallotProblem(ValueError):
    """What is wrong with a voter's ballot; `code` is one of BALLOT_PROBLEM_CODES."""

    def __init__(self, code: str, message: str = "") -> None:
        if code not in BALLOT_PROBLEM_CODES:
            raise ValueError(f"unknown ballot problem: {code}")
        super().__init__(message or code)
        self.code = code
        self.message = message or code


# --- what a voter sent: one function per kind (govhub/voting/kinds/ picks it) --------------

def _object(payload: Any) -> dict:
    if not isinstance(payload, dict):
        raise BallotProblem("bad_choice", "a ballot must be an object")
    return payload


def yes_no_ballot(payload: Any) -> tuple[str]:
    """{"choice": "yes" | "no" | "abstain"} -> (choice,)."""
    choice = _object(payload).get("choice")
    if not isinstance(choice, str) or choice not in YES_NO_OPTIONS:
        raise BallotProblem("bad_choice", "choose yes, no or abstain")
    return (choice,)


def single_ballot(payload: Any, option_ids: Sequence[int]) -> tuple[int]:
    """{"choice": option id} -> (option id,)."""
    return (_option(_object(payload).get("choice"), option_ids),)


def multiple_ballot(payload: Any, option_ids: Sequence[int], min_choices: int = 1,
                    max_choices: int | None = None) -> tuple[int, ...]:
    """{"choices": [option ids]} -> the ids in ascending order, within the poll's limits."""
    chosen = _distinct_options(_object(payload).get("choices"), option_ids)
    most = len(option_ids) if max_choices is None else max_choices
    if len(chosen) < min_choices:
        raise BallotProblem("too_few_choices", f"choose at least {min_choices}")
    if len(chosen) > most:
        raise BallotProblem("too_many_choices", f"choose at most {most}")
    return tuple(sorted(chosen))


def ranked_ballot(payload: Any, option_ids: Sequence[int]) -> tuple[int, ...]:
    """{"ranking": [option ids, most wanted first]} -> the ranking, every option once."""
    ranking = _distinct_options(_object(payload).get("ranking"), option_ids)
    if len(ranking) != len(option_ids):
        raise BallotProblem("incomplete_ranking", "rank every option exactly once")
    return tuple(ranking)


def _option(value: Any, option_ids: Sequence[int]) -> int:
    """One of the poll's option ids (an int, not a bool), or a bad_choice."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in option_ids:
        raise BallotProblem("bad_choice", "not one of this poll's options")
    return value


def _distinct_options(values: Any, option_ids: Sequence[int]) -> list[int]:
    """A list of the poll's option ids, in the voter's order, each at most once."""
    if not isinstance(values, list | tuple):
        raise BallotProblem("bad_choice", "choices must be a list of options")
    chosen = [_option(value, option_ids) for value in values]
    if len(set(chosen)) != len(chosen):
        raise BallotProblem("duplicate_choice", "an option is chosen more than once")
    return chosen


# --- counting ------------------------------------------------------------------------------

def _weight(value: Decimal | int) -> Decimal:
    """A ballot's weight as a Decimal; floats are refused, they cannot hold 1/10."""
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"a weight must be a Decimal, not {type(value).__name__}")
    return Decimal(value)


def tally_yes_no(ballots: Iterable[Ballot]) -> Tally:
    """Add up yes/no/abstain ballots by weight."""
    sums = dict.fromkeys(YES_NO_OPTIONS, ZERO)
    for content, weight in ballots:
        if len(content) != 1 or content[0] not in sums:
            raise ValueError(f"not a yes/no/abstain ballot: {content!r}")
        sums[content[0]] += _weight(weight)
    return Tally(yes=sums["yes"], no=sums["no"], abstain=sums["abstain"])


def tally_options(ballots: Iterable[Ballot], option_ids: Sequence[int]) -> dict[int, Decimal]:
    """Each option's weight (single and multiple choice): a ballot gives its weight to each pick."""
    totals = dict.fromkeys(option_ids, ZERO)
    for content, weight in ballots:
        for option in content:
            if option not in totals:
                raise ValueError(f"not one of this poll's options: {option!r}")
            totals[option] += _weight(weight)
    return totals


# --- ranked choice -------------------------------------------------------------------------

@dataclass(frozen=True)
class RunoffResult:
    """Instant runoff, round by round: the continuing options' totals, who went out, who won."""

    rounds: tuple[dict[int, Decimal], ...]
    eliminated: tuple[int, ...]
    winner: int | None


def instant_runoff(ballots: Iterable[Ballot], option_ids: Sequence[int]) -> RunoffResult:
    """Decide a ranked-choice poll by instant runoff with the module's tie-break."""
    counted = [(tuple(content), _weight(weight)) for content, weight in ballots]
    continuing = list(dict.fromkeys(option_ids))
    rounds: list[dict[int, Decimal]] = []
    eliminated: list[int] = []
    while continuing:
        totals = _count_round(counted, continuing)
        rounds.append(totals)
        counting = sum(totals.values(), ZERO)
        leader = max(continuing, key=totals.__getitem__)
        if reaches(totals[leader], counting, MORE_THAN_HALF):
            return RunoffResult(tuple(rounds), tuple(eliminated), leader)
        if counting == 0 or len(continuing) <= 2:
            break  # nobody voted, or the last two are tied: ties fail
        loser = _to_eliminate(rounds, continuing)
        continuing.remove(loser)
        eliminated.append(loser)
    return RunoffResult(tuple(rounds), tuple(eliminated), None)


def _count_round(ballots: list[tuple[tuple, Decimal]],
                 continuing: list[int]) -> dict[int, Decimal]:
    """Each continuing option's weight from ballots that rank it highest among those left."""
    totals = dict.fromkeys(continuing, ZERO)
    for ranking, weight in ballots:
        for option in ranking:
            if option in totals:
                totals[option] += weight
                break
    return totals


def _to_eliminate(rounds: list[dict[int, Decimal]], continuing: list[int]) -> int:
    """The option with the fewest votes; ties go back round by round, then last on the paper."""
    current = rounds[-1]
    fewest = min(current[option] for option in continuing)
    tied = [option for option in continuing if current[option] == fewest]
    for earlier in reversed(rounds[:-1]):
        if len(tied) == 1:
            break
        fewest = min(earlier[option] for option in tied)
        tied = [option for option in tied if earlier[option] == fewest]
    return tied[-1]  # `continuing` keeps the ballot paper's order


# --- decisions -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """A poll's result under a rule set; `winner` is the option chosen, None unless passed."""

    passed: bool
    quorum_met: bool
    base: Decimal      # the weight the passing share is taken of
    needed: Decimal    # the smallest whole weight that reaches the share of the base
    yes: Decimal       # the weight counted for (yes, the top option, the runoff's leader)
    winner: int | None = None


def decide_yes_no(tally: Tally, present: Decimal, entitled: Decimal, rules: RuleSet) -> Outcome:
    """Apply a rule set to a yes/no/abstain tally."""
    base = passing_base_weight(tally, present, entitled, rules.passing_base)
    return Outcome(passed=passes(tally, present, entitled, rules),
                   quorum_met=quorum_met(present, entitled, rules),
                   base=base, needed=weight_needed(base, rules.passing), yes=tally.yes)


def decide_single(totals: dict[int, Decimal], abstain_weight: Decimal, present: Decimal,
                  entitled: Decimal, rules: RuleSet) -> Outcome:
    """Apply a rule set to a single-choice poll: a sole leader reaching the share wins."""
    cast = sum(totals.values(), ZERO)
    # Votes for any option play the part of yes + no; the rule set picks the base.
    tally = Tally(yes=cast, no=ZERO, abstain=abstain_weight)
    base = passing_base_weight(tally, present, entitled, rules.passing_base)
    top = max(totals.values(), default=ZERO)
    leaders = [option for option, weight in totals.items() if weight == top]
    quorate = quorum_met(present, entitled, rules)
    passed = (quorate and len(leaders) == 1 and top > 0
              and reaches(top, base, rules.passing))
    return Outcome(passed=passed, quorum_met=quorate, base=base,
                   needed=weight_needed(base, rules.passing), yes=top,
                   winner=leaders[0] if passed else None)


def decide_ranked(result: RunoffResult, present: Decimal, entitled: Decimal,
                  rules: RuleSet) -> Outcome:
    """A runoff carries when the quorum is met and it has a winner (more than half, last round)."""
    final = result.rounds[-1] if result.rounds else {}
    base = sum(final.values(), ZERO)
    top = max(final.values(), default=ZERO)
    quorate = quorum_met(present, entitled, rules)
    passed = quorate and result.winner is not None
    return Outcome(passed=passed, quorum_met=quorate, base=base,
                   needed=weight_needed(base, MORE_THAN_HALF), yes=top,
                   winner=result.winner if passed else None)


def accepted_options(totals: dict[int, Decimal], ballots_weight: Decimal, present: Decimal,
                     entitled: Decimal, rules: RuleSet) -> tuple[int, ...]:
    """Multiple choice: every option whose votes reach the share of the base is accepted.

    Each ballot counts once in the base however many options it picked, so
    "more than half" means more than half of the voters chose the option.
    """
    if not quorum_met(present, entitled, rules):
        return ()
    tally = Tally(yes=ballots_weight, no=ZERO, abstain=ZERO)
    base = passing_base_weight(tally, present, entitled, rules.passing_base)
    return tuple(option for option, weight in totals.items()
                 if weight > 0 and reaches(weight, base, rules.passing))


def decide_multiple(totals: dict[int, Decimal], ballots_weight: Decimal, present: Decimal,
                    entitled: Decimal, rules: RuleSet) -> Outcome:
    """A multiple-choice poll passes when at least one option is accepted."""
    tally = Tally(yes=ballots_weight, no=ZERO, abstain=ZERO)
    base = passing_base_weight(tally, present, entitled, rules.passing_base)
    accepted = accepted_options(totals, ballots_weight, present, entitled, rules)
    return Outcome(passed=bool(accepted), quorum_met=quorum_met(present, entitled, rules),
                   base=base, needed=weight_needed(base, rules.passing),
                   yes=max(totals.values(), default=ZERO))


def identifiable_weights(weights: Iterable[Decimal | int]) -> list[Decimal]:
    """The weights that give their voter's secret ballot away, smallest first.

    A secret ballot is stored with its weight, and every tally counts it
    with its weight: a weight that only one entitled voter holds marks that
    voter's ballot, however secret the rest. So when the entitled voters'
    weights are not all equal, each weight held by exactly one of them
    makes one ballot identifiable. Equal weights (any number of voters)
    identify nobody by weight — a room of one, or a unanimous result, gives
    every vote away by itself, weights or not.
    """
    counts: dict[Decimal, int] = {}
    for weight in weights:
        value = _weight(weight)
        counts[value] = counts.get(value, 0) + 1
    if len(counts) < 2:
        return []
    return sorted(weight for weight, count in counts.items() if count == 1)

# --- drawing a result ----------------------------------------------------------------------

@dataclass(frozen=True)
class BarScale:
    """What a result's bars are drawn against: the base the rule takes its share of.

    `threshold` is where passing starts, in percent of the base (reached when
    the share is "at least", passed when it is "more than"); `outside` names
    the options the base leaves out (abstentions, when they are not votes).
    """

    base: Decimal
    threshold: Decimal
    outside: tuple[str, ...] = ()


def bar_scale(base: Decimal, share: Share, outside: tuple[str, ...] = ()) -> BarScale:
    """The scale of a poll's bars, from the base its outcome was (or is being) decided on
    and the share it needs (its kind says which, and which options the base leaves out)."""
    threshold = (Decimal(share.numerator * 100) / share.denominator).quantize(Decimal("0.01"))
    return BarScale(base=base, threshold=threshold, outside=outside)
