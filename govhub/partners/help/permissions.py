"""Who may ask an organization to help with an action item, answer, or end the help."""

from __future__ import annotations

from govhub.core.roles import is_staff_of
from govhub.partners.organizations.models import Organization
from govhub.partners.organizations.permissions import is_member


def can_ask_for_help(actor, item) -> bool:
    """Ask an organization to help carry out an action item, or take the ask back:
    the item's community's workers and the admins."""
    return is_staff_of(actor, item.community_id)


def can_answer_help(actor, organization: Organization) -> bool:
    """Accept or decline an ask: the organization's owners and editors."""
    return is_member(actor, organization)


def can_end_help(actor, item, organization: Organization) -> bool:
    """Stop helping: the community's workers and admins, or the organization itself."""
    return is_staff_of(actor, item.community_id) or is_member(actor, organization)
