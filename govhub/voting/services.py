"""Polls: preparing, opening (entitlements frozen), closing (atomically).

Ballots are cast in govhub/voting/ballots.py, and polls whose timer ran out
are closed in govhub/voting/timers.py. Opening and closing a poll, and every
ballot, first claim the poll's row
with a conditional UPDATE ... WHERE status = 'open'. That one statement both
checks that the poll is open and takes the row's write lock, so a close
waits for ballots in flight and a ballot after the close is refused: the
frozen tally always equals a recount of the stored ballots.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils.rules import RULE_SETS
from govhub.extensions import db
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.permissions import can_chair, can_organise
from govhub.meetings.services import broadcast_agenda
from govhub.realtime import publish
from govhub.realtime.rooms import meeting_room, user_room
from govhub.voting import kinds, secrecy, tallies
from govhub.voting.models import Entitlement, Poll, PollOption, PollStatus, Resolution
from govhub.voting.queries import (
    ballots_of_holder,
    entitled_members,
    members_now,
    poll_payload,
    result_of,
)

OPTIONS_MAX = 20
TIMER_SECONDS = (10, 24 * 3600)


# --- preparing -----------------------------------------------------------------------

def create_poll(actor, meeting: Meeting, item, title: str, kind: str, *,
                options: Sequence[str] = (), secret: bool = False, live_results: bool = True,
                allow_change: bool = True, rule_set: str = "", min_choices: int = 1,
                max_choices: int | None = None) -> Poll:
    """Prepare a poll on an agenda item, before or during the meeting."""
    require(can_organise(actor, meeting) or can_chair(actor, meeting))
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED,
                              MeetingStatus.IN_SESSION):
        raise DomainError("wrong_status", _("Polls are prepared until the meeting ends."),
                          status=409)
    if item is None or item.meeting_id != meeting.id:
        raise DomainError("unknown_item", _("That item is not on this agenda."), "item_id")
    kind = _kind(kind)
    labels = _options(kind, options)
    min_choices, max_choices = kind.choice_limits(len(labels), min_choices, max_choices)
    if rule_set and rule_set not in RULE_SETS:
        raise DomainError("invalid_choice", _("Choose one of the offered options."), "rule_set")
    poll = Poll(meeting_id=meeting.id, agenda_item_id=item.id, title=_title(title), kind=kind.value,
                secret=bool(secret), live_results=bool(live_results),
                # A secret ballot cannot be found again to be changed: nothing links it.
                allow_change=bool(allow_change) and not secret,
                rule_set=rule_set or "", min_choices=min_choices, max_choices=max_choices,
                created_by_id=getattr(actor, "id", None))
    poll.options = [PollOption(position=n, label=label) for n, label in enumerate(labels, 1)]
    db.session.add(poll)
    db.session.flush()
    record(actor, "poll.created", meeting, community_id=meeting.community_id, poll_id=poll.id,
           kind=kind.value, secret=poll.secret)
    _broadcast_polls(meeting)
    return poll


def _title(value: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise DomainError("required", _("This field is required."), "title")
    if len(title) > 300:
        raise DomainError("too_long", _("At most %(max)d characters.", max=300), "title")
    return title


def _kind(value) -> kinds.Kind:
    kind = kinds.find(value)
    if kind is None:
        raise DomainError("invalid_choice", _("Choose one of the offered options."), "kind")
    return kind


def _options(kind: kinds.Kind, options: Sequence[str]) -> list[str]:
    if not kind.has_options:
        return []
    labels = [" ".join(str(o).split()) for o in options or [] if str(o).strip()]
    if not 2 <= len(labels) <= OPTIONS_MAX or any(len(label) > 200 for label in labels):
        raise DomainError("invalid_options",
                          _("Give between 2 and 20 options of at most 200 characters."),
                          "options")
    if len(set(labels)) != len(labels):
        raise DomainError("invalid_options", _("Each option must be different."), "options")
    return labels


# --- opening and closing -------------------------------------------------------------------

def open_poll(actor, poll: Poll, closes_in_seconds: int | None = None) -> None:
    """Open the poll on the current item; who may vote (and with what weight) is frozen now."""
    meeting = poll.meeting
    require(can_chair(actor, meeting))
    if meeting.status != MeetingStatus.IN_SESSION:
        raise DomainError("not_in_session", _("The meeting is not in session."), status=409)
    if poll.status != PollStatus.DRAFT:
        raise DomainError("wrong_status", _("This poll has already been opened."), status=409)
    if meeting.current_item is None or meeting.current_item.id != poll.agenda_item_id:
        raise DomainError("not_current", _("Take up the poll's agenda item first."), status=409)
    if db.session.scalar(sa.select(Poll.id).where(Poll.meeting_id == meeting.id,
                                                  Poll.status == PollStatus.OPEN)):
        raise DomainError("poll_open", _("Close the open poll first."), status=409)
    if closes_in_seconds is not None and (
            isinstance(closes_in_seconds, bool) or not isinstance(closes_in_seconds, int)
            or not TIMER_SECONDS[0] <= closes_in_seconds <= TIMER_SECONDS[1]):
        raise DomainError("invalid_timer", _("A timer runs from 10 seconds to 24 hours."),
                          "closes_in_seconds")
    entitled = entitled_members(meeting)
    if not entitled:
        raise DomainError("nobody_entitled", _("Nobody is entitled to vote yet."), status=409)
    # One executemany on the table, not through the ORM: a hall of two
    # thousand would otherwise keep the chair (and the first voters) waiting.
    db.session.execute(sa.insert(Entitlement.__table__), [
        {"poll_id": poll.id, "user_id": member_id, "weight": weight, "holder_id": holder_id}
        for member_id, weight, holder_id in entitled])
    # The base of its quorum and of "a majority of all members", frozen with them.
    poll.members_weight = members_now(meeting)
    now = utcnow()
    poll.status, poll.opened_at = PollStatus.OPEN, now
    poll.closes_at = now + timedelta(seconds=closes_in_seconds) if closes_in_seconds else None
    db.session.flush()
    record(actor, "poll.opened", meeting, community_id=meeting.community_id, poll_id=poll.id,
           entitled=len(entitled))
    publish(meeting_room(meeting.id), "poll:opened", poll_payload(poll))
    # A proxy holder learns whose ballots they cast; everyone else's is their own.
    for holder_id in sorted({holder for member, _weight, holder in entitled if holder != member}):
        publish(user_room(holder_id), "poll:ballots", ballots_of_holder(poll, holder_id))
    tallies.mark_dirty(poll)  # starts the loop that also runs the poll's timer


def close_poll(actor, poll: Poll) -> None:
    """Close by hand (the chair) or by the timer (actor None); freeze the result."""
    meeting = poll.meeting
    if actor is not None:
        require(can_chair(actor, meeting))
    closed_at = utcnow()
    if actor is None and poll.closes_at is not None and poll.closes_at < closed_at:
        # The timer ran out then (ballots were refused from that moment), even
        # if no server ran to close it until later.
        closed_at = poll.closes_at
    claimed = db.session.execute(
        sa.update(Poll).where(Poll.id == poll.id, Poll.status == PollStatus.OPEN)
        .values(status=PollStatus.CLOSED, closed_at=closed_at)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise DomainError("poll_not_open", _("This poll is not open."), status=409)
    db.session.refresh(poll)
    poll.result = result_of(poll)
    poll.passed = poll.result["outcome"]["passed"]
    if poll.secret:
        secrecy.rewrite(poll)  # nothing stored may keep the order the ballots arrived in
    if poll.passed:
        db.session.add(Resolution(meeting_id=meeting.id, poll_id=poll.id,
                                  agenda_item_id=poll.agenda_item_id, text=poll.title,
                                  tally=poll.result, rule_set=poll.result["rule_set"],
                                  decided_at=poll.closed_at))
    db.session.flush()
    record(actor, "poll.closed", meeting, community_id=meeting.community_id, poll_id=poll.id,
           passed=poll.passed, by_timer=actor is None)
    publish(meeting_room(meeting.id), "poll:closed", poll_payload(poll))

def _broadcast_polls(meeting: Meeting) -> None:
    """Polls travel with the agenda: a new one reaches every room as agenda:update."""
    broadcast_agenda(meeting)
