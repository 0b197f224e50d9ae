"""Proposals in words: states, what became of them, how much time is left, the sorts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from govhub.proposals.rules import ProposalState, ThresholdKind

STATE_LABELS = {
    ProposalState.DRAFT: _l("Draft"),
    ProposalState.PUBLISHED: _l("Collecting supports"),
    ProposalState.QUEUED: _l("Threshold reached"),
    ProposalState.ACCEPTED: _l("Accepted for the agenda"),
    ProposalState.DONE_BY_OFFICE: _l("Done by the office"),
    ProposalState.NOT_FEASIBLE: _l("Not feasible"),
    ProposalState.NOT_COMPETENT: _l("Outside the community's competence"),
    ProposalState.MERGED: _l("Merged into another proposal"),
    ProposalState.WITHDRAWN: _l("Withdrawn by its author"),
    ProposalState.ARCHIVED: _l("Archived: time ran out"),
}

# What became of it, in a sentence, for a list's row and the proposal's page.
OUTCOMES = {
    ProposalState.QUEUED: _l("Enough residents support it: it goes to the council."),
    ProposalState.ACCEPTED: _l("The office put it on the council's agenda."),
    ProposalState.DONE_BY_OFFICE: _l("The community office takes care of it directly."),
    ProposalState.NOT_FEASIBLE: _l("The office answered that it cannot be done."),
    ProposalState.NOT_COMPETENT: _l("The office answered that another body decides this."),
    ProposalState.MERGED: _l("It joined a similar proposal, with its supports."),
    ProposalState.WITHDRAWN: _l("Its author withdrew it."),
    ProposalState.ARCHIVED: _l("Its time ran out before enough residents supported it."),
}

SORT_LABELS = {
    "newest": _l("Newest"),
    "most_supported": _l("Most supported"),
    "closest": _l("Closest to the threshold"),
}

THRESHOLD_KIND_LABELS = {
    ThresholdKind.ABSOLUTE: _l("A number of supports"),
    ThresholdKind.SHARE: _l("A share of the residents"),  # the help text says: confirmed
}

# The states a reader may filter the public list by (drafts are never listed).
LISTED_STATES = [state for state in ProposalState if state != ProposalState.DRAFT]


def state_label(state) -> str:
    try:
        return str(STATE_LABELS[ProposalState(state)])
    except ValueError:
        return str(state)


def outcome_text(state) -> str:
    label = OUTCOMES.get(ProposalState(state))
    return str(label) if label is not None else ""


def supports_text(count: int, threshold: int | None) -> str:
    """"2 of 3 supports"."""
    if threshold is None:
        return ngettext("%(num)d support", "%(num)d supports", count)
    return ngettext("%(count)d of %(num)d support", "%(count)d of %(num)d supports",
                    threshold, count=count)


def days_left_text(days: int) -> str:
    """"3 days left", "Last day today", "Time is up"."""
    if days < 0:
        return str(_l("Time is up"))
    if days == 0:
        return str(_l("Last day today"))
    return ngettext("%(num)d day left", "%(num)d days left", days)
