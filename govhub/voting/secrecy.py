"""What a secret poll's close does so that nothing stored orders its ballots.

While a secret poll is open its rows are written as ballots arrive, and a
database keeps traces of that order that no column shows: on SQLite the
place of each cell in its page (cells are written where there is room, in
arrival order; WITHOUT ROWID sorts only the pointers) and the rowids of the
receipts; on PostgreSQL each row's `ctid` (its place in the heap) and
`xmin` (the transaction that wrote it, shared by a ballot and its receipt).

So the close, in its own transaction, rewrites the poll's rows:

- the secret ballots are deleted and inserted again in a random order,
  with new random keys, in one savepoint (one statement on PostgreSQL: one
  `xmin` — the savepoint's — for every ballot of the poll);
- the receipts likewise, in another savepoint, in a random order, with new
  ids and without the clients' idempotency keys (a key, chosen by the
  client, could say anything; after the close no retry needs it).

Deleted rows still lie where they were until the database reuses or wipes
the space: SQLite connections run with `secure_delete`, so freed cells and
pages are zeroed, and after the close commits the server checkpoints the
write-ahead log and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`);
PostgreSQL gets `VACUUM FULL` of the two tables, which writes them into new
files and removes the old ones with every dead tuple and the free space
they left. Both run in the background, never in the request that closed
the poll, and each waits only briefly for its lock, trying again later.
What cannot be undone this way (WAL archives, backups taken while the poll
was open) is in docs/voting.md.
"""

from __future__ import annotations

import logging
import random
import re

import sqlalchemy as sa
from flask import current_app

from govhub.core.after_transaction import after_commit
from govhub.core.database import BUSY_TIMEOUT_MS
from govhub.extensions import db, socketio
from govhub.voting.models import Receipt, SecretBallot, random_key

log = logging.getLogger(__name__)

ATTEMPTS = 20  # the background scrub's tries, ATTEMPT_PAUSE × 2^n apart (capped)
ATTEMPT_PAUSE = 0.25
# VACUUM VERBOSE's detail: "N dead row versions cannot be removed yet" (rows some snapshot
# might still need, which VACUUM FULL carries over into the table's new file).
KEPT_DEAD_ROWS = re.compile(r"(\d+) dead row versions cannot be removed yet")
LOCK_WAIT_MS = 200  # how long one try waits for its lock: a live room must not wait longer

_shuffle = random.SystemRandom().shuffle


def rewrite(poll) -> None:
    """Rewrite a closing secret poll's ballots and receipts in a random order.

    Part of the close's transaction, which holds the poll's row: no ballot
    arrives meanwhile, and the rows written are exactly the ballots the
    frozen tally counted.
    """
    ballots = [dict(row) for row in db.session.execute(
        sa.select(SecretBallot.content, SecretBallot.weight)
        .where(SecretBallot.poll_id == poll.id)).mappings()]
    receipts = [dict(row) for row in db.session.execute(
        sa.select(Receipt.voter_id, Receipt.cast_by_id, Receipt.via)
        .where(Receipt.poll_id == poll.id)).mappings()]
    _shuffle(ballots)
    _shuffle(receipts)
    # Two savepoints: on PostgreSQL each is its own subtransaction, so the
    # ballots share one xmin and the receipts another.
    with db.session.begin_nested():
        db.session.execute(sa.delete(SecretBallot.__table__)
                           .where(SecretBallot.poll_id == poll.id))
        if ballots:
            db.session.execute(sa.insert(SecretBallot.__table__), [
                {"key": random_key(), "poll_id": poll.id, **ballot} for ballot in ballots])
    with db.session.begin_nested():
        db.session.execute(sa.delete(Receipt.__table__).where(Receipt.poll_id == poll.id))
        if receipts:
            db.session.execute(sa.insert(Receipt.__table__), [
                {"poll_id": poll.id, "key": "", **receipt} for receipt in receipts])
    after_commit(_start_scrub)  # only once the rewrite is durable; never if it rolls back


def start(app) -> None:
    """At the server's start: wipe what a close left if the server stopped (or crashed)
    before its scrub was done; either wipe covers everything deleted before it."""
    socketio.start_background_task(_scrub_in_background, app)


def _start_scrub() -> None:
    app = current_app._get_current_object()
    # The in-process test suite (tally_interval_ms = 0) runs nothing in the
    # background; its tests call scrub() themselves.
    if app.config["GOVHUB"]["tally_interval_ms"] > 0:
        socketio.start_background_task(_scrub_in_background, app)


def _scrub_in_background(app) -> None:
    pause = ATTEMPT_PAUSE
    for _attempt in range(ATTEMPTS):
        try:
            with app.app_context():
                if scrub():
                    return
        except Exception:
            log.exception("scrubbing after a secret poll's close")
        socketio.sleep(pause)
        pause = min(pause * 2, 30)
    log.warning("the space freed by a secret poll's close is not yet scrubbed; "
                "it will be after the next close")


def scrub() -> bool:
    """Wipe what the rewrite left behind; False if it could not yet (try again later)."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        return _checkpoint_sqlite(engine)
    if engine.dialect.name == "postgresql":
        return _vacuum_postgresql(engine)
    return True


def _checkpoint_sqlite(engine) -> bool:
    # The driver's own connection: outside any transaction, which a
    # checkpoint needs, and waiting for others' locks only briefly.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
        busy, _frames, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()
    finally:
        connection.close()
    return busy == 0


def _vacuum_postgresql(engine) -> bool:
    """VACUUM FULL the two tables; False (try again) if a lock was busy or if a dead row had
    to be kept because another transaction of this database might still see it (a long
    report, autovacuum's ANALYZE): VACUUM FULL copies such rows into the new file too."""
    kept = []

    def count_kept(diagnostic) -> None:
        found = KEPT_DEAD_ROWS.search(diagnostic.message_detail or "")
        if found:
            kept.append(int(found.group(1)))

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        driver = connection.connection.driver_connection
        driver.add_notice_handler(count_kept)
        connection.exec_driver_sql(f"SET lock_timeout = {LOCK_WAIT_MS}")
        try:
            connection.exec_driver_sql(
                f"VACUUM (FULL, VERBOSE) {SecretBallot.__tablename__}, {Receipt.__tablename__}")
        except sa.exc.OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
                return False
            raise
        finally:
            connection.exec_driver_sql("RESET lock_timeout")
            driver.remove_notice_handler(count_kept)
    return not any(kept)
