"""JSON routes for organizations helping with action items: ask, answer, end, list.

The same permissions and services as the item page's forms (help.services).
An item the token's user may not read answers 404, like one that does not exist.
"""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.actions.api import _item
from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import api_bp
from govhub.partners.help import permissions, services
from govhub.partners.help.models import HelpRequest, HelpStatus
from govhub.partners.help.queries import asks_of, find_ask
from govhub.partners.help.schemas import (
    AnswerSchema,
    AskSchema,
    EndSchema,
    HelpRequestSchema,
    ask_payload,
)
from govhub.partners.offerings.queries import find_offering
from govhub.partners.organizations import permissions as organization_permissions
from govhub.partners.organizations.queries import find_organization

errors = functools.partial(error_responses, api_bp)


def _ask(ask_id: int) -> HelpRequest:
    ask = find_ask(ask_id)
    if ask is None or not (permissions.can_ask_for_help(g.api_user, ask.item)
                           or organization_permissions.is_member(g.api_user, ask.organization)):
        raise NotFound(_("There is no such request for help."))
    return ask


@api_bp.get("/actions/<int:item_id>/help")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, HelpRequestSchema(many=True))
@errors(401, 404)
def list_help(item_id):
    """The item's requests for help, newest first: staff see all, an organization its own."""
    item = _item(item_id)
    asks = asks_of(item)
    payload = [ask_payload(ask) for ask in asks
               if permissions.can_ask_for_help(g.api_user, item)
               or organization_permissions.is_member(g.api_user, ask.organization)]
    db.session.commit()
    return payload


@api_bp.post("/actions/<int:item_id>/help")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AskSchema)
@api_bp.response(201, HelpRequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def ask_for_help(body, item_id):
    """Ask a verified organization of the community (and perhaps one of its offerings) to
    help carry out the item (the community's workers, admins)."""
    item = _item(item_id)
    require(permissions.can_ask_for_help(g.api_user, item))
    organization = find_organization(body["organization_id"])
    offering = find_offering(body["offering_id"]) if body["offering_id"] else None
    if organization is None:
        raise DomainError("unknown_organization",
                          _("Choose a verified organization of this community."),
                          "organization_id", status=404)
    if body["offering_id"] and offering is None:
        raise DomainError("unknown_offering",
                          _("Choose a published offering of that organization, or none."),
                          "offering_id", status=404)
    ask = services.ask_for_help(g.api_user, item, organization, offering, body["message"])
    db.session.commit()
    return ask_payload(ask)


@api_bp.post("/help-requests/<int:ask_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AnswerSchema)
@api_bp.response(200, HelpRequestSchema)
@errors(400, 401, 403, 404, 409, 422)
def answer_help(body, ask_id):
    """Accept or decline (with a reason): the organization's owners and editors; withdraw:
    the community's workers."""
    ask = _ask(ask_id)
    target = body["status"]
    if target == HelpStatus.ACCEPTED:
        services.accept_ask(g.api_user, ask)
    elif target == HelpStatus.DECLINED:
        services.decline_ask(g.api_user, ask, body["reason"])
    elif target == HelpStatus.WITHDRAWN:
        services.withdraw_ask(g.api_user, ask)
    else:
        raise DomainError("invalid_status", _("There is no such status."), "status")
    db.session.commit()
    return ask_payload(ask)


@api_bp.post("/actions/<int:item_id>/help/end")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(EndSchema)
@api_bp.response(204)
@errors(400, 401, 403, 404, 409, 422)
def end_help(body, item_id):
    """The organization stops helping (the community's workers, or the organization)."""
    services.end_help(g.api_user, _item(item_id), body["reason"])
    db.session.commit()
