"""A request that waits mid-transaction (a password hash in a thread, under gevent)
must neither hold a connection nor lose the ability to write afterwards."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import orm

from govhub.core.database import engine_options, released_while_waiting
from tests.helpers.servers import postgres_database

NOTES = sa.table("notes", sa.column("id", sa.Integer), sa.column("text", sa.String))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "postgresql":
        with postgres_database("waiting") as url:
            yield from _engine(url)
    else:
        yield from _engine(f"sqlite:///{tmp_path / 'notes.sqlite3'}")


def _engine(url):
    engine = sa.create_engine(url, **engine_options(url))
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE notes (id SERIAL PRIMARY KEY, text TEXT)"
                                   if engine.dialect.name == "postgresql" else
                                   "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute(NOTES.insert().values(text="first"))
    yield engine
    engine.dispose()


def _someone_else_writes(engine) -> None:
    with engine.begin() as connection:
        connection.execute(NOTES.insert().values(text="meanwhile"))


def _texts(engine) -> list[str]:
    with engine.connect() as connection:
        return connection.execute(sa.select(NOTES.c.text).order_by(NOTES.c.id)).scalars().all()


@pytest.fixture
def sqlite_engine(tmp_path):
    yield from _engine(f"sqlite:///{tmp_path / 'notes.sqlite3'}")


def test_on_sqlite_a_read_then_a_wait_then_a_write_fails_when_the_snapshot_is_kept(
        sqlite_engine):
    # SQLite only: PostgreSQL reads committed rows at each statement.
    engine = sqlite_engine
    with orm.Session(engine) as session:
        session.execute(sa.select(NOTES.c.text)).all()
        _someone_else_writes(engine)  # while this one waited for its password hash
        with pytest.raises(sa.exc.OperationalError, match="locked"):
            session.execute(NOTES.insert().values(text="after the wait"))


def _another_process_may_write_now(path) -> bool:
    """A second connection that will not wait: can it write at this moment?"""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("INSERT INTO notes (text) VALUES ('from another process')")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_on_sqlite_a_writing_request_holds_the_write_lock_from_its_first_read(tmp_path):
    """Two processes on one file: a POST that read first must still be able to write,
    so it takes the lock at BEGIN and the other process waits its turn."""
    path = tmp_path / "notes.sqlite3"
    engine = next(_engine(f"sqlite:///{path}"))
    with Flask(__name__).test_request_context(method="POST"), orm.Session(engine) as session:
        session.execute(sa.select(NOTES.c.text)).all()
        assert not _another_process_may_write_now(path)
        session.execute(NOTES.insert().values(text="revoked"))
        session.commit()
    assert _texts(engine) == ["first", "revoked"]


def test_on_sqlite_a_reading_request_leaves_the_lock_to_writers(tmp_path):
    path = tmp_path / "notes.sqlite3"
    engine = next(_engine(f"sqlite:///{path}"))
    with Flask(__name__).test_request_context(method="GET"), orm.Session(engine) as session:
        session.execute(sa.select(NOTES.c.text)).all()
        assert _another_process_may_write_now(path)
    assert _texts(engine) == ["first", "from another process"]


def test_a_transaction_that_only_read_waits_without_its_connection(engine):
    with orm.Session(engine) as session:
        session.execute(sa.select(NOTES.c.text)).all()
        with released_while_waiting(session) as may_wait:
            assert may_wait is True
            assert engine.pool.checkedout() == 0
            _someone_else_writes(engine)
        session.execute(NOTES.insert().values(text="after the wait"))
        session.commit()
    assert _texts(engine) == ["first", "meanwhile", "after the wait"]


def test_a_transaction_that_has_written_keeps_its_connection(engine):
    with orm.Session(engine) as session:
        session.execute(NOTES.insert().values(text="mine"))
        with released_while_waiting(session) as may_wait:
            # SQLite's only write lock must not be held across a wait; PostgreSQL's row may.
            assert may_wait is (engine.dialect.name != "sqlite")
            assert engine.pool.checkedout() == 1
        session.rollback()
    assert _texts(engine) == ["first"]


def test_without_a_transaction_waiting_is_safe(engine):
    with orm.Session(engine) as session, released_while_waiting(session) as may_wait:
        assert may_wait is True
