"""Queue broadcasts on the database transaction; send them only after it commits.

A service calls publish(room, event, payload) while it changes state. Nothing
leaves the process until the outermost transaction commits, so no client ever
sees a change that was rolled back: a rollback drops the messages, and a
savepoint's rollback drops only those queued inside it
(govhub/core/after_transaction.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import orm

from govhub.core.after_transaction import after_commit
from govhub.extensions import socketio
from govhub.realtime.rooms import NAMESPACE


def publish(room: str, event: str, payload: Any, session: orm.Session | None = None) -> None:
    """Queue `event` for `room`, to be sent once the current transaction commits."""
    if not room:
        raise ValueError("a broadcast needs a room")
    after_commit(_send, room, event, payload, session=session)


def deliver(room: str, event: str, payload: Any) -> None:
    """Send one message to one room (through the message queue, if configured)."""
    socketio.emit(event, payload, to=room, namespace=NAMESPACE)


def _send(room: str, event: str, payload: Any) -> None:
    deliver(room, event, payload)  # looked up when sent: the test suite records deliveries
