"""A clock a test moves by hand (govhub/core/clock.py): no sleeping, no waiting for luck."""

from __future__ import annotations

import queue
from datetime import UTC, datetime, timedelta
from typing import Any

from govhub.core.clock import Clock


class FakeClock(Clock):
    """Starts at the real time; moves only when told to, or when something waits on it."""

    def __init__(self, start: datetime | None = None):
        self.start = start or datetime.now(UTC)
        self.elapsed = 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return 1_000.0 + self.elapsed

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def get(self, source: queue.Queue, timeout: float) -> Any:
        """What is already there; else the whole timeout passes with nothing arriving."""
        try:
            return source.get_nowait()
        except queue.Empty:
            self.advance(timeout)
            raise
