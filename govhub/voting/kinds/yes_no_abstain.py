"""Yes / no / abstain: the motion passes when yes reaches the rule's share of its base."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.councils.rules import PassingBase, weight_text
from govhub.voting import rules
from govhub.voting.kinds.base import Kind

CHOICE_LABELS = {"yes": _l("Yes"), "no": _l("No"), "abstain": _l("Abstain")}


def choice_label(choice) -> str:
    label = CHOICE_LABELS.get(choice)
    return str(label) if label is not None else str(choice)


class YesNoAbstain(Kind):
    value = "yes_no_abstain"
    label = _l("Yes / no / abstain")
    has_options = False

    def ballot(self, payload, option_ids, min_choices=1, max_choices=None):
        return rules.yes_no_ballot(payload)

    def form_ballot(self, form, option_ids):
        return {"choice": form.get("choice", "")}

    def tally(self, groups, option_ids):
        tally = rules.tally_yes_no([(content, weight) for content, weight, _n in groups])
        counts = dict.fromkeys(rules.YES_NO_OPTIONS, 0)
        for content, _weight, count in groups:
            counts[content[0]] += count
        return {choice: {"weight": weight_text(getattr(tally, choice)),
                         "count": counts[choice]} for choice in rules.YES_NO_OPTIONS}

    def decide(self, ballots, option_ids, present, members, rule):
        return rules.decide_yes_no(rules.tally_yes_no(ballots), present, members, rule)

    def outside(self, rule):
        return ("abstain",) if rule.passing_base is PassingBase.CAST else ()

    def option_labels(self, poll):
        return {choice: choice_label(choice) for choice in rules.YES_NO_OPTIONS}

    def figures(self, result, rule):
        return f"yes-{rule.passing_base.value}", [], rule.passing


KIND = YesNoAbstain()
