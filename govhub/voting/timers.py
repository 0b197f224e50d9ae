"""Poll timers: closing the polls whose timer ran out.

The coalescing loop (govhub/realtime/coalesce.py) sweeps about once a
second, and once when the server starts (a timer that ran out while no
server ran), each poll in its own transaction: the loop commits, the
service only closes. Several processes may sweep at once: each close claims
the poll's row first, so exactly one of them closes it and sends
`poll:closed` (after its commit); for the others the poll is no longer open
and nothing happens.
"""

from __future__ import annotations

from govhub.core.errors import DomainError
from govhub.realtime import coalesce
from govhub.voting import queries
from govhub.voting.services import close_poll

TIMER_EVERY = 1.0  # seconds between sweeps for polls whose timer ran out


def close_due_polls() -> int:
    """Close every open poll whose timer has run out; safe to run in several processes."""
    closed = 0
    for poll in queries.overdue_polls():
        try:
            close_poll(None, poll)
            closed += 1
        except DomainError:
            pass  # another process closed it first
    return closed


def close_on_timer(poll) -> None:
    """Close one poll because its timer ran out (the close dates from when it did)."""
    close_poll(None, poll)


@coalesce.every(TIMER_EVERY)
def close_overdue_polls() -> int:
    """Close each poll whose timer ran out, one transaction each; how many this process closed."""
    return coalesce.commit_each(queries.overdue_polls(), close_on_timer)
