"""The catalogue's words: list types, and what a bad CSV cell is told."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.admission.catalogue.rules import ListType

LIST_TYPES = {
    ListType.DUTY_BY_LAW: _l("Duties by law"),
    ListType.ASSISTING_GOVERNMENT: _l("Assisting the government"),
    ListType.NEGATIVE_LIST: _l("Not for the community (negative list)"),
    ListType.CERTIFICATE: _l("Certificates the community may issue"),
    ListType.PLACARD: _l("Placards allowed"),
}

COLUMNS = {
    "code": _l("code"), "name": _l("name"), "name_en": _l("English name"),
    "list_type": _l("list type"), "legal_basis": _l("legal basis"),
    "lead_department": _l("lead department"), "community_role": _l("community's role"),
    "deliverables": _l("deliverables"), "frequency": _l("frequency"),
    "hours_per_month": _l("hours per month"), "resources": _l("resources"),
    "assessable": _l("assessable"), "effective_from": _l("effective from"),
    "effective_to": _l("effective to"),
}

PROBLEMS = {
    "required": _l("is required"),
    "bad_pattern": _l("may hold only letters, digits and hyphens (at most 32)"),
    "too_long": _l("is too long"),
    "unknown": _l("is not one of the five list types"),
    "not_a_number": _l("is not a number"),
    "out_of_range": _l("must be between 0 and 744"),
    "too_precise": _l("may have at most two decimals"),
    "not_yes_no": _l("must be yes or no"),
    "not_a_date": _l("is not a date (YYYY-MM-DD)"),
    "before_start": _l("is before the start date"),
    "duplicate": _l("is used by an earlier row"),
}


def list_type_label(kind) -> str:
    return str(LIST_TYPES[ListType(kind)])
