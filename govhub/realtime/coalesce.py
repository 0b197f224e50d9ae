"""Coalesced broadcasts: at most one summary per subject per interval.

Broadcasting every change to a whole room costs O(members²) messages: two
thousand check-ins, or two thousand ballots, would send four million. So a
service that changes a live summary (a poll's tally, a meeting's attendance)
only marks its subject dirty. When the outermost transaction commits, the
mark joins this process's pending set (a mark made in a savepoint that rolls
back is dropped with it, and none other: govhub/core/after_transaction.py);
the process's loop wakes every `tally_interval_ms` (longer when this process
serves many connections: see `step`), and for each dirty subject builds the
summary once from the database and sends it once to its room. The pending
set is only a buffer: losing it (a restart) loses one message, never a
change, and the next join sends a fresh snapshot.

A kind of summary registers its sender with `@sender(kind)` (optionally
naming the setting that spaces its messages further apart); the sender
gets the subject's id, the details marked with it since the last send (in
order), and the function that sends a message. Work that must happen on a
clock (closing polls whose timer ran out) registers with `@every(seconds)`;
`commit_each` gives each subject of such work its own transaction.

The loop starts with the server (`start`, called by `govhub run`), which
first does every clock's work once: a poll whose timer ran out while no
server ran is closed before the first request is served. A process whose
loop was not started (a command, a script) keeps no marks. The loop reads
the app's clock (govhub/core/clock.py), so a test drives its rounds by hand.

With `tally_interval_ms = 0` (the in-process test suite) each mark sends its
summary at once, after commit.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, current_app

from govhub.core.after_transaction import after_commit
from govhub.core.clock import Clock, clock_of
from govhub.core.errors import DomainError
from govhub.extensions import db, socketio
from govhub.realtime import publisher

log = logging.getLogger(__name__)

LOOP = "govhub.coalesce_loop"  # app.extensions key: this process's loop for the app

Sender = Callable[[int, list, Callable[[str, str, Any], None]], None]

_senders: dict[str, Sender] = {}
_spacings: dict[str, str] = {}  # kind -> the setting with its minimum milliseconds apart
_clocks: list[tuple[float, Callable[[], None]]] = []
_start_lock = threading.Lock()


def sender(kind: str, spacing_setting: str | None = None) -> Callable[[Sender], Sender]:
    """Register the function that sends one coalesced summary of `kind`.

    With `spacing_setting`, a subject's summaries also go out at least that
    setting's milliseconds apart (a hall's arrivals need not be counted
    seven times a second on two thousand phones).
    """
    def register(fn: Sender) -> Sender:
        _senders[kind] = fn
        if spacing_setting:
            _spacings[kind] = spacing_setting
        return fn
    return register


def every(seconds: float) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Register work for the loop to do about every `seconds`, in an app context."""
    def register(fn: Callable[[], None]) -> Callable[[], None]:
        _clocks.append((seconds, fn))
        return fn
    return register


def commit_each(subjects: Iterable, work: Callable[[Any], None]) -> int:
    """A clock's work, one transaction per subject: `work(subject)`, then commit.

    The loop is the clock's adapter, so it commits here, not the service. A
    refusal (DomainError: another process did it first) rolls that subject
    back; so does a failure, logged, which keeps no other subject from its
    turn. Returns how many were committed.
    """
    done = 0
    for subject in subjects:
        subject_id = getattr(subject, "id", subject)
        try:
            work(subject)
            db.session.commit()
            done += 1
        except DomainError:
            db.session.rollback()
        except Exception:
            log.exception("%s of %s failed", getattr(work, "__name__", work), subject_id)
            db.session.rollback()
    return done


def interval() -> float:
    return current_app.config["GOVHUB"]["tally_interval_ms"] / 1000


def mark(kind: str, subject_id: int, detail: Any = None) -> None:
    """Note that `subject_id`'s summary changed; it goes out after this transaction commits."""
    details = [] if detail is None else [detail]
    if interval() <= 0:
        _senders[kind](subject_id, details, publisher.publish)
        return
    after_commit(_pend, current_app._get_current_object(), (kind, subject_id), details)


def _pend(app: Flask, subject: tuple[str, int], details: list) -> None:
    loop = app.extensions.get(LOOP)
    if loop is not None:  # else no loop of this process would ever send it
        loop.add(subject, details)


def step(settings: dict, connections: int) -> float:
    """Seconds between two rounds of summaries, for a process serving `connections`.

    A round's cost grows with its recipients (10–40 µs of the core each, so
    a tally to a hall of two thousand costs 20–80 ms), and a ballot that
    arrives during a round waits for it. So the interval grows with the
    number of connections, by `tally_us_per_connection` each (DESIGN.md §5:
    about 0.1 ms × N): a small meeting still sees its tally move several
    times a second, and a hall of two thousand keeps most of the core for
    its ballots.
    """
    return max(settings["tally_interval_ms"] / 1000,
               settings["tally_us_per_connection"] * connections / 1_000_000)


def _connections() -> int:
    """Clients connected to this process (every namespace)."""
    return len(getattr(getattr(socketio.server, "eio", None), "sockets", ()))


class Loop:
    """One app's pending summaries and clocks in this process; `round` does one turn."""

    def __init__(self, app: Flask, clock: Clock):
        self.app, self.clock = app, clock
        self.settings = app.config["GOVHUB"]
        self.spacings = {kind: self.settings[name] / 1000 for kind, name in _spacings.items()}
        self.pending: dict[tuple[str, int], list] = {}
        self.last_sent: dict[tuple[str, int], float] = {}
        self.lock = threading.Lock()
        now = clock.monotonic()
        self.next_work = [now + seconds for seconds, _work in _clocks]

    def add(self, subject: tuple[str, int], details: list) -> None:
        with self.lock:
            self.pending.setdefault(subject, []).extend(details)

    def do_clock_work(self) -> None:
        """Every clock's work, now (at start-up: what fell due while no server ran)."""
        now = self.clock.monotonic()
        with self.app.app_context():
            for index, (seconds, work) in enumerate(_clocks):
                self.next_work[index] = now + seconds
                _run(work)

    def round(self) -> None:
        """Send the summaries that are due, then do the clocks' work that is due."""
        now = self.clock.monotonic()
        due = self._take_due(now)
        with self.app.app_context():
            for (kind, subject_id), details in due.items():
                _run(_senders[kind], subject_id, details, publisher.deliver)
            for index, (seconds, work) in enumerate(_clocks):
                if now >= self.next_work[index]:
                    self.next_work[index] = now + seconds
                    _run(work)

    def pause(self) -> float:
        """Seconds until the next round (with coalescing off, the clocks still tick)."""
        seconds = step(self.settings, _connections())
        if seconds > 0:
            return seconds
        return min((every for every, _work in _clocks), default=1.0)

    def run_forever(self) -> None:
        while True:
            self.clock.sleep(self.pause())
            self.round()

    def _take_due(self, now: float) -> dict[tuple[str, int], list]:
        """The pending subjects whose last summary is old enough, taken off the pending set."""
        with self.lock:
            due = {subject: details for subject, details in self.pending.items()
                   if now - self.last_sent.get(subject, -math.inf)
                   >= self.spacings.get(subject[0], 0)}
            for subject in due:
                del self.pending[subject]
                self.last_sent[subject] = now
            if len(self.last_sent) > 10_000:  # forget subjects long quiet
                for subject, sent in list(self.last_sent.items()):
                    if now - sent > 60:
                        del self.last_sent[subject]
        return due


def start(app: Flask) -> Loop:
    """Start this process's loop for `app` (once): the clocks' work now, then every round."""
    with _start_lock:
        loop = app.extensions.get(LOOP)
        if loop is not None:
            return loop
        loop = app.extensions[LOOP] = Loop(app, clock_of(app))
    loop.do_clock_work()
    socketio.start_background_task(loop.run_forever)
    return loop


def _run(work: Callable, *args) -> None:
    """One send or one clock's work; the loop outlives a bad subject or a lost connection."""
    try:
        work(*args)
    except Exception:
        log.exception("coalesced broadcast %r", work)
        db.session.rollback()
    finally:
        db.session.remove()
