"""Reading the asks for help, the organizations a worker may ask, and the items helped."""

from __future__ import annotations

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.actions.queries import visible_clause
from govhub.extensions import db
from govhub.partners.help.models import HelpRequest, HelpStatus
from govhub.partners.offerings.models import Offering
from govhub.partners.offerings.queries import PUBLIC_STATUSES
from govhub.partners.organizations.models import Organization, OrganizationStatus


def find_ask(ask_id: int) -> HelpRequest | None:
    return db.session.get(HelpRequest, ask_id) if 0 < ask_id < 2**31 else None


def asks_of(item: ActionItem) -> list[HelpRequest]:
    """Every ask made for the item, newest first."""
    return list(db.session.scalars(sa.select(HelpRequest).where(HelpRequest.item_id == item.id)
                                   .order_by(HelpRequest.id.desc())))


def open_ask(item: ActionItem) -> HelpRequest | None:
    """The ask waiting for an answer, if any (one at a time)."""
    return db.session.scalar(sa.select(HelpRequest).where(
        HelpRequest.item_id == item.id, HelpRequest.status == HelpStatus.ASKED))


def askable(community_id: int) -> tuple[list[Organization], list[Offering]]:
    """The community's verified organizations, by name, and their public offerings."""
    organizations = list(db.session.scalars(sa.select(Organization).where(
        Organization.community_id == community_id,
        Organization.status == OrganizationStatus.VERIFIED).order_by(Organization.name)))
    offerings = list(db.session.scalars(
        sa.select(Offering).where(Offering.organization_id.in_([o.id for o in organizations]),
                                  Offering.status.in_(PUBLIC_STATUSES))
        .order_by(Offering.organization_id, Offering.title)))
    return organizations, offerings


def items_helped(organization: Organization, viewer) -> list[ActionItem]:
    """The action items the organization helps with that the viewer may read."""
    return list(db.session.scalars(
        sa.select(ActionItem).where(ActionItem.organization_id == organization.id,
                                    visible_clause(viewer))
        .order_by(ActionItem.due_on, ActionItem.id)))
