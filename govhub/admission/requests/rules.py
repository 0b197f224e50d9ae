"""Admission requests' pure rules: the lifecycle, checking a request's fields, deadlines in
working days, reminders, and the "report once" comparison (no Flask, no database).

The lifecycle (every pair of states is tested):

    draft ──submit──► submitted ──open consultation──► in consultation ──decide──► decided
      │                   │                                  │            (approved,
      │                   │                                  │             approved with
      └──start at once (an emergency)──► in force pending review ──decide──┘ conditions,
                                                                           rejected)
    draft, submitted, in consultation, in force pending review ──withdraw──► withdrawn
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from govhub.admission.catalogue.rules import ListType, RowError, parse_hours
from govhub.core.keyword_search import runs
from govhub.core.working_days import add_working_days


class RequestState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONSULTATION = "consultation"
    PENDING_REVIEW = "pending_review"  # an emergency, in force until reviewed
    APPROVED = "approved"
    CONDITIONAL = "conditional"  # approved with conditions
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RequestAction(enum.StrEnum):
    SUBMIT = "submit"
    START_AT_ONCE = "start_at_once"
    OPEN_CONSULTATION = "open_consultation"
    APPROVE = "approve"
    APPROVE_WITH_CONDITIONS = "approve_with_conditions"
    REJECT = "reject"
    WITHDRAW = "withdraw"


class Emergency(enum.StrEnum):
    LIFE_AND_PROPERTY = "life_and_property"
    PUBLIC_SAFETY = "public_safety"
    PUBLIC_HEALTH = "public_health"


class Stance(enum.StrEnum):
    SUPPORT = "support"
    OBJECT = "object"


class Reminder(enum.StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


S, A = RequestState, RequestAction
DECISIONS = {A.APPROVE: S.APPROVED, A.APPROVE_WITH_CONDITIONS: S.CONDITIONAL,
             A.REJECT: S.REJECTED}
TRANSITIONS: dict[tuple[RequestState, RequestAction], RequestState] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.DRAFT, A.START_AT_ONCE): S.PENDING_REVIEW,
    (S.SUBMITTED, A.OPEN_CONSULTATION): S.CONSULTATION,
    **{(S.CONSULTATION, action): state for action, state in DECISIONS.items()},
    **{(S.PENDING_REVIEW, action): state for action, state in DECISIONS.items()},
    **{(state, A.WITHDRAW): S.WITHDRAWN
       for state in (S.DRAFT, S.SUBMITTED, S.CONSULTATION, S.PENDING_REVIEW)},
}
EDITABLE = frozenset({S.DRAFT, S.SUBMITTED})
UNDER_REVIEW = frozenset({S.SUBMITTED, S.CONSULTATION, S.PENDING_REVIEW})
DECIDED = frozenset({S.APPROVED, S.CONDITIONAL, S.REJECTED})
HEARING_VIEWS = frozenset({S.CONSULTATION, S.PENDING_REVIEW})
ASKABLE = tuple(kind for kind in ListType if kind != ListType.NEGATIVE_LIST)

DECISION_WORKING_DAYS = 15
CONSULTATION_WORKING_DAYS = 5
EMERGENCY_REVIEW_WORKING_DAYS = 10
LIMITS = {"title": 200, "description": 4000, "law": 300, "article": 100,
          "why_not_itself": 2000, "resources": 500, "data_field": 200, "reasons": 2000,
          "conditions": 2000, "comment": 1000}
DATA_FIELDS_MAX = 50


def next_state(state: RequestState, action: RequestAction) -> RequestState | None:
    """Where the action takes a request in that state; None when it is not allowed."""
    return TRANSITIONS.get((RequestState(state), RequestAction(action)))


def can_move(source: RequestState, target: RequestState) -> bool:
    """Whether some action takes a request from one state to the other."""
    return any(s == source and t == target for (s, _a), t in TRANSITIONS.items())


def allowed_actions(state: RequestState) -> list[RequestAction]:
    return [action for (s, action) in TRANSITIONS if s == RequestState(state)]


# --- a request's fields ------------------------------------------------------------------------

class FieldError(ValueError):
    """One field is wrong: `field` names it, `problem` is a code the service words."""

    def __init__(self, field_name: str, problem: str):
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class RequestData:
    title: str
    law: str
    article: str
    why_not_itself: str
    period_from: date
    description: str = ""
    data_fields: tuple[str, ...] = ()
    hours_per_month: Decimal = Decimal(0)
    period_to: date | None = None
    resources: str = ""
    list_type: ListType = ListType.ASSISTING_GOVERNMENT
    emergency: Emergency | None = None
    extra: dict = field(default_factory=dict)


def clean(text) -> str:
    return str(text or "").strip()


def data_field_lines(text: str) -> tuple[str, ...]:
    """The data fields, one a line: blank lines dropped, repeats once, spaces folded."""
    found: dict[str, None] = {}
    for line in str(text or "").splitlines():
        line = " ".join(line.split())
        if line:
            found[line] = None
    return tuple(found)


def check_request(values: dict) -> RequestData:
    """A request's fields read and checked; the first wrong one raises FieldError."""
    texts = {name: clean(values.get(name)) for name in
             ("title", "description", "law", "article", "why_not_itself", "resources")}
    for name in ("title", "law", "article", "why_not_itself"):
        if not texts[name]:
            raise FieldError(name, "required")
    for name, text in texts.items():
        if len(text) > LIMITS[name]:
            raise FieldError(name, "too_long")
    fields = values.get("data_fields") or ()
    fields = data_field_lines(fields) if isinstance(fields, str) else data_field_lines(
        "\n".join(str(f) for f in fields))
    if len(fields) > DATA_FIELDS_MAX or any(len(f) > LIMITS["data_field"] for f in fields):
        raise FieldError("data_fields", "too_long")
    try:
        hours = parse_hours(str(values.get("hours_per_month") or "0"))
    except RowError as error:
        raise FieldError("hours_per_month", error.problem) from None
    period_from, period_to = values.get("period_from"), values.get("period_to")
    if not isinstance(period_from, date):
        raise FieldError("period_from", "required")
    if period_to is not None and (not isinstance(period_to, date) or period_to < period_from):
        raise FieldError("period_to", "before_start")
    kind = values.get("list_type") or ListType.ASSISTING_GOVERNMENT
    if kind not in {k.value for k in ASKABLE}:
        raise FieldError("list_type", "unknown")
    emergency = values.get("emergency") or None
    if emergency is not None and emergency not in {e.value for e in Emergency}:
        raise FieldError("emergency", "unknown")
    return RequestData(title=texts["title"], law=texts["law"], article=texts["article"],
                       why_not_itself=texts["why_not_itself"], period_from=period_from,
                       description=texts["description"], data_fields=fields,
                       hours_per_month=hours, period_to=period_to,
                       resources=texts["resources"], list_type=ListType(kind),
                       emergency=Emergency(emergency) if emergency else None)


def legal_basis(law: str, article: str) -> str:
    """The law and article as one line, as the catalogue keeps it: 《…法》第八条."""
    return f"{law}{article}" if law.endswith("》") else f"{law} {article}"


def check_decision(action: RequestAction, reasons: str, conditions: str) -> None:
    """Every decision gives its reasons; an approval with conditions names them."""
    if action not in DECISIONS:
        raise FieldError("decision", "unknown")
    if not clean(reasons):
        raise FieldError("reasons", "required")
    if len(clean(reasons)) > LIMITS["reasons"]:
        raise FieldError("reasons", "too_long")
    if action == A.APPROVE_WITH_CONDITIONS and not clean(conditions):
        raise FieldError("conditions", "required")
    if len(clean(conditions)) > LIMITS["conditions"]:
        raise FieldError("conditions", "too_long")


# --- deadlines ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()


def due_on(start: date, working_days: int, calendar: Calendar) -> date:
    """`working_days` working days after `start` (not counted), skipping the calendar's
    holidays and counting its make-up days."""
    return add_working_days(start, working_days, calendar.holidays, calendar.workdays)


def rereview_on(decided: date, period_to: date | None) -> date:
    """When an admitted task is looked at again: the end of its period, else a year on."""
    if period_to is not None:
        return period_to
    try:
        return decided.replace(year=decided.year + 1)
    except ValueError:  # 29 February
        return decided.replace(year=decided.year + 1, day=28)


def is_overdue(state: RequestState, due: date | None, today: date) -> bool:
    """A review still open after its due day."""
    return RequestState(state) in UNDER_REVIEW and due is not None and today > due


def reminder_due(today: date, due: date) -> Reminder | None:
    """The day before the due day: due soon; any day after it: overdue; else nothing."""
    if today > due:
        return Reminder.OVERDUE
    if (due - today).days == 1:
        return Reminder.DUE_SOON
    return None


def views_open(state: RequestState, closes_on: date | None, today: date) -> bool:
    """Workers give (and change) their view while the consultation window is open."""
    return (RequestState(state) in HEARING_VIEWS and closes_on is not None
            and today <= closes_on)


# --- report once -------------------------------------------------------------------------------

SAME_FIELD = 0.6  # share of a data field's words another field must have to be the same
SAME_TITLE = 0.5
MIN_SHARED = 2  # fields in common that count (one when the request asks for only one):
# a name alone (姓名) is asked for by nearly everything


@dataclass(frozen=True)
class Candidate:
    kind: str  # "item" (the catalogue) or "request"
    id: int
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    kind: str
    id: int
    title: str
    shared_fields: tuple[str, ...]  # the new request's fields this one already asks for
    same_title: bool


def words(text: str) -> frozenset[str]:
    """A text's words: the bigrams of its Chinese (a lone character itself) and its other
    words of two letters or more, folded (NFKC, lower case)."""
    found: set[str] = set()
    for is_cjk, run in runs(text):
        if is_cjk:
            found.update([run] if len(run) == 1 else (run[i:i + 2] for i in range(len(run) - 1)))
        elif len(run) >= 2:
            found.add(run)
    return frozenset(found)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the shorter text's words (0 when either has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def report_once(title: str, fields: tuple[str, ...], candidates: list[Candidate],
                limit: int = 10) -> list[Match]:
    """Catalogue items and earlier requests that already ask for this data (MIN_SHARED of
    our fields each share most words with one of theirs) or have nearly the same title;
    most shared fields first, then same titles, then catalogue items before requests."""
    ours = [(f, words(f)) for f in fields]
    least = min(MIN_SHARED, len(ours)) or 1
    title_words = words(title)
    matches = []
    for candidate in candidates:
        theirs = [words(f) for f in candidate.fields]
        shared = tuple(f for f, mine in ours
                       if any(overlap(mine, other) >= SAME_FIELD for other in theirs))
        same_title = overlap(title_words, words(candidate.title)) >= SAME_TITLE
        if len(shared) >= least or same_title:
            matches.append(Match(candidate.kind, candidate.id, candidate.title, shared,
                                 same_title))
    matches.sort(key=lambda m: (-len(m.shared_fields), not m.same_title, m.kind != "item",
                                m.id))
    return matches[:limit]


def item_fields(name: str, deliverables: str) -> tuple[str, ...]:
    """What a catalogue item asks communities for: its name and each deliverable."""
    parts = [name]
    for separator in "、，,;；/":
        deliverables = deliverables.replace(separator, "\n")
    parts += [p for p in deliverables.splitlines() if p.strip()]
    return tuple(p.strip() for p in parts)
