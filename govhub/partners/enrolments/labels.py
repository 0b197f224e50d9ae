"""Enrolments in words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.partners.common import label_of
from govhub.partners.enrolments.models import EnrolmentStatus

ENROLMENT_STATUS_LABELS = {
    EnrolmentStatus.ENROLLED: _l("Enrolled"),
    EnrolmentStatus.WAITLISTED: _l("On the waitlist"),
    EnrolmentStatus.CANCELLED: _l("Cancelled"),
    EnrolmentStatus.ATTENDED: _l("Attended"),
    EnrolmentStatus.NO_SHOW: _l("Did not come"),
}


def enrolment_status_label(value) -> str:
    return label_of(ENROLMENT_STATUS_LABELS, EnrolmentStatus, value)
