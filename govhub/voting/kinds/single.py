"""Single choice: one option per ballot; a sole leader reaching the rule's share wins."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.voting import rules
from govhub.voting.kinds.base import Kind, leaders, option_base, whole_number


class Single(Kind):
    value = "single"
    label = _l("Single choice")

    def ballot(self, payload, option_ids, min_choices=1, max_choices=None):
        return rules.single_ballot(payload, option_ids)

    def form_ballot(self, form, option_ids):
        return {"choice": whole_number(form.get("choice"))}

    def decide(self, ballots, option_ids, present, members, rule):
        return rules.decide_single(rules.tally_options(ballots, option_ids), rules.ZERO,
                                   present, members, rule)

    def figures(self, result, rule):
        winner = result["outcome"].get("winner")
        weights = {key: entry["weight"] for key, entry in result["tally"].items()}
        keys = [str(winner)] if winner is not None else leaders(weights)
        return (f"option-{option_base(rule)}" if keys else "no-votes"), keys, rule.passing


KIND = Single()
