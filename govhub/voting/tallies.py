"""Coalesced live tallies (at most one `poll:tally` per poll per interval), and poll timers.

A committed ballot marks its poll dirty (govhub/realtime/coalesce.py); the
coalescing loop counts each dirty poll once from the database and sends one
tally to its room. The same loop closes polls whose timer ran out, about
once a second, and once when the server starts (a timer that ran out while
no server ran). With `tally_interval_ms = 0` (the in-process test suite) the
tally goes out right after each commit instead.
"""

from __future__ import annotations

import logging

from govhub.extensions import db
from govhub.realtime import coalesce
from govhub.realtime.rooms import meeting_room

log = logging.getLogger(__name__)

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
def close_overdue_polls() -> int:
    """Close each poll whose timer ran out, one transaction each; how many this process closed.

    Several processes may sweep at once: each close claims the poll's row
    first, so exactly one of them closes it and sends `poll:closed` (after its
    commit); for the others the poll is no longer open and nothing happens.
    """
    from govhub.core.errors import DomainError
    from govhub.voting.queries import overdue_polls
    from govhub.voting.services import close_poll

    closed = 0
    for poll in overdue_polls():
        poll_id = poll.id
        try:
            close_poll(None, poll)
            db.session.commit()
            closed += 1
        except DomainError:  # another process closed it first
            db.session.rollback()
        except Exception:  # one poll's failure keeps no other open
            log.exception("closing poll %s on its timer failed", poll_id)
            db.session.rollback()
    return closed
