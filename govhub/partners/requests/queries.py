"""Reading service requests and ratings."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.extensions import db
from govhub.partners.common import find_row, or_404
from govhub.partners.offerings.models import Offering
from govhub.partners.organizations.models import (
    Organization,
)
from govhub.partners.requests.models import Rating, RequestStatus, ServiceRequest


def find_request(request_id) -> ServiceRequest | None:
    return find_row(ServiceRequest, request_id)


def get_request_or_404(request_id: int) -> ServiceRequest:
    return or_404(find_request(request_id))


def rating_summary(offering: Offering) -> tuple[float | None, int]:
    average, count = db.session.execute(
        sa.select(sa.func.avg(Rating.score), sa.func.count(Rating.id))
        .where(Rating.offering_id == offering.id)).one()
    return (round(float(average), 1) if average is not None else None), int(count)


def ratings_of(offering: Offering, limit: int = 20) -> list[Rating]:
    return list(db.session.scalars(
        sa.select(Rating).where(Rating.offering_id == offering.id, Rating.comment != "")
        .order_by(Rating.id.desc()).limit(limit)))


def rated_sessions(user, session_ids: list[int]) -> set[int]:
    if not session_ids:
        return set()
    return set(db.session.scalars(sa.select(Rating.session_id).where(
        Rating.resident_id == user.id, Rating.session_id.in_(session_ids))))


def rated_offerings(user) -> set[int]:
    """Offerings the user rated as a whole (on-request ones)."""
    return set(db.session.scalars(sa.select(Rating.offering_id).where(
        Rating.resident_id == user.id, Rating.session_id.is_(None))))


OPEN = [RequestStatus.REQUESTED, RequestStatus.ACCEPTED]


def open_request(offering_id: int, user_id: int) -> ServiceRequest | None:
    return db.session.scalar(sa.select(ServiceRequest).where(
        ServiceRequest.offering_id == offering_id, ServiceRequest.resident_id == user_id,
        ServiceRequest.status.in_(OPEN)))


def request_statuses(offering_id: int, user_id: int) -> list[RequestStatus]:
    return list(db.session.scalars(sa.select(ServiceRequest.status).where(
        ServiceRequest.offering_id == offering_id, ServiceRequest.resident_id == user_id)))


def requests_of_resident(user) -> list[ServiceRequest]:
    return list(db.session.scalars(
        sa.select(ServiceRequest).options(orm.joinedload(ServiceRequest.offering))
        .where(ServiceRequest.resident_id == user.id)
        .order_by(ServiceRequest.id.desc()).limit(100)))


def requests_for(organization: Organization, open_only: bool) -> list[ServiceRequest]:
    """Requests addressed to the organization: the open ones first-come, or the closed, latest."""
    query = (sa.select(ServiceRequest).join(Offering, ServiceRequest.offering_id == Offering.id)
             .options(orm.joinedload(ServiceRequest.offering),
                      orm.joinedload(ServiceRequest.resident))
             .where(Offering.organization_id == organization.id))
    if open_only:
        return list(db.session.scalars(query.where(ServiceRequest.status.in_(OPEN))
                                       .order_by(ServiceRequest.id)))
    return list(db.session.scalars(query.where(ServiceRequest.status.not_in(OPEN))
                                   .order_by(ServiceRequest.id.desc()).limit(50)))
