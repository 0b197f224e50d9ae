"""Quorum and passing rules: plain values in, plain values out.

A council's rule set says two things:

- quorum: which share of the entitled vote weight must be present
  (checked in, or represented by a present proxy holder);
- passing: which share of a base the "yes" weight must reach, where the
  base is the votes cast (yes + no), the votes cast counting abstentions,
  the weight present, or the weight of all members.

"More than half" is strict: exactly half is not enough, ties fail.
"At least two-thirds" is not strict. Shares compare by cross-multiplying
Decimals, never by floating-point division, so 2/3 is exact.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class PassingBase(enum.StrEnum):
    CAST = "cast"                  # yes + no; abstentions do not count
    CAST_WITH_ABSTENTIONS = "cast_with_abstentions"  # yes + no + abstain
    PRESENT = "present"            # the weight present when the vote closes
    ENTITLED = "entitled"          # every active voting member's weight


@dataclass(frozen=True)
class Share:
    """A fraction of a whole; strict means "more than", otherwise "at least"."""

    numerator: int
    denominator: int
    strict: bool

    def __post_init__(self) -> None:
        if self.denominator <= 0 or not 0 <= self.numerator <= self.denominator:
            raise ValueError(f"not a share: {self.numerator}/{self.denominator}")


@dataclass(frozen=True)
class RuleSet:
    key: str
    quorum: Share
    passing: Share
    passing_base: PassingBase


@dataclass(frozen=True)
class Tally:
    yes: Decimal = Decimal(0)
    no: Decimal = Decimal(0)
    abstain: Decimal = Decimal(0)


MORE_THAN_HALF = Share(1, 2, strict=True)
AT_LEAST_TWO_THIRDS = Share(2, 3, strict=False)

# The rule sets a council can choose. Keys are stored on the council; the
# texts that explain them to people live in councils/labels.py.
RULE_SETS: dict[str, RuleSet] = {
    # PRC Organic Law of Urban Residents' Committees, art. 12: a residents'
    # meeting needs more than half of those entitled; a decision needs more
    # than half of those present.
    "organic_law": RuleSet("organic_law", MORE_THAN_HALF, MORE_THAN_HALF, PassingBase.PRESENT),
    "simple_majority": RuleSet("simple_majority", MORE_THAN_HALF, MORE_THAN_HALF,
                               PassingBase.CAST),
    "two_thirds": RuleSet("two_thirds", MORE_THAN_HALF, AT_LEAST_TWO_THIRDS, PassingBase.CAST),
    "majority_of_members": RuleSet("majority_of_members", MORE_THAN_HALF, MORE_THAN_HALF,
                                   PassingBase.ENTITLED),
}
DEFAULT_RULE_SET = "organic_law"


def reaches(part: Decimal, whole: Decimal, share: Share) -> bool:
    """Whether `part` is more than (strict) or at least `share` of `whole`.

    Nothing reaches a share of an empty whole: no quorum of nobody, no
    majority of no votes.
    """
    if whole <= 0:
        return False
    left, right = part * share.denominator, whole * share.numerator
    return left > right if share.strict else left >= right


def weight_needed(whole: Decimal, share: Share) -> Decimal:
    """The smallest weight in whole votes that reaches the share (for display)."""
    if whole <= 0:
        return Decimal(0)
    exact = whole * share.numerator / share.denominator
    whole_votes = exact.to_integral_value(rounding="ROUND_FLOOR")
    if share.strict or whole_votes < exact:
        whole_votes += 1
    return whole_votes


def quorum_met(present: Decimal, entitled: Decimal, rules: RuleSet) -> bool:
    return reaches(present, entitled, rules.quorum)


def passing_base_weight(tally: Tally, present: Decimal, entitled: Decimal,
                        base: PassingBase) -> Decimal:
    return {
        PassingBase.CAST: tally.yes + tally.no,
        PassingBase.CAST_WITH_ABSTENTIONS: tally.yes + tally.no + tally.abstain,
        PassingBase.PRESENT: present,
        PassingBase.ENTITLED: entitled,
    }[base]


def passes(tally: Tally, present: Decimal, entitled: Decimal, rules: RuleSet) -> bool:
    """Whether a motion carries: quorum first, then the passing share of its base."""
    if not quorum_met(present, entitled, rules):
        return False
    base = passing_base_weight(tally, present, entitled, rules.passing_base)
    return reaches(tally.yes, base, rules.passing)


def weight_text(value: Decimal) -> str:
    """A weight as people write it: 2, 1.5, 0.333 (never 2.000 or 1E+1)."""
    return format(Decimal(value).normalize(), "f")
