"""Organizations in words: kinds, statuses, review steps and members' roles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from govhub.partners.common import label_of
from govhub.partners.organizations.models import MemberRole, OrganizationKind, OrganizationStatus

KIND_LABELS = {
    OrganizationKind.VOLUNTEER_ASSOCIATION: _l("Volunteer association"),
    OrganizationKind.ELDERLY_ASSOCIATION: _l("Elderly association"),
    OrganizationKind.ARTS_GROUP: _l("Arts group"),
    OrganizationKind.SOCIAL_WORK_AGENCY: _l("Social-work agency"),
    OrganizationKind.CLINIC: _l("Clinic"),
    OrganizationKind.LEGAL_AID: _l("Legal aid service"),
    OrganizationKind.DEPARTMENT: _l("Government department"),
    OrganizationKind.OTHER: _l("Other organization"),
}


ORGANIZATION_STATUS_LABELS = {
    OrganizationStatus.PENDING: _l("Waiting for verification"),
    OrganizationStatus.VERIFIED: lazy_pgettext("organization", "Verified"),
    OrganizationStatus.REJECTED: _l("Not verified"),
    OrganizationStatus.SUSPENDED: _l("Suspended"),
}


# The button that takes an organization to each status.
REVIEW_STEP_LABELS = {
    OrganizationStatus.VERIFIED: _l("Verify"),
    OrganizationStatus.REJECTED: _l("Reject"),
    OrganizationStatus.SUSPENDED: _l("Suspend"),
}


MEMBER_ROLE_LABELS = {
    MemberRole.OWNER: _l("Owner"),
    MemberRole.EDITOR: _l("Editor"),
}


def kind_label(value) -> str:
    return label_of(KIND_LABELS, OrganizationKind, value)


def organization_status_label(value) -> str:
    return label_of(ORGANIZATION_STATUS_LABELS, OrganizationStatus, value)


def review_step_label(value) -> str:
    return label_of(REVIEW_STEP_LABELS, OrganizationStatus, value)


def member_role_label(value) -> str:
    return label_of(MEMBER_ROLE_LABELS, MemberRole, value)
