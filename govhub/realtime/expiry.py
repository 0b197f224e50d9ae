"""Ending live connections whose sign-in ended: signed out, revoked or expired.

Every event already asks whether the connection's credential still stands
(realtime.auth for each event, the ballot box once per batch), so nothing a
revoked token or a signed-out browser sends is acted on. What is left is the
connection itself, which would go on hearing its rooms. So each server
process sweeps about once a second, from when the server starts: one
statement per kind asks the database which sessions and tokens were revoked
since the last sweep or expired since then (two indexed ranges: a few rows
at most, however many phones are connected), and the process disconnects
its own connections that hold one of them (it reads each connection's
credential where the handshake left it: a walk over this process's
connections, only when something ended, rather than a room per credential,
since python-socketio's disconnect walks every room of the namespace). The
database is the truth, so a revocation committed by
one process ends the connections held by every other.

Why a sweep, rather than a timer per connection or only the check per
event: the check per event already refuses everything at once; a timer per
connection would cover expiry only (not revocation) and costs a timer per
phone (a hall of two thousand; in the ballot box, timers per voter cost more
than their waits); a sweep covers revocation, expiry and sign-out alike at a
cost that does not grow with the connections.

A sweep looks back LOOKBACK further than the last one, for the clocks of
several processes and for a revocation whose commit took a while; a
connection already gone is simply not found. So for ten seconds after a
sign-out every sweep walks the process's connections again (a millisecond
or two for two thousand), which also catches a connection whose handshake
was still under way the first time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import Flask

from govhub.auth.credentials import ended_between
from govhub.core.models import utcnow
from govhub.extensions import db, socketio
from govhub.realtime.auth import connection_credential
from govhub.realtime.rooms import NAMESPACE

log = logging.getLogger(__name__)

SWEEP_EVERY = 1.0  # seconds
LOOKBACK = timedelta(seconds=10)

_started: set[int] = set()  # ids of the apps whose sweep runs in this process


def start(app: Flask) -> None:
    """Start this process's sweep for `app`, once; `govhub run` calls it before serving."""
    if id(app) in _started:
        return
    _started.add(id(app))
    socketio.start_background_task(_loop, app)


def sweep(since: datetime, until: datetime) -> int:
    """Disconnect this process's connections whose credential ended in (since, until];
    how many were disconnected."""
    ended = ended_between(since, until)
    if not ended:
        return 0
    server = socketio.server
    doomed = [sid for eio_sid, environ in list(server.environ.items())
              if connection_credential(environ) in ended
              and (sid := server.manager.sid_from_eio_sid(eio_sid, NAMESPACE)) is not None]
    for sid in doomed:
        server.disconnect(sid, namespace=NAMESPACE, ignore_queue=True)
    return len(doomed)


def _loop(app: Flask) -> None:
    since = utcnow()
    while True:
        socketio.sleep(SWEEP_EVERY)
        until = utcnow()
        with app.app_context():
            try:
                sweep(since - LOOKBACK, until)
                since = until  # after a failure, the next sweep looks back from the last good one
            except Exception:  # the sweep outlives a database that is away for a moment
                log.exception("sweeping ended sessions and tokens")
                db.session.rollback()
            finally:
                db.session.remove()
