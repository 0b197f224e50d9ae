"""Who may do what with organizations, offerings, enrolments and requests.

A view, an API call and a socket event ask the same questions. A partner
changes only the data of organizations they belong to (owners manage the
members and the profile, editors the offerings and requests); the
community's workers and the admins verify organizations and see
everything, without changing an organization's work. Residents' contact
data is shown only on the requests and enrolments addressed to an
organization, to its members and to staff.
"""

from __future__ import annotations

from govhub.core.roles import Role, belongs_to, is_admin, is_signed_in, is_staff_of
from govhub.partners import rules
from govhub.partners.models import (
    Enrolment,
    MemberRole,
    Offering,
    Organization,
    OrganizationMember,
    ServiceRequest,
)
from govhub.partners.queries import membership_of


def _active(actor) -> bool:
    return is_signed_in(actor) and actor.is_active


def membership(actor, organization: Organization) -> OrganizationMember | None:
    """The actor's accepted membership of the organization, if any."""
    if not _active(actor):
        return None
    found = membership_of(organization.id, actor.id)
    return found if found is not None and found.is_active else None


def is_member(actor, organization: Organization) -> bool:
    return membership(actor, organization) is not None


def is_owner(actor, organization: Organization) -> bool:
    found = membership(actor, organization)
    return found is not None and found.role == MemberRole.OWNER


def is_invited(actor, organization: Organization) -> bool:
    if not _active(actor):
        return False
    found = membership_of(organization.id, actor.id)
    return found is not None and not found.is_active


# --- organizations ----------------------------------------------------------------------

def can_register_organization(actor) -> bool:
    """Partner accounts register organizations for their community."""
    return _active(actor) and actor.role == Role.PARTNER and actor.community_id is not None


def can_review_organizations(actor) -> bool:
    """Open the list of organizations waiting for verification: workers and admins."""
    return is_admin(actor) or (_active(actor) and actor.role == Role.WORKER)


def can_review(actor, organization: Organization) -> bool:
    """Verify, reject, suspend: the community's workers and the admins."""
    return is_staff_of(actor, organization.community_id)


def can_view_organization(actor, organization: Organization) -> bool:
    """Verified organizations are public; others are seen by their people and by staff."""
    return (organization.is_verified or can_review(actor, organization)
            or is_member(actor, organization) or is_invited(actor, organization))


def can_edit_organization(actor, organization: Organization) -> bool:
    return is_owner(actor, organization)


def can_manage_members(actor, organization: Organization) -> bool:
    return is_owner(actor, organization)


def can_see_members(actor, organization: Organization) -> bool:
    return is_member(actor, organization) or can_review(actor, organization)


# --- offerings --------------------------------------------------------------------------

def can_manage_offerings(actor, organization: Organization) -> bool:
    """Create, edit, publish offerings and their sessions: owners and editors."""
    return is_member(actor, organization)


def can_view_offering(actor, offering: Offering) -> bool:
    organization = offering.organization
    return (rules.is_public(offering.status, organization.status)
            or is_member(actor, organization) or can_review(actor, organization))


def can_take_part(actor, offering: Offering) -> bool:
    """Enrol, request, rate: confirmed residents of the organization's community."""
    return (_active(actor) and actor.role == Role.RESIDENT
            and getattr(actor, "is_confirmed", False)
            and belongs_to(actor, offering.organization.community_id))


# --- requests and enrolments -----------------------------------------------------------------

def can_see_requests(actor, organization: Organization) -> bool:
    """The requests and enrolments addressed to an organization, with residents' contact data."""
    return is_member(actor, organization) or can_review(actor, organization)


def can_handle_requests(actor, organization: Organization) -> bool:
    """Accept, decline, complete, mark attendance: the organization's members."""
    return is_member(actor, organization)


def can_see_resident_contact(actor, organization: Organization) -> bool:
    """Only ever asked about requests and enrolments addressed to this organization."""
    return can_see_requests(actor, organization)


def is_own_enrolment(actor, enrolment: Enrolment) -> bool:
    return _active(actor) and enrolment.resident_id == actor.id


def is_own_request(actor, request: ServiceRequest) -> bool:
    return _active(actor) and request.resident_id == actor.id


def can_see_enrolment(actor, enrolment: Enrolment) -> bool:
    return (is_own_enrolment(actor, enrolment)
            or can_see_requests(actor, enrolment.session.offering.organization))


def can_see_request(actor, request: ServiceRequest) -> bool:
    return is_own_request(actor, request) or can_see_requests(actor, request.offering.organization)


# --- helping with action items (partners.helping) ------------------------------------------

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


def can_see_activity(actor, community_id: int) -> bool:
    """Each organization's activity (counts only) and its CSV: the community's staff."""
    return is_staff_of(actor, community_id)
