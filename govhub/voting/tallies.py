"""Coalesced live tallies: at most one `poll:tally` per poll per interval.

Broadcasting on every ballot costs O(voters²) messages and collapses a big
meeting. Instead a committed ballot marks its poll dirty; a background task
wakes every `tally_interval_ms`, counts each dirty poll once from the
database and sends one tally to its room. The dirty set is only a buffer:
losing it (a restart) loses no vote, only one tally message, and the next
join sends a fresh snapshot. The same loop closes polls whose timer ran out.

With `tally_interval_ms = 0` (the in-process test suite) the tally is sent
right after each commit instead, and timers are closed by calling
`close_due_polls` directly.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from govhub.extensions import db, socketio

log = logging.getLogger(__name__)

DIRTY = "govhub.dirty_polls"
TIMER_EVERY = 1.0  # seconds between sweeps for polls whose timer ran out

_pending: set[int] = set()
_lock = threading.Lock()
_running: set[int] = set()  # ids of the apps whose loop runs in this process


def mark_dirty(poll) -> None:
    """Note that a poll's tally changed; it goes out after this transaction commits."""
    if current_app.config["GOVHUB"]["tally_interval_ms"] <= 0:
        from govhub.realtime import publish
        from govhub.realtime.rooms import meeting_room
        from govhub.voting.queries import tally_payload

        publish(meeting_room(poll.meeting_id), "poll:tally", tally_payload(poll))
        return
    db.session.info.setdefault(DIRTY, set()).add(poll.id)


@sa.event.listens_for(orm.Session, "after_commit")
def _after_commit(session: orm.Session) -> None:
    dirty = session.info.pop(DIRTY, None)
    if not dirty:
        return
    app = current_app._get_current_object()
    with _lock:
        _pending.update(dirty)
    ensure_running(app)


@sa.event.listens_for(orm.Session, "after_soft_rollback")
def _after_rollback(session: orm.Session, previous_transaction) -> None:
    session.info.pop(DIRTY, None)


def ensure_running(app) -> None:
    """Start this process's tally loop for `app`, once."""
    with _lock:
        if id(app) in _running:
            return
        _running.add(id(app))
    socketio.start_background_task(_loop, app)


def _loop(app) -> None:
    interval = app.config["GOVHUB"]["tally_interval_ms"] / 1000
    since_sweep = 0.0
    while True:
        socketio.sleep(interval)
        since_sweep += interval
        with _lock:
            dirty = set(_pending)
            _pending.clear()
        try:
            with app.app_context():
                for poll_id in dirty:
                    _send_tally(poll_id)
                if since_sweep >= TIMER_EVERY:
                    since_sweep = 0.0
                    _close_due()
                db.session.remove()
        except Exception:  # the loop must outlive one bad poll or a lost connection
            log.exception("tally loop")


def _send_tally(poll_id: int) -> None:
    from govhub.realtime.publisher import deliver
    from govhub.realtime.rooms import meeting_room
    from govhub.voting.models import Poll
    from govhub.voting.queries import tally_payload

    poll = db.session.get(Poll, poll_id)
    if poll is not None:
        deliver(meeting_room(poll.meeting_id), "poll:tally", tally_payload(poll))


def _close_due() -> None:
    from govhub.voting.services import close_due_polls

    if close_due_polls():
        db.session.commit()
    else:
        db.session.rollback()
