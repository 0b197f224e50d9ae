"""What each organization of a community does: the workers' view and its CSV.

Counts only, never people: no resident's name or contact appears here, so
the CSV can leave the office. Each figure comes from one grouped query over
all the community's organizations (a handful of queries per page, however
many organizations there are).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.actions.rules import ActionStatus
from govhub.extensions import db
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.offerings.models import Offering, OfferingSession, OfferingStatus
from govhub.partners.organizations.models import Organization
from govhub.partners.requests.models import Rating, RequestStatus, ServiceRequest


@dataclass
class Activity:
    organization_id: int
    name: str
    kind: str
    status: str
    offerings_public: int = 0
    offerings_total: int = 0
    requests: int = 0
    requests_completed: int = 0
    requests_declined: int = 0
    requests_open: int = 0
    enrolments: int = 0
    attended: int = 0
    no_shows: int = 0
    waiting: int = 0
    rating_average: float | None = None
    ratings: int = 0
    items_helped: int = 0
    items_done: int = 0

    @property
    def attendance_rate(self) -> float | None:
        """Attended out of those whose attendance was marked, in percent."""
        marked = self.attended + self.no_shows
        return round(100 * self.attended / marked) if marked else None


CSV_COLUMNS = [field.name for field in fields(Activity)] + ["attendance_rate"]


def _grouped(query, by, *columns) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.session.execute(
        query.with_only_columns(by, *columns).group_by(by))}


def activity_of(community_id: int) -> list[Activity]:
    """Every organization of the community (any status), by name, with its figures."""
    organizations = list(db.session.scalars(sa.select(Organization).where(
        Organization.community_id == community_id).order_by(Organization.name)))
    ids = [o.id for o in organizations]
    if not ids:
        return []
    by = Offering.organization_id
    offerings = _grouped(sa.select(Offering).where(by.in_(ids)), by,
                         sa.func.count(Offering.id),
                         sa.func.count(Offering.id).filter(
                             Offering.status.in_([OfferingStatus.PUBLISHED,
                                                  OfferingStatus.PAUSED])))
    requests = _grouped(
        sa.select(ServiceRequest).join(Offering, ServiceRequest.offering_id == Offering.id)
        .where(by.in_(ids)), by, sa.func.count(ServiceRequest.id),
        *[sa.func.count(ServiceRequest.id).filter(ServiceRequest.status.in_(statuses))
          for statuses in ([RequestStatus.COMPLETED], [RequestStatus.DECLINED],
                           [RequestStatus.REQUESTED, RequestStatus.ACCEPTED])])
    enrolments = _grouped(
        sa.select(Enrolment).join(OfferingSession, Enrolment.session_id == OfferingSession.id)
        .join(Offering, OfferingSession.offering_id == Offering.id).where(by.in_(ids)), by,
        *[sa.func.count(Enrolment.id).filter(Enrolment.status.in_(statuses))
          for statuses in ([EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED,
                            EnrolmentStatus.NO_SHOW], [EnrolmentStatus.ATTENDED],
                           [EnrolmentStatus.NO_SHOW], [EnrolmentStatus.WAITLISTED])])
    ratings = _grouped(
        sa.select(Rating).join(Offering, Rating.offering_id == Offering.id).where(by.in_(ids)),
        by, sa.func.avg(Rating.score), sa.func.count(Rating.id))
    items = _grouped(sa.select(ActionItem).where(ActionItem.organization_id.in_(ids)),
                     ActionItem.organization_id, sa.func.count(ActionItem.id),
                     sa.func.count(ActionItem.id).filter(ActionItem.status.in_(
                         [ActionStatus.DONE, ActionStatus.VERIFIED])))
    found = []
    for org in organizations:
        average, count = ratings.get(org.id, (None, 0))
        row = Activity(org.id, org.name, org.kind.value, org.status.value,
                       *reversed(offerings.get(org.id, (0, 0))),
                       *requests.get(org.id, (0, 0, 0, 0)),
                       *enrolments.get(org.id, (0, 0, 0, 0)),
                       round(float(average), 2) if average is not None else None, count,
                       *items.get(org.id, (0, 0)))
        found.append(row)
    return found


def _cell(value):
    """A value as a CSV cell; text never starts like a spreadsheet formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(activities: list[Activity]) -> list[list]:
    """The header and one row per organization, for csv.writer."""
    return [CSV_COLUMNS] + [[_cell(getattr(activity, name)) for name in CSV_COLUMNS]
                            for activity in activities]
