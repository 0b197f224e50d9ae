"""A request that waits mid-transaction (a password hash in a thread, under gevent)
must neither hold a connection nor lose the ability to write afterwards."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
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
