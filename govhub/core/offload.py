"""Run a CPU-heavy call that releases the GIL (argon2) outside gevent's loop.

Under `govhub run` every request and live event shares one OS thread: a
password check of 20-200 ms done there stops every phone in the room for
that long, and a hall signing in at once stopped it for seconds. In a
monkey-patched process, `off_the_loop` hands the call to a small pool of
real threads and lets the loop serve others until the answer is back.
Anywhere else (the test client, the command line) it simply calls.

The pool leaves one core to the loop: on two cores, one hashing thread.
A burst of sign-ins then waits in the pool's queue, not in front of the
room.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_pools: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # hub -> its pool


def pool_size(cores: int | None = None) -> int:
    """Threads for heavy calls: one core fewer than the machine has, at least one."""
    cores = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, cores - 1)


def _under_gevent() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover (gevent is a dependency)
        return False
    return monkey.is_module_patched("threading")


def _pool():
    import gevent
    from gevent.threadpool import ThreadPool

    hub = gevent.get_hub()
    pool = _pools.get(hub)
    if pool is None:
        pool = _pools[hub] = ThreadPool(pool_size(), hub=hub)
    return pool


def off_the_loop(fn: Callable[..., T], *args) -> T:
    """fn(*args), run in a real thread when serving under gevent; its exceptions propagate.

    Inside a request the session's transaction must allow other greenlets to
    run meanwhile (core.database.released_while_waiting); when it does not (it has
    written on SQLite), the call runs here, as it did before.
    """
    if not _under_gevent():
        return fn(*args)
    with _transaction_allows_waiting() as may_wait:
        if not may_wait:
            return fn(*args)
        returned, value = _pool().apply(_outcome, (fn, args))
    if not returned:
        raise value
    return value


@contextlib.contextmanager
def _transaction_allows_waiting():
    from flask import has_app_context

    if not has_app_context():
        yield True
        return
    from govhub.core.database import released_while_waiting
    from govhub.extensions import db

    with released_while_waiting(db.session()) as may_wait:
        yield may_wait


def _outcome(fn, args) -> tuple[bool, object]:
    """In the pool's thread: an exception comes back as a value (gevent would print it)."""
    try:
        return True, fn(*args)
    except Exception as exc:
        return False, exc
