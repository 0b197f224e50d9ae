"""Multiple choice: several options per ballot, within the poll's limits; every option
chosen by the rule's share of the voters is accepted."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.core.errors import DomainError
from govhub.voting import rules
from govhub.voting.kinds.base import Kind, option_base, whole_number


def _cast(ballots) -> Decimal:
    return sum((weight for _content, weight in ballots), rules.ZERO)


class Multiple(Kind):
    value = "multiple"
    label = _l("Multiple choice")

    def choice_limits(self, count, low, high):
        high = count if high in (None, "") else high
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)) or not (
                1 <= low <= high <= count):
            raise DomainError("invalid_limits",
                              _("Choose at least 1 and at most as many as there are options."),
                              "max_choices")
        return low, high

    def ballot(self, payload, option_ids, min_choices=1, max_choices=None):
        return rules.multiple_ballot(payload, option_ids, min_choices, max_choices)

    def form_ballot(self, form, option_ids):
        return {"choices": [whole_number(value) for value in form.getlist("choices")]}

    def decide(self, ballots, option_ids, present, members, rule):
        return rules.decide_multiple(rules.tally_options(ballots, option_ids), _cast(ballots),
                                     present, members, rule)

    def details(self, ballots, option_ids, present, members, rule):
        return {"accepted": list(rules.accepted_options(
            rules.tally_options(ballots, option_ids), _cast(ballots), present, members, rule))}

    def figures(self, result, rule):
        keys = [str(option) for option in result.get("accepted", [])]
        base = option_base(rule)
        return (f"accepted-{base}" if keys else f"none-accepted-{base}"), keys, rule.passing


KIND = Multiple()
