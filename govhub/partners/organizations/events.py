"""The organization's room on /live: its members watch new requests and enrolments arrive.

The client sends an organization's id; the server checks that the user may
see its requests and builds the room's name itself.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_socketio import join_room, leave_room

from govhub.core.errors import DomainError
from govhub.partners.organizations.queries import find_organization
from govhub.partners.requests import permissions as request_permissions
from govhub.realtime.events import live_event
from govhub.realtime.rooms import organization_room


def _organization(user, payload: dict):
    organization = find_organization(payload.get("organization_id"))
    if organization is None or not request_permissions.can_see_requests(user, organization):
        # The same answer for "no such organization" and "not yours to watch".
        raise DomainError("unknown_organization", _("There is no such organization."),
                          "organization_id", status=404)
    return organization


@live_event("organization:join")
def join(user, payload):
    """{organization_id} → the room hears organization:update {kind, id, status}."""
    organization = _organization(user, payload)
    join_room(organization_room(organization.id))
    return {"organization_id": organization.id}


@live_event("organization:leave")
def leave(user, payload):
    organization = _organization(user, payload)
    leave_room(organization_room(organization.id))
