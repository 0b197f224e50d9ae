"""Who may do what with organizations and their members.

A view, an API call and a socket event ask the same questions. A partner changes only
the data of organizations they belong to (owners manage the members and the profile,
editors the offerings and requests); the community's workers and the admins verify
organizations and see everything, without changing an organization's work.
"""

from __future__ import annotations

from govhub.core.roles import Role, is_admin, is_signed_in, is_staff_of
from govhub.partners.organizations.models import MemberRole, Organization, OrganizationMember
from govhub.partners.organizations.queries import membership_of


def active_account(actor) -> bool:
    return is_signed_in(actor) and actor.is_active


def membership(actor, organization: Organization) -> OrganizationMember | None:
    """The actor's accepted membership of the organization, if any."""
    if not active_account(actor):
        return None
    found = membership_of(organization.id, actor.id)
    return found if found is not None and found.is_active else None


def is_member(actor, organization: Organization) -> bool:
    return membership(actor, organization) is not None


def is_owner(actor, organization: Organization) -> bool:
    found = membership(actor, organization)
    return found is not None and found.role == MemberRole.OWNER


def is_invited(actor, organization: Organization) -> bool:
    if not active_account(actor):
        return False
    found = membership_of(organization.id, actor.id)
    return found is not None and not found.is_active


def can_register_organization(actor) -> bool:
    """Partner accounts register organizations for their community."""
    return active_account(actor) and actor.role == Role.PARTNER and actor.community_id is not None


def can_review_organizations(actor) -> bool:
    """Open the list of organizations waiting for verification: workers and admins."""
    return is_admin(actor) or (active_account(actor) and actor.role == Role.WORKER)


def can_review(actor, organization: Organization) -> bool:
    """Verify, reject, suspend: the community's workers and the admins."""
    return is_staff_of(actor, organization.community_id)


def can_view_organization(actor, organization: Organization) -> bool:
    """Verified organizations are public; others are seen by their people and by staff."""
    return (organization.is_verified or can_review(actor, organization)
            or is_member(actor, organization) or is_invited(actor, organization))


def can_edit_organization(actor, organization: Organization) -> bool:
    return is_owner(actor, organization)


def can_manage_members(actor, organization: Organization) -> bool:
    return is_owner(actor, organization)


def can_see_members(actor, organization: Organization) -> bool:
    return is_member(actor, organization) or can_review(actor, organization)
