"""What a poll kind is: everything GovHub does differently for one kind of poll.

A kind is a `Kind` object registered in govhub/voting/kinds/__init__.py. It
names itself (`value`, stored in polls.kind, and a translated `label`), says
which fields the poll form needs (`has_options`, `choice_limits`), checks a
ballot (`ballot`, from a socket or API payload; `form_ballot`, from a form
posted without JavaScript), counts and decides (`tally`, `decide`,
`details`: pure functions over (content, weight) pairs and the rule set,
built from voting/rules.py), draws its bars (`bar_scale`) and says its result
(`option_labels`, `figures`: which sentence of voting/labels.py, with which
options). Its ballot controls are the macro `controls(poll, content)` in
templates/voting/kinds/<value>.html.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from govhub.councils.rules import PassingBase, RuleSet, Share, weight_text
from govhub.voting import rules
from govhub.web.view_helpers import whole_number  # noqa: F401  (the kinds' forms read numbers)

# A stored ballot's content, its total weight, and how many ballots had it.
Group = tuple[tuple, Decimal, int]


def option_tally(groups: Sequence[Group], option_ids: Sequence[int]) -> dict:
    """{option id as text: {"weight", "count"}}: a ballot gives its weight to each pick."""
    totals = rules.tally_options([(content, weight) for content, weight, _n in groups],
                                 option_ids)
    counts: Counter = Counter()
    for content, _weight, count in groups:
        for option in content:
            counts[option] += count
    return {str(option_id): {"weight": weight_text(totals.get(option_id, rules.ZERO)),
                             "count": counts.get(option_id, 0)} for option_id in option_ids}


def leaders(weights: dict[str, str]) -> list[str]:
    """The options with the most weight, none when nobody voted for anything."""
    values = {key: Decimal(value) for key, value in weights.items()}
    top = max(values.values(), default=Decimal(0))
    return [key for key, value in values.items() if value == top] if top > 0 else []


def option_base(rule: RuleSet) -> str:
    """The base's name in an option's sentence: options have no abstentions to count."""
    base = rule.passing_base.value
    return "cast" if base == "cast_with_abstentions" else base


class Kind:
    """One kind of poll; subclasses override what differs (see the module's docstring)."""

    value: str = ""
    label: Any = ""  # a lazy_gettext string
    # The poll lists its own options (2 to 20); False: the kind's choices are fixed.
    has_options: bool = True

    # --- preparing ----------------------------------------------------------------------

    def choice_limits(self, count: int, low: Any, high: Any) -> tuple[int, int | None]:
        """The poll's (min_choices, max_choices) from the form; most kinds ignore them."""
        return 1, None

    # --- a ballot -----------------------------------------------------------------------

    def ballot(self, payload: Any, option_ids: Sequence[int], min_choices: int = 1,
               max_choices: int | None = None) -> tuple:
        """A voter's payload as the ballot's canonical content, or rules.BallotProblem."""
        raise NotImplementedError

    def form_ballot(self, form, option_ids: Sequence[int]) -> dict:
        """The payload a form posted without JavaScript stands for (the socket's shape)."""
        raise NotImplementedError

    def vote_text(self, content: Sequence, labels: dict[str, str]) -> str:
        """A ballot in words, for the roll call."""
        return _(", ").join(labels.get(str(choice), str(choice)) for choice in content)

    # --- counting -----------------------------------------------------------------------

    def tally(self, groups: Sequence[Group], option_ids: Sequence[int]) -> dict:
        """The count by choice: {key: {"weight", "count"}} in ballot order."""
        return option_tally(groups, option_ids)

    def decide(self, ballots: Sequence[rules.Ballot], option_ids: Sequence[int],
               present: Decimal, members: Decimal, rule: RuleSet) -> rules.Outcome:
        raise NotImplementedError

    def details(self, ballots: Sequence[rules.Ballot], option_ids: Sequence[int],
                present: Decimal, members: Decimal, rule: RuleSet) -> dict:
        """What the frozen result keeps besides the tally and outcome (accepted, rounds)."""
        return {}

    def passing_share(self, rule: RuleSet) -> Share:
        return rule.passing

    def outside(self, rule: RuleSet) -> tuple[str, ...]:
        """The choices the rule's base leaves out (their bars are "not counted")."""
        return ()

    def bar_scale(self, base: Decimal, rule: RuleSet) -> rules.BarScale:
        return rules.bar_scale(base, self.passing_share(rule), self.outside(rule))

    def live_base_reads_attendance(self, rule: RuleSet) -> bool:
        """Whether the live tally's base needs who is present now (read only when it does)."""
        return rule.passing_base == PassingBase.PRESENT

    # --- words --------------------------------------------------------------------------

    def option_labels(self, poll: dict) -> dict[str, str]:
        """Choice key -> its label, in ballot order, for a poll payload."""
        return {str(option["id"]): option["label"] for option in poll["options"]}

    def figures(self, result: dict, rule: RuleSet) -> tuple[str, list[str], Share]:
        """A result's figures: (the key of its figures in labels.py, the option keys it
        names, the share required). static/js/polls.js says the same (resultSentence)."""
        raise NotImplementedError
