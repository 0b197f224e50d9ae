"""Engine settings that make SQLite behave like a real database.

WAL lets readers and one writer work at once; the busy timeout makes a writer
wait for the lock instead of failing; foreign keys are off in SQLite unless
asked for. pysqlite also opens transactions lazily and never for SAVEPOINT,
so GovHub takes over: no implicit transactions, an explicit BEGIN instead
(SQLAlchemy's documented recipe), which makes savepoints and the per-test
rollback work.
Deleted content is zeroed (`secure_delete`; see voting/secrecy.py).
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa

BUSY_TIMEOUT_MS = 15_000


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
        connection.exec_driver_sql("BEGIN")
