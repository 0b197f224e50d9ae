"""Who may follow a resolution and who reads the office's delivery analytics."""

from __future__ import annotations

from govhub.actions.permissions import can_see_workload
from govhub.core.roles import is_signed_in
from govhub.meetings import permissions as meetings
from govhub.meetings.models import Meeting


def can_read_resolution(actor, meeting: Meeting) -> bool:
    """A resolution is read like the meeting that passed it."""
    return meetings.can_view(actor, meeting)


def can_follow(actor, meeting: Meeting) -> bool:
    """Any active account that may read the resolution (residents, members, staff...)."""
    return (is_signed_in(actor) and actor.is_active
            and can_read_resolution(actor, meeting))


def can_see_analytics(actor, community_id: int) -> bool:
    """Delivery analytics and their exports: the community office (its workers, admins)."""
    return can_see_workload(actor, community_id)
