"""A meeting's agenda: adding, changing, removing, ordering and taking up items."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _

from govhub.api import BEARER
from govhub.api.auth import token_required
from govhub.core.errors import NotFound
from govhub.core.guards import require
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import api_bp, permissions, services
from govhub.meetings.api import errors
from govhub.meetings.models import AgendaItem, Meeting
from govhub.meetings.queries import item_of, sees_drafts, visible_meeting
from govhub.meetings.schemas import (
    AdvanceSchema,
    AgendaItemSchema,
    AgendaSchema,
    ItemCreateSchema,
    ItemStatusSchema,
    ItemUpdateSchema,
    OrderSchema,
)


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = item_of(meeting, item_id)
    if item is None:
        raise NotFound(_("That item is not on this agenda."))
    return item


@api_bp.post("/meetings/<int:meeting_id>/agenda")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemCreateSchema)
@api_bp.response(201, AgendaItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def add_item(body, meeting_id):
    """Add an item at the end of the agenda (organisers; until adjournment)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_organise(g.api_user, meeting))
    item = services.add_item(g.api_user, meeting, body["title"], body["description"])
    db.session.commit()
    return item


@api_bp.patch("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemUpdateSchema)
@api_bp.response(200, AgendaItemSchema)
@errors(400, 401, 403, 404, 409, 422)
def update_item(body, meeting_id, item_id):
    """Change an item's title or description (organisers; until adjournment)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_organise(g.api_user, meeting))
    services.update_item(g.api_user, item, body.get("title", item.title),
                         body.get("description", item.description))
    db.session.commit()
    return item


@api_bp.delete("/meetings/<int:meeting_id>/agenda/<int:item_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404, 409)
def remove_item(meeting_id, item_id):
    """Remove an item before the session starts (afterwards, defer it)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_organise(g.api_user, meeting))
    services.remove_item(g.api_user, item)
    db.session.commit()


@api_bp.post("/meetings/<int:meeting_id>/agenda/order")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(OrderSchema)
@api_bp.response(200, AgendaSchema)
@errors(400, 401, 403, 404, 409, 422)
def reorder_items(body, meeting_id):
    """Put the agenda in a new order: send every item's id once (organisers and the chair)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_organise(g.api_user, meeting)
            or permissions.can_chair(g.api_user, meeting))
    services.reorder_items(g.api_user, meeting, body["item_ids"])
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))


@api_bp.post("/meetings/<int:meeting_id>/agenda/advance")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(AdvanceSchema)
@api_bp.response(200, AgendaSchema)
@errors(401, 403, 404, 409, 422)
def advance_agenda(body, meeting_id):
    """Close the current item and take up `item_id`, or the next pending one (the chair)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    require(permissions.can_chair(g.api_user, meeting))
    item = _item(meeting, body["item_id"]) if body["item_id"] is not None else None
    services.advance_agenda(g.api_user, meeting, item)
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))


@api_bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/status")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ItemStatusSchema)
@api_bp.response(200, AgendaSchema)
@errors(401, 403, 404, 409, 422)
def set_item_status(body, meeting_id, item_id):
    """Mark an item done or deferred, or put it back to pending (the chair, in session)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    item = _item(meeting, item_id)
    require(permissions.can_chair(g.api_user, meeting))
    services.set_item_status(g.api_user, item, body["status"])
    db.session.commit()
    return room_snapshot.agenda_payload(meeting, sees_drafts(g.api_user, meeting))
