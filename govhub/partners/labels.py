"""Partners in words: kinds, categories, statuses and prices, translated when shown."""

from __future__ import annotations

from decimal import Decimal

from babel.dates import get_day_names
from babel.numbers import format_currency
from flask_babel import get_locale, lazy_pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.partners.models import (
    EnrolmentStatus,
    MemberRole,
    OfferingCategory,
    OfferingMode,
    OfferingStatus,
    OrganizationKind,
    OrganizationStatus,
    RequestStatus,
)

KIND_LABELS = {
    OrganizationKind.VOLUNTEER_ASSOCIATION: _l("Volunteer association"),
    OrganizationKind.ELDERLY_ASSOCIATION: _l("Elderly association"),
    OrganizationKind.ARTS_GROUP: _l("Arts group"),
    OrganizationKind.SOCIAL_WORK_AGENCY: _l("Social-work agency"),
    OrganizationKind.CLINIC: _l("Clinic"),
    OrganizationKind.LEGAL_AID: _l("Legal aid service"),
    OrganizationKind.DEPARTMENT: _l("Government department"),
    OrganizationKind.OTHER: _l("Other organization"),
}

ORGANIZATION_STATUS_LABELS = {
    OrganizationStatus.PENDING: _l("Waiting for verification"),
    OrganizationStatus.VERIFIED: lazy_pgettext("organization", "Verified"),
    OrganizationStatus.REJECTED: _l("Not verified"),
    OrganizationStatus.SUSPENDED: _l("Suspended"),
}

# The button that takes an organization to each status.
REVIEW_STEP_LABELS = {
    OrganizationStatus.VERIFIED: _l("Verify"),
    OrganizationStatus.REJECTED: _l("Reject"),
    OrganizationStatus.SUSPENDED: _l("Suspend"),
}

MEMBER_ROLE_LABELS = {
    MemberRole.OWNER: _l("Owner"),
    MemberRole.EDITOR: _l("Editor"),
}

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

ENROLMENT_STATUS_LABELS = {
    EnrolmentStatus.ENROLLED: _l("Enrolled"),
    EnrolmentStatus.WAITLISTED: _l("On the waitlist"),
    EnrolmentStatus.CANCELLED: _l("Cancelled"),
    EnrolmentStatus.ATTENDED: _l("Attended"),
    EnrolmentStatus.NO_SHOW: _l("Did not come"),
}

REQUEST_STATUS_LABELS = {
    RequestStatus.REQUESTED: _l("Requested"),
    RequestStatus.ACCEPTED: _l("Accepted"),
    RequestStatus.DECLINED: _l("Declined"),
    RequestStatus.COMPLETED: _l("Completed"),
    RequestStatus.CANCELLED: _l("Cancelled"),
}


def _label(labels: dict, enum_cls, value) -> str:
    try:
        return str(labels[enum_cls(value)])
    except (ValueError, KeyError):
        return str(value)


def kind_label(value) -> str:
    return _label(KIND_LABELS, OrganizationKind, value)


def organization_status_label(value) -> str:
    return _label(ORGANIZATION_STATUS_LABELS, OrganizationStatus, value)


def review_step_label(value) -> str:
    return _label(REVIEW_STEP_LABELS, OrganizationStatus, value)


def member_role_label(value) -> str:
    return _label(MEMBER_ROLE_LABELS, MemberRole, value)


def category_label(value) -> str:
    return _label(CATEGORY_LABELS, OfferingCategory, value)


def offering_status_label(value) -> str:
    return _label(OFFERING_STATUS_LABELS, OfferingStatus, value)


def offering_step_label(value) -> str:
    return _label(OFFERING_STEP_LABELS, OfferingStatus, value)


def mode_label(value) -> str:
    return _label(MODE_LABELS, OfferingMode, value)


def enrolment_status_label(value) -> str:
    return _label(ENROLMENT_STATUS_LABELS, EnrolmentStatus, value)


def request_status_label(value) -> str:
    return _label(REQUEST_STATUS_LABELS, RequestStatus, value)


def price_text(price: Decimal | None) -> str:
    """"Free", or the price in yuan in the reader's language."""
    if price is None:
        return _("Free")
    return format_currency(price, "CNY", locale=get_locale())


def weekday_names() -> list[tuple[int, str]]:
    """(0, "Monday") … (6, "Sunday") in the reader's language."""
    names = get_day_names("wide", locale=get_locale())
    return [(day, names[day]) for day in range(7)]


def category_choices() -> list[tuple[str, str]]:
    return [(category.value, str(label)) for category, label in CATEGORY_LABELS.items()]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, str(label)) for kind, label in KIND_LABELS.items()]
