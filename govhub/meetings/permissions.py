"""Who may do what with meetings. A view, an API call and a socket event ask the same."""

from __future__ import annotations

import secrets

from govhub.core.roles import is_signed_in, is_staff_of
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.councils.queries import active_membership
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.rules import ANNOUNCED


def _membership(actor, meeting: Meeting) -> CouncilMembership | None:
    if not is_signed_in(actor) or not actor.is_active:
        return None
    return active_membership(meeting.council_id, actor.id)


def _council_role(actor, council_id: int, roles: set[MemberRole]) -> bool:
    if not is_signed_in(actor) or not actor.is_active:
        return False
    membership = active_membership(council_id, actor.id)
    return membership is not None and membership.role in roles


def can_organise_meetings(actor, council) -> bool:
    """Schedule meetings, edit agendas: the chair, the secretary, the community's staff."""
    return (is_staff_of(actor, council.community_id)
            or _council_role(actor, council.id, {MemberRole.CHAIR, MemberRole.SECRETARY}))


def can_organise(actor, meeting: Meeting) -> bool:
    return can_organise_meetings(actor, meeting.council)


def can_chair(actor, meeting: Meeting) -> bool:
    """Run the room (speakers, agenda, session): the chair and the community's staff."""
    return (is_staff_of(actor, meeting.community_id)
            or _council_role(actor, meeting.council_id, {MemberRole.CHAIR}))


def can_write_minutes(actor, meeting: Meeting) -> bool:
    return (is_staff_of(actor, meeting.community_id)
            or _council_role(actor, meeting.council_id, {MemberRole.CHAIR, MemberRole.SECRETARY}))


def can_move_meeting(actor, meeting: Meeting, target: MeetingStatus) -> bool:
    """Whether the actor may take the meeting to `target` (if the stage may follow at all).

    Opening and adjourning are the chair's; publishing the minutes is for
    those who write them; scheduling and going back to draft, the organisers'.
    """
    if target in (MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED):
        return can_chair(actor, meeting)
    if target == MeetingStatus.MINUTES_PUBLISHED:
        return can_write_minutes(actor, meeting)
    return can_organise(actor, meeting)


def can_view(actor, meeting: Meeting, projector_key: str | None = None) -> bool:
    """Public meetings once announced; private ones for members, staff, or the projector link."""
    if can_organise(actor, meeting):
        return True
    if meeting.status == MeetingStatus.DRAFT:
        return False
    if meeting.is_public or _membership(actor, meeting) is not None:
        return True
    return bool(projector_key) and secrets.compare_digest(projector_key, meeting.projector_key)


def is_member(actor, meeting: Meeting) -> bool:
    return _membership(actor, meeting) is not None


def can_attend(actor, meeting: Meeting) -> bool:
    """Check in, name a proxy, ask to speak: active members (observers too), confirmed."""
    return (meeting.status in ANNOUNCED and getattr(actor, "is_confirmed", False)
            and is_member(actor, meeting))


def can_record_attendance(actor, meeting: Meeting) -> bool:
    """Check paper attendees in and members out: the community's staff and the chair."""
    return can_chair(actor, meeting)
