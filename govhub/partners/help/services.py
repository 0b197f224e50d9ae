"""Partner organizations help carry out action items: ask, withdraw, accept, decline, end.

A worker of the item's community asks a verified organization of the same
community (perhaps naming one of its published offerings). The
organization's members (owners and editors) are notified and accept or
decline with a reason. Accepting makes the organization the item's
partner (`ActionItem.organization_id`): the item's page says "carried out
with …", and the organization's members may post check-ins (notes and
files) on it, see it when it is not public, and find it on their
organization's page. A worker, or the organization, can end the help with
a reason. One ask waits at a time; an item has one partner organization.
Every step is audited, and the other side is notified.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.actions.models import ActionItem
from govhub.actions.rules import ActionStatus
from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify
from govhub.partners import checks
from govhub.partners.help import permissions
from govhub.partners.help.models import HelpRequest, HelpStatus
from govhub.partners.help.queries import open_ask
from govhub.partners.offerings.models import Offering
from govhub.partners.offerings.rules import PUBLIC_OFFERING
from govhub.partners.organizations import permissions as organization_permissions
from govhub.partners.organizations.models import Organization
from govhub.partners.organizations.queries import active_members

MESSAGE_MAX = 2_000


REASON_MAX = 500


def _item_open(item: ActionItem) -> None:
    if item.status == ActionStatus.VERIFIED:
        raise DomainError("item_verified", _("A verified item is on the record as it is; "
                                             "start a new item for further work."), status=409)


def _data(ask: HelpRequest) -> dict:
    return {"organization": ask.organization.name, "organization_id": ask.organization_id,
            "item": ask.item.title, "item_id": ask.item_id, "reason": ask.reason}


def _workers_told(ask: HelpRequest) -> list:
    """The worker who asked and the item's owner."""
    people = {user.id: user for user in (ask.asked_by, ask.item.owner) if user is not None}
    return [user for user in people.values() if user.is_active]


def ask_for_help(actor, item: ActionItem, organization: Organization,
                 offering: Offering | None = None, message: str = "") -> HelpRequest:
    """Ask an organization (perhaps one of its offerings) to help carry out the item."""
    require(permissions.can_ask_for_help(actor, item))
    _item_open(item)
    if organization.community_id != item.community_id or not organization.is_verified:
        raise DomainError("unknown_organization",
                          _("Choose a verified organization of this community."),
                          "organization_id", status=404)
    if offering is not None and (offering.organization_id != organization.id
                                 or offering.status not in PUBLIC_OFFERING):
        raise DomainError("unknown_offering",
                          _("Choose a published offering of that organization, or none."),
                          "offering_id", status=404)
    if item.organization_id is not None:
        raise DomainError("already_helped", _("An organization already helps with this item. "
                                              "End that help first."), status=409)
    if open_ask(item) is not None:
        raise DomainError("already_asked", _("An organization was already asked and has not "
                                             "answered yet."), status=409)
    ask = HelpRequest(item_id=item.id, organization_id=organization.id,
                      offering_id=offering.id if offering else None, asked_by_id=actor.id,
                      message=checks.text(message, "message", MESSAGE_MAX, one_line=False),
                      status=HelpStatus.ASKED)
    db.session.add(ask)
    db.session.flush()
    record(actor, "action.help_asked", item, organization_id=organization.id,
           offering_id=ask.offering_id, help_request_id=ask.id)
    notify(active_members(organization), "partners.help_asked",
           {**_data(ask), "offering": offering.title if offering else ""},
           link=f"/actions/{item.id}#help")
    return ask


def withdraw_ask(actor, ask: HelpRequest) -> None:
    """Take back an ask that has not been answered."""
    require(permissions.can_ask_for_help(actor, ask.item))
    _still_open(ask)
    ask.status, ask.ended_at = HelpStatus.WITHDRAWN, utcnow()
    record(actor, "action.help_withdrawn", ask.item, organization_id=ask.organization_id,
           help_request_id=ask.id)


def _still_open(ask: HelpRequest) -> None:
    if not ask.is_open:
        raise DomainError("already_answered", _("This request was already answered or taken "
                                                "back."), status=409)


def accept_ask(actor, ask: HelpRequest) -> None:
    """The organization takes part: it becomes the item's partner organization."""
    require(permissions.can_answer_help(actor, ask.organization))
    _still_open(ask)
    _item_open(ask.item)
    if not ask.organization.is_verified:
        raise DomainError("organization_inactive",
                          _("Only a verified organization can help with action items."),
                          status=409)
    ask.status, ask.answered_by_id, ask.answered_at = HelpStatus.ACCEPTED, actor.id, utcnow()
    ask.item.organization_id = ask.organization_id
    db.session.flush()
    db.session.expire(ask.item, ["organization"])
    record(actor, "action.help_accepted", ask.item, organization_id=ask.organization_id,
           help_request_id=ask.id)
    notify(_workers_told(ask), "partners.help_accepted", _data(ask),
           link=f"/actions/{ask.item_id}")


def decline_ask(actor, ask: HelpRequest, reason: str) -> None:
    """The organization cannot help, and says why."""
    require(permissions.can_answer_help(actor, ask.organization))
    _still_open(ask)
    ask.reason = checks.text(reason, "reason", REASON_MAX, required=True)
    ask.status, ask.answered_by_id, ask.answered_at = HelpStatus.DECLINED, actor.id, utcnow()
    record(actor, "action.help_declined", ask.item, organization_id=ask.organization_id,
           help_request_id=ask.id, reason=ask.reason)
    notify(_workers_told(ask), "partners.help_declined", _data(ask),
           link=f"/actions/{ask.item_id}#help")


def current_help(item: ActionItem) -> HelpRequest | None:
    """The accepted ask that made the item's organization its partner."""
    if item.organization_id is None:
        return None
    return db.session.scalar(sa.select(HelpRequest).where(
        HelpRequest.item_id == item.id, HelpRequest.organization_id == item.organization_id,
        HelpRequest.status == HelpStatus.ACCEPTED).order_by(HelpRequest.id.desc()).limit(1))


def offerings_helping(items: list[ActionItem]) -> dict[int, Offering]:
    """item id -> the offering its partner organization was asked for, when the accepted
    ask named one: one query for a whole list."""
    ids = [item.id for item in items if item.organization_id is not None]
    if not ids:
        return {}
    asks = db.session.scalars(sa.select(HelpRequest).where(
        HelpRequest.item_id.in_(ids), HelpRequest.status == HelpStatus.ACCEPTED)
        .options(orm.joinedload(HelpRequest.offering)).order_by(HelpRequest.id))
    partner = {item.id: item.organization_id for item in items}
    found = {}
    for ask in asks:  # oldest first: the latest accepted ask of the partner wins
        if ask.organization_id == partner[ask.item_id]:
            found[ask.item_id] = ask.offering
    return {item_id: offering for item_id, offering in found.items() if offering is not None}


def end_help(actor, item: ActionItem, reason: str) -> None:
    """The organization stops helping (said by a worker or by the organization)."""
    organization = item.organization
    if organization is None:
        raise DomainError("not_helped", _("No organization helps with this item."),
                          status=409)
    require(permissions.can_end_help(actor, item, organization))
    reason = checks.text(reason, "reason", REASON_MAX, required=True)
    ask = current_help(item)
    if ask is not None:
        ask.status, ask.reason, ask.ended_at = HelpStatus.ENDED, reason, utcnow()
    item.organization_id = None
    db.session.flush()
    db.session.expire(item, ["organization"])
    record(actor, "action.help_ended", item, organization_id=organization.id, reason=reason)
    data = {"organization": organization.name, "organization_id": organization.id,
            "item": item.title, "item_id": item.id, "reason": reason}
    if organization_permissions.is_member(actor, organization):
        told = [item.owner] if item.owner.is_active else []
    else:
        told = active_members(organization)
    notify(told, "partners.help_ended", data, link=f"/actions/{item.id}")
