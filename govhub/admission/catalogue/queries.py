"""Reading the catalogue: streets, a street's current version, a community's catalogue."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.admission.catalogue.models import CatalogueVersion, Street, StreetCommunity, WorkItem
from govhub.admission.catalogue.rules import ListType
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.extensions import db


def all_streets() -> list[Street]:
    return list(db.session.scalars(sa.select(Street).order_by(Street.name)))


def get_street(street_id) -> Street:
    """The street with that id, or NotFound."""
    street = db.session.get(Street, street_id) if is_id(street_id) else None
    if street is None:
        raise NotFound(_("There is no such street."))
    return street


def street_id_of(community) -> int | None:
    """The id of the street the community belongs to, if any."""
    return db.session.scalar(sa.select(StreetCommunity.street_id)
                             .where(StreetCommunity.community_id == community.id))


def current_version(street_id: int | None) -> CatalogueVersion | None:
    """The street's catalogue as it stands: the highest version number."""
    if street_id is None:
        return None
    return db.session.scalar(
        sa.select(CatalogueVersion).where(CatalogueVersion.street_id == street_id)
        .order_by(CatalogueVersion.number.desc()).limit(1)
        .options(orm.selectinload(CatalogueVersion.items)))


def catalogue_of(community) -> tuple[CatalogueVersion | None, list[WorkItem]]:
    """A community's catalogue: its street's current version and items (none without one)."""
    version = current_version(street_id_of(community))
    return version, (list(version.items) if version else [])


def grouped(items: list[WorkItem]) -> list[tuple[ListType, list[WorkItem]]]:
    """Items by list type, in the lists' order, leaving out empty lists."""
    return [(kind, [i for i in items if i.list_type == kind]) for kind in ListType
            if any(i.list_type == kind for i in items)]
