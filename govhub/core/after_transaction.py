"""Work that waits for the end of the current transaction: after its commit, or its rollback.

A service that changes state often has something to do only once the change
is durable — send a broadcast, let the coalescing loop know a summary
changed, forget a cached count — or something to undo if it is not (delete
a file it wrote). `after_commit(fn, *args)` and `after_rollback(fn, *args)`
queue that work on the session's current transaction:

- a savepoint (`session.begin_nested()`) has a queue of its own; when it is
  released its queue joins its parent's, and nothing runs yet;
- when a savepoint rolls back, only what was queued inside it is dropped
  (and its `after_rollback` work runs); what the transaction queued before
  or beside it stays;
- the `after_commit` work runs, in the order it was queued, only after the
  outermost transaction commits; when that one rolls back (or the session
  closes without committing), all of it is dropped and the `after_rollback`
  work runs.

"Outermost" is the session's: a session joined to a connection's own
transaction (the test suite's `create_savepoint`) commits when the session
commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

log = logging.getLogger(__name__)

QUEUES = "govhub.after_transaction"

Work = tuple[Callable[..., Any], tuple]


class _Queue:
    """What one transaction (or savepoint) leaves for after it ends."""

    __slots__ = ("committed", "on_commit", "on_rollback")

    def __init__(self) -> None:
        self.on_commit: list[Work] = []
        self.on_rollback: list[Work] = []
        self.committed = False


def after_commit(fn: Callable[..., Any], *args: Any, session: orm.Session | None = None) -> None:
    """Call fn(*args) once the outermost transaction commits; never if it rolls back."""
    _queue(session).on_commit.append((fn, args))


def after_rollback(fn: Callable[..., Any], *args: Any,
                   session: orm.Session | None = None) -> None:
    """Call fn(*args) if the current transaction (or savepoint) rolls back."""
    _queue(session).on_rollback.append((fn, args))


def _queue(session: orm.Session | None) -> _Queue:
    if session is None:
        from govhub.extensions import db

        session = db.session()
    if not session.in_transaction():
        # Tie the work to a transaction, so that a rollback drops it even when
        # nothing else has touched the database yet.
        session.begin()
    owner = session.get_nested_transaction() or session.get_transaction()
    queues = session.info.setdefault(QUEUES, {})
    queue = queues.get(owner)
    if queue is None:
        queue = queues[owner] = _Queue()
    return queue


def _owner(transaction: orm.SessionTransaction) -> orm.SessionTransaction:
    """The savepoint or outermost transaction a (sub)transaction belongs to."""
    while transaction.parent is not None and not transaction.nested:
        transaction = transaction.parent
    return transaction


@sa.event.listens_for(orm.Session, "after_commit")
def _committed(session: orm.Session) -> None:
    # Called for the outermost transaction and for each savepoint, before it ends.
    queues = session.info.get(QUEUES)
    if queues:
        queue = queues.get(session.get_nested_transaction() or session.get_transaction())
        if queue is not None:
            queue.committed = True


@sa.event.listens_for(orm.Session, "after_transaction_end")
def _ended(session: orm.Session, transaction: orm.SessionTransaction) -> None:
    queues = session.info.get(QUEUES)
    if not queues:
        return
    queue = queues.pop(transaction, None)
    if queue is None:
        return
    if not queue.committed:
        _run(reversed(queue.on_rollback))
    elif transaction.parent is not None:  # a savepoint released: its parent carries on
        parent = queues.get(_owner(transaction.parent))
        if parent is None:
            parent = queues[_owner(transaction.parent)] = _Queue()
        parent.on_commit.extend(queue.on_commit)
        parent.on_rollback.extend(queue.on_rollback)
    else:
        _run(queue.on_commit)


def _run(work) -> None:
    """Each piece of work, whatever the others do: the transaction is over either way."""
    for fn, args in work:
        try:
            fn(*args)
        except Exception:
            log.exception("after-transaction work %r failed", fn)
