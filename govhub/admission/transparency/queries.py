"""Reading a street's public overview. Nothing here names a person."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from govhub.admission.catalogue.models import CatalogueVersion, Street, StreetCommunity
from govhub.admission.catalogue.queries import current_version, grouped
from govhub.admission.catalogue.rules import ListType
from govhub.admission.departments.models import Department
from govhub.admission.departments.queries import departments_of_street
from govhub.admission.refusals.queries import street_figures
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
        refusals=refusals_by_department(street))


def refusals_by_department(street: Street) -> list[tuple[str, int]]:
    """Each department's refused tasks in the street's communities, most refused first."""
    figures = street_figures(street.id)
    totals: dict[int | None, int] = {}
    for line in figures.lines:
        totals[line.department_id] = totals.get(line.department_id, 0) + line.total
    return sorted(((figures.name_of(i), n) for i, n in totals.items()),
                  key=lambda pair: (-pair[1], pair[0]))
