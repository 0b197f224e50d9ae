"""Ranked choice: every ballot ranks every option; decided by instant runoff, the winner
needing more than half of the last round whatever the rule set (its quorum still counts)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.core.errors import DomainError
from govhub.councils.rules import MORE_THAN_HALF, weight_text
from govhub.voting import rules
from govhub.voting.kinds.base import Kind, leaders, option_tally, whole_number


class Ranked(Kind):
    value = "ranked"
    label = _l("Ranked choice")

    def ballot(self, payload, option_ids, min_choices=1, max_choices=None):
        return rules.ranked_ballot(payload, option_ids)

    def form_ballot(self, form, option_ids):
        ranks = {option: whole_number(form.get(f"rank-{option}")) for option in option_ids}
        if None in ranks.values() or len(set(ranks.values())) != len(ranks):
            raise DomainError("duplicate_choice", _("Give each option a different rank."),
                              "choice")
        return {"ranking": sorted(ranks, key=ranks.get)}

    def vote_text(self, content, labels):
        return " > ".join(labels.get(str(choice), str(choice)) for choice in content)

    def tally(self, groups, option_ids):
        """First preferences."""
        return option_tally([((content[0],), weight, count)
                             for content, weight, count in groups if content], option_ids)

    def decide(self, ballots, option_ids, present, members, rule):
        return rules.decide_ranked(rules.instant_runoff(ballots, option_ids), present, members,
                                   rule)

    def details(self, ballots, option_ids, present, members, rule):
        runoff = rules.instant_runoff(ballots, option_ids)
        return {"rounds": [{str(k): weight_text(v) for k, v in r.items()}
                           for r in runoff.rounds],
                "eliminated": list(runoff.eliminated)}

    def passing_share(self, rule):
        return MORE_THAN_HALF

    def live_base_reads_attendance(self, rule):
        return False  # the runoff's base is the last round's ballots

    def figures(self, result, rule):
        winner = result["outcome"].get("winner")
        last = (result.get("rounds") or [{}])[-1]
        keys = [str(winner)] if winner is not None else leaders(last)
        return ("option-runoff" if keys else "no-votes"), keys, MORE_THAN_HALF


KIND = Ranked()
