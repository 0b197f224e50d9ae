"""Who may do what with refusals: workers record and list their community's; a department's
officers see their own department's; the monthly figures are public."""

from __future__ import annotations

from govhub.admission.departments.permissions import is_officer_of
from govhub.core.roles import is_admin, is_staff_of, is_worker_of


def can_record_refusal(user, community) -> bool:
    """The community's workers record what reached them outside the process."""
    return is_worker_of(user, community.id)


def can_view_community_refusals(user, community) -> bool:
    return is_staff_of(user, community.id)


def can_view_refusal(user, refusal) -> bool:
    """Its community's office, and the officers of the department it names."""
    return (is_staff_of(user, refusal.community_id)
            or (refusal.department_id is not None
                and is_officer_of(user, refusal.department_id)))


def can_view_department_refusals(user, department_id: int) -> bool:
    """A department's own officers, and the office's administrators; no other department."""
    return is_admin(user) or is_officer_of(user, department_id)


def can_view_figures(user, place) -> bool:
    """Monthly counts per department are public (no personal data)."""
    return True
