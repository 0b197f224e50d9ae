"""Who may see each organization's activity."""

from __future__ import annotations

from govhub.core.roles import is_staff_of


def can_see_activity(actor, community_id: int) -> bool:
    """Each organization's activity (counts only) and its CSV: the community's staff."""
    return is_staff_of(actor, community_id)
