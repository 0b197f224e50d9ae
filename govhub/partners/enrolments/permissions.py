"""Who may see and change an enrolment."""

from __future__ import annotations

from govhub.partners.enrolments.models import Enrolment
from govhub.partners.organizations.permissions import active_account
from govhub.partners.requests.permissions import can_see_requests


def is_own_enrolment(actor, enrolment: Enrolment) -> bool:
    return active_account(actor) and enrolment.resident_id == actor.id


def can_see_enrolment(actor, enrolment: Enrolment) -> bool:
    return (is_own_enrolment(actor, enrolment)
            or can_see_requests(actor, enrolment.session.offering.organization))
