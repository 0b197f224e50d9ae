"""Reading enrolments: a resident's, a session's people, the waiting line."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.common import find_row, or_404
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.offerings.models import Offering, OfferingSession
from govhub.partners.organizations.models import (
    Organization,
)

RECENT_DAYS = 14


def find_enrolment(enrolment_id) -> Enrolment | None:
    return find_row(Enrolment, enrolment_id)


def get_enrolment_or_404(enrolment_id: int) -> Enrolment:
    return or_404(find_enrolment(enrolment_id))


ACTIVE = [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ATTENDED,
          EnrolmentStatus.NO_SHOW]


def active_enrolment(session_id: int, user_id: int) -> Enrolment | None:
    return db.session.scalar(sa.select(Enrolment).where(
        Enrolment.session_id == session_id, Enrolment.resident_id == user_id,
        Enrolment.status.in_(ACTIVE)))


def enrolments_by_session(user, session_ids: list[int]) -> dict[int, Enrolment]:
    """The user's active enrolment in each of these sessions."""
    if not getattr(user, "is_authenticated", False) or not session_ids:
        return {}
    rows = db.session.scalars(sa.select(Enrolment).where(
        Enrolment.resident_id == user.id, Enrolment.session_id.in_(session_ids),
        Enrolment.status.in_(ACTIVE)))
    return {row.session_id: row for row in rows}


def waiting_entries(session_id: int) -> list[tuple[datetime, int]]:
    """(arrived, id) of the session's waiting enrolments, for rules.waitlist_order."""
    rows = db.session.execute(sa.select(Enrolment.created_at, Enrolment.id).where(
        Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.WAITLISTED))
    return [(arrived, enrolment_id) for arrived, enrolment_id in rows]


def people_of_session(session: OfferingSession) -> list[Enrolment]:
    """Those enrolled (or marked) and then those waiting, first come first."""
    return list(db.session.scalars(
        sa.select(Enrolment).options(orm.joinedload(Enrolment.resident))
        .where(Enrolment.session_id == session.id, Enrolment.status.in_(ACTIVE))
        .order_by(sa.case((Enrolment.status == EnrolmentStatus.WAITLISTED, 1), else_=0),
                  Enrolment.created_at, Enrolment.id)))


def enrolments_of_resident(user) -> list[Enrolment]:
    return list(db.session.scalars(
        sa.select(Enrolment).join(OfferingSession, Enrolment.session_id == OfferingSession.id)
        .options(orm.joinedload(Enrolment.session).joinedload(OfferingSession.offering))
        .where(Enrolment.resident_id == user.id)
        .order_by(OfferingSession.starts_at.desc(), Enrolment.id.desc()).limit(100)))


def sessions_with_people(organization: Organization) -> list[OfferingSession]:
    """The organization's sessions from two weeks ago on that have anyone enrolled or waiting."""
    since = utcnow() - timedelta(days=RECENT_DAYS)
    return list(db.session.scalars(
        sa.select(OfferingSession).join(Offering, OfferingSession.offering_id == Offering.id)
        .options(orm.joinedload(OfferingSession.offering))
        .where(Offering.organization_id == organization.id, OfferingSession.starts_at >= since,
               sa.exists(sa.select(Enrolment.id).where(
                   Enrolment.session_id == OfferingSession.id, Enrolment.status.in_(ACTIVE))))
        .order_by(OfferingSession.starts_at)))
