"""Who may do what with communities."""

from __future__ import annotations

from govhub.communities.models import Community
from govhub.core.roles import is_admin


def can_create_community(actor) -> bool:
    return is_admin(actor)


def can_edit_community(actor, community: Community) -> bool:
    return is_admin(actor)


def can_view_community(actor, community: Community) -> bool:
    """A community's home page is public: it is how newcomers find it."""
    return True
