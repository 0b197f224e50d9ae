"""Reading a street's public overview. Nothing here names a person."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from govhub.admission.catalogue.models import CatalogueVersion, Street, StreetCommunity
from govhub.admission.catalogue.queries import current_version, grouped
from govhub.admission.catalogue.rules import ListType
from govhub.admission.departments.models import Department
from govhub.admission.departments.queries import departments_of_street
from govhub.admission.hours import queries as hour_queries
from govhub.admission.hours.rules import HoursType
from govhub.admission.refusals.queries import street_figures
from govhub.admission.requests import queries as request_queries
from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.rules import UNDER_REVIEW, RequestState
from govhub.communities.models import Community
from govhub.extensions import db


@dataclass(frozen=True)
class StreetOverview:
    street: Street
    communities: list[Community]
    departments: list[Department]
    version: CatalogueVersion | None
    counts: dict[ListType, int]     # items of the current version, by list type
    refusals: list[tuple[str, int]]  # refused tasks ever recorded, by department's name
    requests: dict[RequestState, int]  # submitted requests by state (drafts are private)
    overdue: int                     # requests under review past their decision's due day
    hours: dict[HoursType, int]       # minutes of the last 12 months, by hours type


def communities_of(street: Street) -> list[Community]:
    return list(db.session.scalars(
        sa.select(Community).join(StreetCommunity, StreetCommunity.community_id == Community.id)
        .where(StreetCommunity.street_id == street.id).order_by(Community.name)))


def overview(street: Street) -> StreetOverview:
    version = current_version(street.id)
    items = list(version.items) if version else []
    return StreetOverview(
        street=street, communities=communities_of(street),
        departments=departments_of_street(street.id), version=version,
        counts={kind: len(found) for kind, found in grouped(items)},
        refusals=refusals_by_department(street), requests=requests_by_state(street),
        overdue=overdue_reviews(street), hours=hours_by_type(street))


def hours_by_type(street: Street) -> dict[HoursType, int]:
    """The street's workers' minutes of the last twelve months by hours type (summed over
    everyone: no one's own)."""
    months = hour_queries.last_months(request_queries.today())
    totals: dict[HoursType, int] = {}
    for found in hour_queries.monthly(hour_queries.street_community_ids(street.id),
                                      months[0], months[-1]).values():
        for kind, minutes in found.items():
            totals[kind] = totals.get(kind, 0) + minutes
    return {kind: totals[kind] for kind in HoursType if kind in totals}


def requests_by_state(street: Street) -> dict[RequestState, int]:
    rows = db.session.execute(
        sa.select(AdmissionRequest.state, sa.func.count()).where(
            AdmissionRequest.street_id == street.id,
            AdmissionRequest.state != RequestState.DRAFT)
        .group_by(AdmissionRequest.state)).all()
    found = dict(rows)
    return {state: found[state] for state in RequestState if state in found}


def overdue_reviews(street: Street) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(
        AdmissionRequest.street_id == street.id,
        AdmissionRequest.state.in_(UNDER_REVIEW),
        AdmissionRequest.decision_due_on < request_queries.today()))


def refusals_by_department(street: Street) -> list[tuple[str, int]]:
    """Each department's refused tasks in the street's communities, most refused first."""
    figures = street_figures(street.id)
    totals: dict[int | None, int] = {}
    for line in figures.lines:
        totals[line.department_id] = totals.get(line.department_id, 0) + line.total
    return sorted(((figures.name_of(i), n) for i, n in totals.items()),
                  key=lambda pair: (-pair[1], pair[0]))
