"""Offerings in words: categories, statuses and steps, modes, prices, weekdays."""

from __future__ import annotations

from decimal import Decimal

from babel.dates import get_day_names
from babel.numbers import format_currency
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.partners.common import label_of
from govhub.partners.offerings.models import OfferingCategory, OfferingMode, OfferingStatus

CATEGORY_LABELS = {
    OfferingCategory.ELDERLY_CARE: _l("Elderly care"),
    OfferingCategory.HEALTH: _l("Health"),
    OfferingCategory.EDUCATION: _l("Education"),
    OfferingCategory.CHILDCARE: _l("Childcare"),
    OfferingCategory.CULTURE_SPORTS: _l("Culture and sports"),
    OfferingCategory.LEGAL_AID: _l("Legal aid"),
    OfferingCategory.EMPLOYMENT: _l("Employment"),
    OfferingCategory.VOLUNTEER_SERVICE: _l("Volunteer service"),
    OfferingCategory.OTHER: _l("Other"),
}


OFFERING_STATUS_LABELS = {
    OfferingStatus.DRAFT: _l("Draft"),
    OfferingStatus.PUBLISHED: _l("Published"),
    OfferingStatus.PAUSED: _l("Paused"),
    OfferingStatus.ARCHIVED: _l("Archived"),
}


OFFERING_STEP_LABELS = {
    OfferingStatus.PUBLISHED: _l("Publish"),
    OfferingStatus.PAUSED: _l("Pause"),
    OfferingStatus.ARCHIVED: _l("Archive"),
}


MODE_LABELS = {
    OfferingMode.ON_REQUEST: _l("On request"),
    OfferingMode.SESSIONS: _l("In sessions with places"),
}


def category_label(value) -> str:
    return label_of(CATEGORY_LABELS, OfferingCategory, value)


def offering_status_label(value) -> str:
    return label_of(OFFERING_STATUS_LABELS, OfferingStatus, value)


def offering_step_label(value) -> str:
    return label_of(OFFERING_STEP_LABELS, OfferingStatus, value)


def mode_label(value) -> str:
    return label_of(MODE_LABELS, OfferingMode, value)


def price_text(price: Decimal | None) -> str:
    """"Free", or the price in yuan in the reader's language."""
    if price is None:
        return _("Free")
    return format_currency(price, "CNY", locale=get_locale())


def weekday_names() -> list[tuple[int, str]]:
    """(0, "Monday") … (6, "Sunday") in the reader's language."""
    names = get_day_names("wide", locale=get_locale())
    return [(day, names[day]) for day in range(7)]
