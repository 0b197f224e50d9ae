"""Who may do what with councils and their members."""

from __future__ import annotations

from govhub.core.roles import Role, belongs_to, is_staff_of
from govhub.councils.models import Council
from govhub.councils.queries import active_membership


def can_manage_council(actor, council: Council) -> bool:
    """Create, edit, seat and unseat members: the community's staff."""
    return is_staff_of(actor, council.community_id)


def can_create_council(actor, community) -> bool:
    return is_staff_of(actor, community.id)


def can_view_council(actor, council: Council) -> bool:
    """A council and its public meetings are part of the community's public record."""
    return True


def can_see_members(actor, council: Council) -> bool:
    """Who sits on a council: its community's residents and staff."""
    return belongs_to(actor, council.community_id) or is_staff_of(actor, council.community_id)


def can_see_history(actor, council: Council) -> bool:
    return can_manage_council(actor, council)


def can_ask_to_join(actor, council: Council) -> bool:
    """Ask for a seat: a confirmed resident of the council's community who has none on it."""
    return (belongs_to(actor, council.community_id) and actor.role == Role.RESIDENT
            and getattr(actor, "is_confirmed", False)
            and active_membership(council.id, actor.id) is None)


def can_decide_join_request(actor, council: Council) -> bool:
    """Approve or decline a request to join: those who seat members, the community's staff."""
    return can_manage_council(actor, council)
