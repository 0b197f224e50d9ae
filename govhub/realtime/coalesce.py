"""Coalesced broadcasts: at most one summary per subject per interval.

Broadcasting every change to a whole room costs O(members²) messages: two
thousand check-ins, or two thousand ballots, would send four million. So a
service that changes a live summary (a poll's tally, a meeting's attendance)
only marks its subject dirty. When the transaction commits, the mark joins
this process's pending set; a background loop wakes every
`tally_interval_ms` (longer when this process serves many connections: see
`step`), and for each dirty subject builds the summary once from the
database and sends it once to its room. The pending set is only a
buffer: losing it (a restart) loses one message, never a change, and the
next join sends a fresh snapshot.

A kind of summary registers its sender with `@sender(kind)` (optionally
naming the setting that spaces its messages further apart); the sender
gets the subject's id, the details marked with it since the last send (in
order), and the function that sends a message. Work that must happen on a
clock (closing polls whose timer ran out) registers with `@every(seconds)`.

With `tally_interval_ms = 0` (the in-process test suite) each mark sends its
summary at once, after commit, and nothing runs in the background.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from govhub.extensions import db, socketio
from govhub.realtime.publisher import deliver, publish

log = logging.getLogger(__name__)

MARKS = "govhub.coalesce_marks"

Sender = Callable[[int, list, Callable[[str, str, Any], None]], None]

_senders: dict[str, Sender] = {}
_spacings: dict[str, str] = {}  # kind -> the setting with its minimum milliseconds apart
_clocks: list[tuple[float, Callable[[], None]]] = []
_pending: dict[tuple[str, int], list] = {}
_last_sent: dict[tuple[str, int], float] = {}
_lock = threading.Lock()
_running: set[int] = set()  # ids of the apps whose loop runs in this process


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


def interval() -> float:
    return current_app.config["GOVHUB"]["tally_interval_ms"] / 1000


def mark(kind: str, subject_id: int, detail: Any = None) -> None:
    """Note that `subject_id`'s summary changed; it goes out after this transaction commits."""
    details = [] if detail is None else [detail]
    if interval() <= 0:
        _senders[kind](subject_id, details, publish)
        return
    marks = db.session.info.setdefault(MARKS, {})
    marks.setdefault((kind, subject_id), []).extend(details)


@sa.event.listens_for(orm.Session, "after_commit")
def _after_commit(session: orm.Session) -> None:
    marks = session.info.pop(MARKS, None)
    if not marks:
        return
    with _lock:
        for subject, details in marks.items():
            _pending.setdefault(subject, []).extend(details)
    ensure_running(current_app._get_current_object())


@sa.event.listens_for(orm.Session, "after_soft_rollback")
def _after_rollback(session: orm.Session, previous_transaction) -> None:
    session.info.pop(MARKS, None)


def ensure_running(app) -> None:
    """Start this process's loop for `app`, once."""
    with _lock:
        if id(app) in _running:
            return
        _running.add(id(app))
    socketio.start_background_task(_loop, app)


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
    return len(getattr(socketio.server.eio, "sockets", ()))


def _loop(app) -> None:
    settings = app.config["GOVHUB"]
    spacings = {kind: settings[name] / 1000 for kind, name in _spacings.items()}
    waited = [0.0] * len(_clocks)
    while True:
        pause = step(settings, _connections())
        socketio.sleep(pause)
        due = _take_due(spacings)
        with app.app_context():
            for (kind, subject_id), details in due.items():
                _run(_senders[kind], subject_id, details, deliver)
            for index, (seconds, work) in enumerate(_clocks):
                waited[index] += pause
                if waited[index] >= seconds:
                    waited[index] = 0.0
                    _run(work)


def _take_due(spacings: dict[str, float]) -> dict[tuple[str, int], list]:
    """The pending subjects whose last summary is old enough, taken off the pending set."""
    now = time.monotonic()
    with _lock:
        due = {subject: details for subject, details in _pending.items()
               if now - _last_sent.get(subject, -math.inf) >= spacings.get(subject[0], 0)}
        for subject in due:
            del _pending[subject]
            _last_sent[subject] = now
        if len(_last_sent) > 10_000:  # forget subjects long quiet
            for subject, sent in list(_last_sent.items()):
                if now - sent > 60:
                    del _last_sent[subject]
    return due


def _run(work: Callable, *args) -> None:
    """One send or one clock's work; the loop outlives a bad subject or a lost connection."""
    try:
        work(*args)
    except Exception:
        log.exception("coalesced broadcast %r", work)
        db.session.rollback()
    finally:
        db.session.remove()
