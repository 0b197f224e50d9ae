"""The live room over Socket.IO: the same services as the pages and the API.

Each handler reads ids from the payload, loads and authorises on the
server, calls a service; `live_event` commits once and acknowledges with
{ok: true, ...} or {ok: false, error: {code, message}}. The room name is
always built here from a meeting the client may see, never taken from it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_socketio import join_room, leave_room

from govhub.auth.models import User
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import attendance, permissions, services, speakers
from govhub.meetings.queries import item_of, sees_drafts, visible_meeting
from govhub.realtime.events import live_event
from govhub.realtime.rooms import meeting_chair_room, meeting_room


def _meeting(user, payload: dict):
    """The meeting the payload names, if this connection may see it (a projector's by its key)."""
    return visible_meeting(user, payload.get("meeting_id"),
                           getattr(user, "projector_key", None), field="meeting_id")


def _item(meeting, payload: dict, required: bool = True):
    item_id = payload.get("item_id")
    if item_id is None and not required:
        return None
    item = item_of(meeting, item_id)
    if item is None:
        raise DomainError("unknown_item", _("That item is not on this agenda."), "item_id")
    return item


def _member(meeting, payload: dict, field: str = "user_id") -> User:
    user_id = payload.get(field)
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise DomainError("unknown_user", _("There is no such member."), field)
    return user


@live_event("meeting:join")
def join(user, payload):
    meeting = _meeting(user, payload)
    join_room(meeting_room(meeting.id))
    if permissions.can_chair(user, meeting):
        join_room(meeting_chair_room(meeting.id))
    return {"state": room_snapshot.snapshot(meeting, sees_drafts(user, meeting)),
            "you": room_snapshot.viewer_state(meeting, user)}


@live_event("meeting:leave")
def leave(user, payload):
    meeting = _meeting(user, payload)
    leave_room(meeting_room(meeting.id))
    leave_room(meeting_chair_room(meeting.id))


@live_event("meeting:move")
def move(user, payload):
    meeting = _meeting(user, payload)
    services.move_meeting(user, meeting, payload.get("status"))


@live_event("attendance:check_in")
def check_in(user, payload):
    meeting = _meeting(user, payload)
    attendance.check_in(user, meeting)
    return {"you": room_snapshot.viewer_state(meeting, user)}


@live_event("attendance:check_out")
def check_out(user, payload):
    meeting = _meeting(user, payload)
    attendance.check_out(user, meeting)
    return {"you": room_snapshot.viewer_state(meeting, user)}


@live_event("attendance:record")
def record_attendance(user, payload):
    """Staff or the chair check a paper attendee in (present: true) or out."""
    meeting = _meeting(user, payload)
    if not permissions.can_record_attendance(user, meeting):
        raise Forbidden(_("You are not allowed to do that."))
    member = _member(meeting, payload)
    if payload.get("present") is True:
        attendance.check_in(user, meeting, member)
    elif payload.get("present") is False:
        attendance.check_out(user, meeting, member)
    else:
        raise DomainError("invalid_present", _("Say present: true or false."), "present")


@live_event("attendance:proxy")
def name_proxy(user, payload):
    meeting = _meeting(user, payload)
    attendance.name_proxy(user, meeting, _member(meeting, payload, "holder_id"))
    return {"you": room_snapshot.viewer_state(meeting, user)}


@live_event("attendance:revoke_proxy")
def revoke_proxy(user, payload):
    meeting = _meeting(user, payload)
    attendance.revoke_proxy(user, meeting)
    return {"you": room_snapshot.viewer_state(meeting, user)}


@live_event("speakers:request")
def request_to_speak(user, payload):
    meeting = _meeting(user, payload)
    entry = speakers.request_to_speak(user, meeting)
    return {"entry_id": entry.id}


@live_event("speakers:withdraw")
def withdraw(user, payload):
    speakers.withdraw(user, _meeting(user, payload))


@live_event("speakers:next")
def next_speaker(user, payload):
    entry = speakers.next_speaker(user, _meeting(user, payload))
    return {"entry_id": entry.id if entry else None}


@live_event("speakers:set_time")
def set_speaking_time(user, payload):
    speakers.set_speaking_time(user, _meeting(user, payload), payload.get("seconds"))


@live_event("agenda:advance")
def advance(user, payload):
    meeting = _meeting(user, payload)
    item = services.advance_agenda(user, meeting, _item(meeting, payload, required=False))
    return {"current_item_id": item.id if item else None}


@live_event("agenda:set_status")
def set_item_status(user, payload):
    meeting = _meeting(user, payload)
    services.set_item_status(user, _item(meeting, payload), payload.get("status"))


@live_event("agenda:reorder")
def reorder(user, payload):
    meeting = _meeting(user, payload)
    item_ids = payload.get("item_ids")
    if not isinstance(item_ids, list):
        raise DomainError("invalid_order", _("Send every agenda item exactly once."), "item_ids")
    services.reorder_items(user, meeting, item_ids)
