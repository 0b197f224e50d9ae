"""A resident proposal's life, as plain rules: which action may follow which state, how
many supports queue it, when its time runs out, and when a comment is hidden.

    draft ──► published ──► queued ──► accepted | done by office
      │          │  │         │        | not feasible | not competent
      │          │  │         └──► merged (into another proposal)
      │          │  └──► merged | archived (time ran out before the threshold)
      └──────────┴──► withdrawn (by its author, with a reason)

- a published proposal collects supports until its threshold (queued) or
  until its time limit passes (archived);
- a queued proposal waits for a meeting's agenda; a worker answers it:
  accepted for the agenda, done by the office directly (as an action item),
  not feasible, or not competent (the answer says where to go instead);
- every state after an answer, a merge, a withdrawal or an archive is final:
  a later attempt at the same matter is a new proposal, so the public record
  of this one never changes.

No Flask, no database: plain values in, plain values out.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType


class ProposalState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"            # collecting supports
    QUEUED = "queued"                  # threshold reached: on an agenda or waiting for one
    ACCEPTED = "accepted"              # answered: accepted for the agenda
    DONE_BY_OFFICE = "done_by_office"  # answered: the office does it, as an action item
    NOT_FEASIBLE = "not_feasible"
    NOT_COMPETENT = "not_competent"    # outside the community's competence
    MERGED = "merged"                  # joined another proposal
    WITHDRAWN = "withdrawn"            # by its author, with a reason
    ARCHIVED = "archived"              # time limit passed before the threshold


class ProposalAction(enum.StrEnum):
    PUBLISH = "publish"
    REACH_THRESHOLD = "reach_threshold"
    ARCHIVE = "archive"
    WITHDRAW = "withdraw"
    MERGE = "merge"
    ACCEPT = "accept"
    DO_DIRECTLY = "do_directly"
    DECLINE_NOT_FEASIBLE = "decline_not_feasible"
    DECLINE_NOT_COMPETENT = "decline_not_competent"


class Stance(enum.StrEnum):
    """Where a comment in the deliberation stands on the proposal."""

    FOR = "for"
    AGAINST = "against"
    QUESTION = "question"


class TransitionNotAllowed(ValueError):
    """`action` may not be taken on a proposal in `state`."""

    code = "transition_not_allowed"

    def __init__(self, state: ProposalState, action: ProposalAction):
        self.state, self.action = state, action
        super().__init__(f"transition_not_allowed: {action} from {state}")

    def __reduce__(self):
        return type(self), (self.state, self.action)


S, A = ProposalState, ProposalAction

TRANSITIONS: Mapping[tuple[ProposalState, ProposalAction], ProposalState] = MappingProxyType({
    (S.DRAFT, A.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, A.REACH_THRESHOLD): S.QUEUED,
    (S.PUBLISHED, A.ARCHIVE): S.ARCHIVED,
    (S.DRAFT, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.WITHDRAW): S.WITHDRAWN,
    (S.PUBLISHED, A.MERGE): S.MERGED,
    (S.QUEUED, A.MERGE): S.MERGED,
    (S.QUEUED, A.ACCEPT): S.ACCEPTED,
    (S.QUEUED, A.DO_DIRECTLY): S.DONE_BY_OFFICE,
    (S.QUEUED, A.DECLINE_NOT_FEASIBLE): S.NOT_FEASIBLE,
    (S.QUEUED, A.DECLINE_NOT_COMPETENT): S.NOT_COMPETENT,
})

_ALLOWED: Mapping[ProposalState, frozenset[ProposalAction]] = MappingProxyType({
    state: frozenset(action for (source, action) in TRANSITIONS if source == state)
    for state in ProposalState
})

# No action is allowed any more: the proposal's public record is settled.
FINAL = frozenset(state for state, actions in _ALLOWED.items() if not actions)
# Residents may add supports: while collecting, and after the threshold (more names on a
# proposal the council will take up); they take one back only while collecting.
OPEN_FOR_SUPPORT = frozenset({S.PUBLISHED, S.QUEUED})
# The deliberation thread takes comments (a draft has no thread yet).
OPEN_FOR_COMMENTS = frozenset({S.PUBLISHED, S.QUEUED, S.ACCEPTED})
# A proposal may be merged into one that is still being supported or waiting for its answer.
MERGE_TARGETS = frozenset({S.PUBLISHED, S.QUEUED})

# The four answers to a queued proposal, and whether each must give its reason: a refusal
# says why (not feasible) or where to go instead (not competent); an acceptance may add one.
ANSWERS: Mapping[ProposalAction, bool] = MappingProxyType({
    A.ACCEPT: False,
    A.DO_DIRECTLY: False,
    A.DECLINE_NOT_FEASIBLE: True,
    A.DECLINE_NOT_COMPETENT: True,
})


def next_state(state: ProposalState, action: ProposalAction) -> ProposalState:
    """The state `action` leads to; refused (TransitionNotAllowed) when it may not follow."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionNotAllowed(state, action) from None


def allowed_actions(state: ProposalState) -> frozenset[ProposalAction]:
    """What may be done to a proposal in `state` (nothing, once it is final)."""
    return _ALLOWED[ProposalState(state)]


def supports_withdrawable(state: ProposalState) -> bool:
    """A resident may take a support back only while supports are collected: once the count
    queued the proposal (or it closed), that count is the record."""
    return state == S.PUBLISHED


def open_for_comments(state: ProposalState) -> bool:
    """Deliberation runs from publication while the agenda may still take it up: it closes
    when the proposal is declined, merged, withdrawn or archived, and when the office does
    it directly (nothing left for a meeting to weigh); a draft has no thread yet."""
    return state in OPEN_FOR_COMMENTS


def reason_given(reason) -> bool:
    return isinstance(reason, str) and bool(reason.strip())


def check_answer(action: ProposalAction, reason: str | None) -> None:
    """Refuse an answer that is not one, or a refusal without its reason: residents who
    supported a proposal are owed the why (or the where-to-go-instead)."""
    if action not in ANSWERS:
        raise ValueError("not_an_answer")
    if ANSWERS[action] and not reason_given(reason):
        raise ValueError("reason_required")


# --- thresholds and time limits ----------------------------------------------------------

class ThresholdKind(enum.StrEnum):
    ABSOLUTE = "absolute"  # a number of supports
    SHARE = "share"        # a share of the community's confirmed residents


# 2% of confirmed residents: citizen-proposal platforms ask for a share of the population
# in the low percent (CONSUL's default for Madrid was about 1% of residents over 16) or a
# fixed number per scope (Decidim); a community is small, so 2% is still a few dozen
# people in a community of a few thousand, and never fewer than one. Councils set their own.
DEFAULT_THRESHOLD: tuple[ThresholdKind, Decimal] = (ThresholdKind.SHARE, Decimal("0.02"))
DEFAULT_TIME_LIMIT_DAYS = 90       # calendar days from publication to collect supports
DEFAULT_ANSWER_WORKING_DAYS = 15   # working days for the office to answer a queued proposal
TIME_LIMIT_DAYS_RANGE = range(1, 3651)
ANSWER_WORKING_DAYS_RANGE = range(1, 366)
_KINDS = frozenset(ThresholdKind)


def _exact(value) -> Fraction:
    """A threshold value as an exact number: floats are refused, since 0.02 as a float is
    not 2/100 and would tip a ceiling over by one."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise ValueError("invalid_threshold")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("invalid_threshold")
    return Fraction(value)


def _checked_threshold(kind: ThresholdKind, value) -> Fraction:
    """An absolute threshold is a whole number from 1; a share is in (0, 1]."""
    if kind not in _KINDS:
        raise ValueError("invalid_threshold_kind")
    exact = _exact(value)
    if kind == ThresholdKind.ABSOLUTE:
        if exact.denominator != 1:
            raise ValueError("invalid_threshold")
        if exact < 1:
            raise ValueError("threshold_below_one")
    elif not 0 < exact <= 1:
        raise ValueError("share_out_of_range")
    return exact


def threshold_for(kind: ThresholdKind, value, confirmed_residents: int) -> int:
    """How many supports queue a proposal: the number itself, or the share of confirmed
    residents rounded up (2% of 120 is 3, not 2.4), never fewer than one support."""
    exact = _checked_threshold(kind, value)
    if confirmed_residents < 0:
        raise ValueError("negative_residents")
    if kind == ThresholdKind.ABSOLUTE:
        return int(exact)
    return max(1, math.ceil(exact * confirmed_residents))


def _in_range(value, allowed: range) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value in allowed


def check_settings(kind: ThresholdKind, value, time_limit_days: int,
                   answer_working_days: int) -> None:
    """Refuse a community's proposal settings that could never (or would always) queue a
    proposal, or that set an impossible time: a threshold of zero, a share above all
    residents, a time limit outside 1..3650 days, an answer time outside 1..365 working days."""
    _checked_threshold(kind, value)
    if not _in_range(time_limit_days, TIME_LIMIT_DAYS_RANGE):
        raise ValueError("invalid_time_limit")
    if not _in_range(answer_working_days, ANSWER_WORKING_DAYS_RANGE):
        raise ValueError("invalid_answer_days")


def crossed(count_before: int, count_after: int, threshold: int) -> bool:
    """Whether this support is the one that reaches the threshold: the count goes from
    below it to at or above it. Exactly one support crosses, so the proposal is queued once."""
    if threshold < 1:
        raise ValueError("threshold_below_one")
    return count_before < threshold <= count_after


def expires_on(published: date, time_limit_days: int) -> date:
    """The last day a proposal collects supports. The day of publication is not counted
    (民法典 art. 201), so 90 days from 1 March is 30 May, inclusive."""
    if time_limit_days < 1:
        raise ValueError("invalid_time_limit")
    return published + timedelta(days=time_limit_days)


class AnswerReminder(enum.StrEnum):
    DUE_SOON = "due_soon"  # the day before the answer is due, and the day itself
    OVERDUE = "overdue"    # from the day after


def answer_reminder(today: date, due: date) -> AnswerReminder | None:
    """Which reminder an unanswered proposal calls for today, in its community's calendar."""
    if today > due:
        return AnswerReminder.OVERDUE
    if (due - today).days <= 1:
        return AnswerReminder.DUE_SOON
    return None


def is_expired(today: date, published: date, time_limit_days: int) -> bool:
    """Expired from the day after its last day; `today` is the community's local date."""
    return today > expires_on(published, time_limit_days)


# --- the deliberation and merging --------------------------------------------------------

REPORTS_TO_HIDE = 3


def hidden_by_reports(distinct_reporters: int, reviewed: bool) -> bool:
    """A comment that three different residents report is hidden until a worker reviews
    it; once reviewed (and kept), further reports do not hide it again."""
    return not reviewed and distinct_reporters >= REPORTS_TO_HIDE


def merge_supporters(target: set[int], source: set[int]) -> set[int]:
    """The supporters of a merged proposal: everyone who supported either, each once
    (a new set; neither argument changes)."""
    return set(target) | set(source)


def can_merge(source_id: int, target_id: int, source_state: ProposalState,
              target_state: ProposalState) -> None:
    """Refuse a merge into itself, from a proposal that cannot merge, or into one that is
    no longer open (its supporters would join a settled record)."""
    if source_id == target_id:
        raise ValueError("merge_into_itself")
    if A.MERGE not in allowed_actions(source_state):
        raise TransitionNotAllowed(source_state, A.MERGE)
    if target_state not in MERGE_TARGETS:
        raise TransitionNotAllowed(target_state, A.MERGE)
