"""Service requests in words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.partners.common import label_of
from govhub.partners.requests.models import RequestStatus

REQUEST_STATUS_LABELS = {
    RequestStatus.REQUESTED: _l("Requested"),
    RequestStatus.ACCEPTED: _l("Accepted"),
    RequestStatus.DECLINED: _l("Declined"),
    RequestStatus.COMPLETED: _l("Completed"),
    RequestStatus.CANCELLED: _l("Cancelled"),
}


def request_status_label(value) -> str:
    return label_of(REQUEST_STATUS_LABELS, RequestStatus, value)
