"""Coalesced live tallies: at most one `poll:tally` per poll per interval.

A committed ballot marks its poll dirty (govhub/realtime/coalesce.py); the
coalescing loop counts each dirty poll once from the database and sends one
tally to its room. With `tally_interval_ms = 0` (the in-process test suite)
the tally goes out right after each commit instead. The same loop closes
polls whose timer ran out (govhub/voting/timers.py).
"""

from __future__ import annotations

from govhub.extensions import db
from govhub.realtime import coalesce
from govhub.realtime.rooms import meeting_room
from govhub.voting.models import Poll
from govhub.voting.queries import tally_payload


def mark_dirty(poll) -> None:
    """Note that a poll's tally changed; it goes out after this transaction commits."""
    coalesce.mark("poll", poll.id)


@coalesce.sender("poll")
def _send_tally(poll_id: int, _details: list, send) -> None:
    poll = db.session.get(Poll, poll_id)
    if poll is not None:
        send(meeting_room(poll.meeting_id), "poll:tally", tally_payload(poll))
