"""The admission requests' words: states, decisions, emergencies, stances, field problems,
and the notifications they send."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.admission.requests.rules import Emergency, RequestAction, RequestState, Stance

STATES = {
    RequestState.DRAFT: _l("Draft"),
    RequestState.SUBMITTED: _l("Submitted"),
    RequestState.CONSULTATION: _l("In consultation"),
    RequestState.PENDING_REVIEW: _l("In force, pending review"),
    RequestState.APPROVED: _l("Approved"),
    RequestState.CONDITIONAL: _l("Approved with conditions"),
    RequestState.REJECTED: _l("Rejected"),
    RequestState.WITHDRAWN: _l("Withdrawn"),
}

DECISIONS = {
    RequestAction.APPROVE: _l("Approve"),
    RequestAction.APPROVE_WITH_CONDITIONS: _l("Approve with conditions"),
    RequestAction.REJECT: _l("Reject"),
}

EMERGENCIES = {
    Emergency.LIFE_AND_PROPERTY: _l("Life and property"),
    Emergency.PUBLIC_SAFETY: _l("Public safety"),
    Emergency.PUBLIC_HEALTH: _l("Public health"),
}

STANCES = {Stance.SUPPORT: _l("Support"), Stance.OBJECT: _l("Object")}

FIELDS = {
    "title": _l("The task"), "description": _l("What it involves"), "law": _l("The law"),
    "article": _l("The article"),
    "why_not_itself": _l("Why the department cannot do it itself"),
    "data_fields": _l("The data asked for"), "hours_per_month": _l("Hours per month"),
    "period_from": _l("From"), "period_to": _l("To"), "resources": _l("Resources offered"),
    "list_type": _l("List"), "emergency": _l("Emergency"), "communities": _l("Communities"),
    "decision": _l("Decision"), "reasons": _l("Reasons"), "conditions": _l("Conditions"),
    "comment": _l("Comment"), "stance": _l("Support or object"),
    "burden_hours": _l("Estimated burden"), "code": _l("Code"),
}

PROBLEMS = {
    "required": _l("%(field)s: this is required."),
    "too_long": _l("%(field)s: this is too long."),
    "not_a_number": _l("%(field)s: give a number."),
    "out_of_range": _l("%(field)s: give a number from 0 to 744."),
    "too_precise": _l("%(field)s: at most two decimals."),
    "before_start": _l("%(field)s: the end may not be before the start."),
    "unknown": _l("%(field)s: choose one of the options."),
}


def state_label(state) -> str:
    return str(STATES[RequestState(state)])


def emergency_label(kind) -> str:
    return str(EMERGENCIES[Emergency(kind)]) if kind else ""


def stance_label(stance) -> str:
    return str(STANCES[Stance(stance)])


def problem_text(field: str, problem: str) -> str:
    return str(PROBLEMS.get(problem, PROBLEMS["unknown"])) % {"field": FIELDS.get(field, field)}
