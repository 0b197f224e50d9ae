"""An organization's lifecycle as plain values: which review steps exist, which need a reason;
and who takes a step (Side), which the enrolments' and requests' rules share."""

from __future__ import annotations

import enum

from govhub.partners.organizations.models import OrganizationStatus


class Side(enum.StrEnum):
    """Who takes a step: the organization's members, the resident, or GovHub itself."""

    ORGANIZATION = "organization"
    RESIDENT = "resident"
    SYSTEM = "system"


# Staff verify or reject a pending organization, suspend a verified one and
# reinstate it; a rejected one can still be verified after all (papers
# arrived late). Nothing goes back to pending.
ORGANIZATION_TRANSITIONS: dict[OrganizationStatus, frozenset[OrganizationStatus]] = {
    OrganizationStatus.PENDING: frozenset({OrganizationStatus.VERIFIED,
                                           OrganizationStatus.REJECTED}),
    OrganizationStatus.VERIFIED: frozenset({OrganizationStatus.SUSPENDED}),
    OrganizationStatus.SUSPENDED: frozenset({OrganizationStatus.VERIFIED}),
    OrganizationStatus.REJECTED: frozenset({OrganizationStatus.VERIFIED}),
}


# Moving there needs a reason, shown to the organization's members.
NEEDS_REASON = frozenset({OrganizationStatus.REJECTED, OrganizationStatus.SUSPENDED})


# An organization in these states may prepare and publish offerings.
ORGANIZATION_WORKING = frozenset({OrganizationStatus.PENDING, OrganizationStatus.VERIFIED})


def can_move_organization(current: OrganizationStatus, target: OrganizationStatus) -> bool:
    return target in ORGANIZATION_TRANSITIONS[current]
