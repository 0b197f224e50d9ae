"""Who may manage, see and take part in offerings."""

from __future__ import annotations

from govhub.core.roles import Role, belongs_to
from govhub.partners.offerings import rules
from govhub.partners.offerings.models import Offering
from govhub.partners.organizations.models import Organization
from govhub.partners.organizations.permissions import active_account, can_review, is_member


def can_manage_offerings(actor, organization: Organization) -> bool:
    """Create, edit, publish offerings and their sessions: owners and editors."""
    return is_member(actor, organization)


def can_view_offering(actor, offering: Offering) -> bool:
    organization = offering.organization
    return (rules.is_public(offering.status, organization.status)
            or is_member(actor, organization) or can_review(actor, organization))


def can_take_part(actor, offering: Offering) -> bool:
    """Enrol, request, rate: confirmed residents of the organization's community."""
    return (active_account(actor) and actor.role == Role.RESIDENT
            and getattr(actor, "is_confirmed", False)
            and belongs_to(actor, offering.organization.community_id))
