"""Requests and ratings as plain functions: who may take which step, who may rate."""

from __future__ import annotations

from collections.abc import Iterable

from govhub.partners.enrolments.models import EnrolmentStatus
from govhub.partners.organizations.rules import Side
from govhub.partners.requests.models import RequestStatus

# current -> {target: who may take that step}
REQUEST_TRANSITIONS: dict[RequestStatus, dict[RequestStatus, Side]] = {
    RequestStatus.REQUESTED: {RequestStatus.ACCEPTED: Side.ORGANIZATION,
                              RequestStatus.DECLINED: Side.ORGANIZATION,
                              RequestStatus.CANCELLED: Side.RESIDENT},
    RequestStatus.ACCEPTED: {RequestStatus.COMPLETED: Side.ORGANIZATION,
                             RequestStatus.CANCELLED: Side.RESIDENT},
    RequestStatus.DECLINED: {},
    RequestStatus.COMPLETED: {},
    RequestStatus.CANCELLED: {},
}


OPEN_REQUESTS = frozenset({RequestStatus.REQUESTED, RequestStatus.ACCEPTED})


def request_step_allowed(current: RequestStatus, target: RequestStatus, side: Side) -> bool:
    return REQUEST_TRANSITIONS[current].get(target) == side


SCORES = range(1, 6)


def valid_score(score) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and score in SCORES


def may_rate_session(status: EnrolmentStatus | None) -> bool:
    """A session is rated by those who attended it."""
    return status == EnrolmentStatus.ATTENDED


def may_rate_request(statuses: Iterable[RequestStatus]) -> bool:
    """An on-request offering is rated once one of the resident's requests was completed."""
    return RequestStatus.COMPLETED in set(statuses)
