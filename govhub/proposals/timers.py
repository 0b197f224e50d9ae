"""The proposals' clock: archiving those whose time ran out, placing waiting ones.

The coalescing loop (govhub/realtime/coalesce.py) runs these when the server
starts (what fell due while none ran) and then about every SWEEP_EVERY seconds,
each proposal in its own transaction. Several processes may sweep at once: each
change claims the proposal's row with a conditional UPDATE, so it happens once.
"""

from __future__ import annotations

from govhub.proposals import queries, reminders, services
from govhub.realtime import coalesce

SWEEP_EVERY = 30.0  # seconds


@coalesce.every(SWEEP_EVERY)
def archive_expired_proposals() -> int:
    """Archive each published proposal whose last day has passed in its community."""
    return coalesce.commit_each(queries.possibly_expired(), services.archive_if_expired)


@coalesce.every(SWEEP_EVERY)
def remind_unanswered_proposals() -> int:
    """Remind the office of answers due tomorrow, and of those overdue."""
    return coalesce.commit_each(reminders.waiting_for_an_answer(), reminders.remind)


@coalesce.every(SWEEP_EVERY)
def place_waiting_proposals() -> int:
    """Put each queued proposal that waits for a meeting on its council's new one."""
    return coalesce.commit_each(queries.waiting_for_a_meeting(),
                                services.place_on_next_meeting)
