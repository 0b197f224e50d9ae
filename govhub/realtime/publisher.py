"""Queue broadcasts on the database session; send them only after commit.

A service calls publish(room, event, payload) while it changes state. Nothing
leaves the process until the transaction commits, so no client ever sees a
change that was rolled back; a rollback drops the queue.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.extensions import db, socketio
from govhub.realtime.rooms import NAMESPACE

OUTBOX = "govhub.outbox"


def publish(room: str, event: str, payload: Any, session: orm.Session | None = None) -> None:
    """Queue `event` for `room`, to be sent once the current transaction commits."""
    if not room:
        raise ValueError("a broadcast needs a room")
    session = session or db.session()
    if not session.in_transaction():
        # Tie the message to a transaction, so that a rollback drops it even
        # when nothing else has touched the database yet.
        session.begin()
    session.info.setdefault(OUTBOX, []).append((room, event, payload))


def deliver(room: str, event: str, payload: Any) -> None:
    """Send one message to one room (through the message queue, if configured)."""
    socketio.emit(event, payload, to=room, namespace=NAMESPACE)


@sa.event.listens_for(orm.Session, "after_commit")
def _send_after_commit(session: orm.Session) -> None:
    for room, event, payload in session.info.pop(OUTBOX, []):
        deliver(room, event, payload)


@sa.event.listens_for(orm.Session, "after_soft_rollback")
def _drop_after_rollback(session: orm.Session, previous_transaction) -> None:
    session.info.pop(OUTBOX, None)
