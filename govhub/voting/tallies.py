"""Coalesced live tallies: at most one `poll:tally` per poll per interval.

A committed ballot marks its poll dirty (govhub/realtime/coalesce.py); the
coalescing loop counts each dirty poll once from the database and sends one
tally to its room. The same loop closes polls whose timer ran out, about
once a second. With `tally_interval_ms = 0` (the in-process test suite) the
tally goes out right after each commit instead, and timers are closed by
calling `services.close_due_polls` directly.
"""

from __future__ import annotations

from govhub.extensions import db
from govhub.realtime import coalesce
from govhub.realtime.rooms import meeting_room

TIMER_EVERY = 1.0  # seconds between sweeps for polls whose timer ran out


def mark_dirty(poll) -> None:
    """Note that a poll's tally changed; it goes out after this transaction commits."""
    coalesce.mark("poll", poll.id)


@coalesce.sender("poll")
def _send_tally(poll_id: int, _details: list, send) -> None:
    from govhub.voting.models import Poll
    from govhub.voting.queries import tally_payload

    poll = db.session.get(Poll, poll_id)
    if poll is not None:
        send(meeting_room(poll.meeting_id), "poll:tally", tally_payload(poll))


@coalesce.every(TIMER_EVERY)
def _close_due() -> None:
    from govhub.voting.services import close_due_polls

    if close_due_polls():
        db.session.commit()
    else:
        db.session.rollback()

