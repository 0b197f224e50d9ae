"""Engine settings that make SQLite behave like a real database.

WAL lets readers and one writer work at once; the busy timeout makes a writer
wait for the lock instead of failing; foreign keys are off in SQLite unless
asked for. pysqlite also opens transactions lazily and never for SAVEPOINT,
so GovHub takes over: no implicit transactions, an explicit BEGIN instead
(SQLAlchemy's documented recipe), which makes savepoints and the per-test
rollback work. A request that may write (POST, PUT, PATCH, DELETE) begins
IMMEDIATE, taking the write lock before its first read; see `_begin_statement`.
Deleted content is zeroed (`secure_delete`; see voting/secrecy.py).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy import orm

BUSY_TIMEOUT_MS = 15_000
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def engine_options(url: str) -> dict:
    if is_sqlite(url):
        return {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    return {"pool_pre_ping": True}


@sa.event.listens_for(sa.engine.Engine, "connect")
def _on_connect(dbapi_connection, connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, in their page and in freed
    # pages: what a secret poll's close rewrites must not stay in the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


@sa.event.listens_for(sa.engine.Engine, "begin")
def _on_begin(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(_begin_statement())
        connection.info["changes_at_begin"] = connection.connection.dbapi_connection.total_changes


def _begin_statement() -> str:
    """IMMEDIATE for a request that may write, DEFERRED for everything else.

    A deferred transaction that read before another connection committed
    cannot write at all on SQLite: its first write fails at once with
    "database is locked" (SQLITE_BUSY_SNAPSHOT), whatever the busy timeout,
    when two processes share the file. Taking the write lock at BEGIN makes
    the writer wait its turn instead (Rails and Django do the same). Reading
    requests and socket events (their request is the GET that opened the
    socket) stay deferred, so readers never queue behind writers; broadcasts
    wait for the commit, so a writer does not hold the lock while it sends.
    """
    if has_request_context() and request.method not in READING_METHODS:
        return "BEGIN IMMEDIATE"
    return "BEGIN"


@contextlib.contextmanager
def released_while_waiting(session: orm.Session) -> Iterator[bool]:
    """Around a wait that lets other greenlets run (a password hash in a thread): True when safe.

    A transaction that has only read is ended before the wait (its commit
    changes nothing), so the wait holds no connection: a hall of a hundred
    signing in at once would otherwise take every connection of the pool
    while queued for the hash, and the room would wait for them. On SQLite
    it also drops the snapshot: a transaction that read before another
    connection committed fails on its first write ("database is locked",
    SQLITE_BUSY_SNAPSHOT), whatever the busy timeout. The next statement
    begins afresh; loaded objects are reloaded on their next use.

    A transaction that has written keeps its connection. On SQLite it holds
    the only write lock, and other greenlets would wait for it inside
    SQLite's C code, stopping the loop: then the answer is False and the
    caller must not wait.
    """
    if not session.in_transaction():
        yield True
        return
    if session.get_nested_transaction() is not None:
        yield False  # a savepoint's owner decides when its transaction ends
        return
    connection = session.connection()
    if session.new or session.dirty or session.deleted or _has_written(connection):
        yield connection.dialect.name != "sqlite"
        return
    session.commit()
    yield True


def _has_written(connection: sa.Connection) -> bool:
    if connection.dialect.name == "sqlite":
        changes = connection.connection.dbapi_connection.total_changes
        return changes != connection.info.get("changes_at_begin")
    if connection.dialect.name == "postgresql":
        return connection.exec_driver_sql(
            "SELECT txid_current_if_assigned()").scalar() is not None
    return True  # unknown: keep the transaction
