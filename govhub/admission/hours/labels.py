"""Hours' words: the hours types, the shares of the workload view, target kinds, and what
a refused entry is told."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.admission.hours.rules import HoursType, Share, TargetKind

HOURS_TYPES = {
    HoursType.DUTY_BY_LAW: _l("Duties by law"),
    HoursType.ASSISTING_GOVERNMENT: _l("Assisting the government"),
    HoursType.NEGATIVE_LIST: _l("Not for the community (negative list)"),
    HoursType.CERTIFICATE: _l("Certificates the community may issue"),
    HoursType.PLACARD: _l("Placards allowed"),
    HoursType.SELF_GOVERNMENT: _l("Community self-government (serving residents)"),
    HoursType.OTHER: _l("Other work"),
}

SHARES = {
    Share.FOR_DEPARTMENTS: _l("For departments"),
    Share.BY_LAW: _l("Duties by law"),
    Share.FOR_RESIDENTS: _l("Serving residents"),
    Share.OTHER: _l("Other"),
}

TARGET_KINDS = {
    TargetKind.WORK_ITEM: _l("Catalogue work item"),
    TargetKind.ACTION_ITEM: _l("Action item"),
    TargetKind.MEETING: _l("Meeting"),
    TargetKind.REQUEST: _l("Admission request"),
    TargetKind.OTHER: _l("Other work"),
}

PROBLEMS = {
    "not_a_number": _l("Give the minutes as a whole number."),
    "not_positive": _l("Log more than 0 minutes."),
    "over_a_day": _l("One entry holds at most 24 hours (1440 minutes)."),
    "not_a_date": _l("Give the day as YYYY-MM-DD."),
    "future": _l("You cannot log time for a day in the future."),
    "too_old": _l("That day is more than a year ago."),
    "day_full": _l("A day holds at most 24 hours: with this, the day would hold more."),
    "too_long": _l("The note is at most 500 characters."),
    "required": _l("Say in a note what the other work was."),
    "no_target": _l("Choose what the time went to."),
    "wrong_target": _l("Choose a work item, action item, meeting or admission request of "
                       "your own community."),
}


def hours_type_label(kind) -> str:
    return str(HOURS_TYPES[HoursType(kind)])


def share_label(share) -> str:
    return str(SHARES[Share(share)])


def target_kind_label(kind) -> str:
    return str(TARGET_KINDS[TargetKind(kind)])


def problem(code: str) -> str:
    return str(PROBLEMS[code])
