"""Reading organizations and their members."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.roles import is_admin
from govhub.extensions import db
from govhub.partners.common import find_row, or_404
from govhub.partners.organizations.models import (
    Organization,
    OrganizationMember,
    OrganizationStatus,
)


def find_organization(organization_id) -> Organization | None:
    return find_row(Organization, organization_id)


def find_membership(membership_id) -> OrganizationMember | None:
    return find_row(OrganizationMember, membership_id)


def get_organization_or_404(organization_id: int) -> Organization:
    return or_404(find_organization(organization_id))


def membership_of(organization_id: int, user_id: int) -> OrganizationMember | None:
    """The user's membership of the organization, accepted or still an invitation."""
    return db.session.scalar(sa.select(OrganizationMember).where(
        OrganizationMember.organization_id == organization_id,
        OrganizationMember.user_id == user_id))


def memberships_of_user(user) -> list[OrganizationMember]:
    """The user's organizations and invitations, oldest first."""
    return list(db.session.scalars(
        sa.select(OrganizationMember).options(orm.joinedload(OrganizationMember.organization))
        .where(OrganizationMember.user_id == user.id).order_by(OrganizationMember.id)))


def active_members(organization: Organization) -> list:
    """The users who accepted their membership (they hear of new requests)."""
    return [m.user for m in organization.members if m.is_active and m.user.is_active]


def owners_count(organization: Organization) -> int:
    return sum(1 for m in organization.members if m.is_active and m.role == "owner")


def verified_organizations(community_id: int) -> list[Organization]:
    return list(db.session.scalars(sa.select(Organization).where(
        Organization.community_id == community_id,
        Organization.status == OrganizationStatus.VERIFIED).order_by(Organization.name)))


def organizations_for_review(actor, status: OrganizationStatus | None = None) -> list:
    """Admins see every community's organizations, workers their own community's."""
    query = sa.select(Organization).order_by(Organization.created_at, Organization.id)
    if not is_admin(actor):
        query = query.where(Organization.community_id == actor.community_id)
    if status is not None:
        query = query.where(Organization.status == status)
    return list(db.session.scalars(query))


def name_taken(community_id: int, name: str, except_id: int | None = None) -> bool:
    query = sa.select(Organization.id).where(Organization.community_id == community_id,
                                             Organization.name == name)
    if except_id is not None:
        query = query.where(Organization.id != except_id)
    return db.session.scalar(query) is not None
