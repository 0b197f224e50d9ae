"""The meeting room as its clients draw it: meetings' agenda, attendance and
speakers with voting's polls, and what only one viewer needs.

A client that joins or re-joins a room (meetings/events.py, the room's
pages in meetings/live_views.py, the API's snapshot endpoint) gets
`snapshot` and `viewer_state`; the agenda and the meeting's state are
broadcast from the same payloads (meetings.services.broadcast_agenda and
move_meeting). This module reads both features explicitly, and neither
registers anything here. Importers take the module (`from govhub.live
import room_snapshot`), not its names, so that either feature may be
imported first.
"""

from __future__ import annotations

from govhub.meetings.models import Meeting
from govhub.meetings.permissions import can_attend, can_chair
from govhub.meetings.queries import (
    attendance_of,
    meeting_payload,
    proxies_held,
    recent_attendance_summary,
    speakers_payload,
)
from govhub.voting.queries import ballots_of_viewer, polls_payload


def agenda_payload(meeting: Meeting, include_drafts: bool = False) -> dict:
    """The items in order, with the ids of the polls prepared on each (drafts for organisers)."""
    polls = polls_payload(meeting, include_drafts)
    items = [{"id": item.id, "position": item.position, "title": item.title,
              "description": item.description, "status": item.status.value,
              "poll_ids": [p["id"] for p in polls if p["agenda_item_id"] == item.id]}
             for item in meeting.items]
    current = meeting.current_item
    return {"meeting_id": meeting.id, "items": items, "polls": polls,
            "current_item_id": current.id if current else None}


def snapshot(meeting: Meeting, include_drafts: bool = False) -> dict:
    """Everything a client needs to draw the room from nothing (drafts: for organisers)."""
    agenda = agenda_payload(meeting, include_drafts)
    return {
        "meeting": meeting_payload(meeting),
        "attendance": recent_attendance_summary(meeting),
        "agenda": agenda,
        "speakers": speakers_payload(meeting),
        "polls": agenda["polls"],
    }


def viewer_state(meeting: Meeting, user) -> dict:
    """What only this viewer needs: are they a member, present, holding proxies; their ballots."""
    if not getattr(user, "is_authenticated", False):
        return {"user_id": None, "member": False, "present": False, "can_chair": False}
    attendance = attendance_of(meeting, user.id)
    state = {
        "user_id": user.id,
        "member": can_attend(user, meeting),
        "can_chair": can_chair(user, meeting),
        "present": bool(attendance and attendance.present),
        "proxy_holder_id": attendance.proxy_holder_id if attendance else None,
        "proxies_held": proxies_held(meeting, user.id),
    }
    state.update(ballots_of_viewer(meeting, user))
    return state
