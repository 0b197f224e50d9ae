"""Who may see and answer the requests and enrolments addressed to an organization.

Residents' contact data is shown only on the requests and enrolments addressed to an
organization, to its members and to staff.
"""

from __future__ import annotations

from govhub.partners.organizations.models import Organization
from govhub.partners.organizations.permissions import active_account, can_review, is_member
from govhub.partners.requests.models import ServiceRequest


def can_see_requests(actor, organization: Organization) -> bool:
    """The requests and enrolments addressed to an organization, with residents' contact data."""
    return is_member(actor, organization) or can_review(actor, organization)


def can_handle_requests(actor, organization: Organization) -> bool:
    """Accept, decline, complete, mark attendance: the organization's members."""
    return is_member(actor, organization)


def can_see_resident_contact(actor, organization: Organization) -> bool:
    """Only ever asked about requests and enrolments addressed to this organization."""
    return can_see_requests(actor, organization)


def is_own_request(actor, request: ServiceRequest) -> bool:
    return active_account(actor) and request.resident_id == actor.id


def can_see_request(actor, request: ServiceRequest) -> bool:
    return is_own_request(actor, request) or can_see_requests(actor, request.offering.organization)
