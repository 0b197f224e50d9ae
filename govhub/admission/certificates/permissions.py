"""Who may do what with certificates: a community's workers issue them and see who got one;
the counts per type and month are public."""

from __future__ import annotations

from govhub.core.roles import is_staff_of, is_worker_of


def can_issue_certificate(user, community) -> bool:
    return is_worker_of(user, community.id)


def can_view_certificates(user, community) -> bool:
    """The list names residents: the community's office only."""
    return is_staff_of(user, community.id)


def can_view_figures(user, community) -> bool:
    return True
