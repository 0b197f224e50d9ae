"""The time as the server reads it, injectable: the real clock, or a test's fake one.

Everything that acts on time rather than on a request — poll timers, the
coalescing loop, the ballot box's batching window and its watchdog — reads
the app's clock, and so does `core.models.utcnow`. An app uses the real
clock unless `app.extensions[CLOCK]` holds another, which lets a test open
a timed poll, move the clock past its end and run the loop's next round,
in-process and without sleeping.
"""

from __future__ import annotations

import queue
import time
from datetime import UTC, datetime
from typing import Any

from flask import current_app, has_app_context

CLOCK = "govhub.clock"


class Clock:
    """The real time; waiting yields to the server's other work (gevent or threads)."""

    def now(self) -> datetime:
        """The wall-clock time, aware, in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back: for intervals and deadlines."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        from govhub.extensions import socketio

        socketio.sleep(seconds)

    def get(self, source: queue.Queue, timeout: float) -> Any:
        """The next item of `source`, waiting up to `timeout` seconds (else queue.Empty)."""
        return source.get(timeout=timeout)


REAL = Clock()


def clock() -> Clock:
    """The current app's clock (the real one outside an app context)."""
    if has_app_context():
        return current_app.extensions.get(CLOCK, REAL)
    return REAL


def clock_of(app) -> Clock:
    return app.extensions.get(CLOCK, REAL)
