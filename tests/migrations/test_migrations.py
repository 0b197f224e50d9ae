"""The migrations build exactly the schema the models describe, and take it down again.

Each test gets an empty database of its own: a fresh SQLite file, or a
throwaway PostgreSQL database that is dropped afterwards.
"""


import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from govhub import create_app
from govhub.core.database import BUSY_TIMEOUT_MS
from govhub.extensions import db
from govhub.partners.search import made_by_hand
from tests.conftest import TEST_SETTINGS, postgres_database


def _sqlite_database(tmp_path):
    yield f"sqlite:///{tmp_path / 'govhub.sqlite3'}"


def _postgres_database(tmp_path):
    with postgres_database("migrations") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """The URL of an empty database, on each backend GovHub supports."""
    make = {"sqlite": _sqlite_database, "postgresql": _postgres_database}[request.param]
    yield from make(tmp_path)


@pytest.fixture
def empty_app(_app, database_url, tmp_path):
    """An app over the empty database, inside its app context; engines closed afterwards."""
    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                     "database_url": database_url})
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


def _pending_schema_changes() -> list:
    """What `flask db migrate` would autogenerate now: nothing, when the migrations are right.

    The options mirror migrations/env.py (render_as_batch and include_object from
    create_app's Migrate, type comparison on, as Alembic does by default).
    """
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True,
                              "include_object": made_by_hand})
        return compare_metadata(context, db.metadata)


def _table_names() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def test_upgrade_to_head_builds_every_model_table(empty_app):
    flask_migrate.upgrade()
    assert _table_names() >= {table.name for table in db.metadata.sorted_tables}


def test_upgrade_to_head_leaves_nothing_for_autogenerate(empty_app):
    flask_migrate.upgrade()
    assert _pending_schema_changes() == []


def test_downgrade_to_base_removes_every_table(empty_app):
    flask_migrate.upgrade()
    flask_migrate.downgrade(revision="base")
    assert _table_names() <= {"alembic_version"}


def test_upgrade_after_downgrade_rebuilds_the_same_schema(empty_app):
    flask_migrate.upgrade()
    flask_migrate.downgrade(revision="base")
    flask_migrate.upgrade()
    assert _pending_schema_changes() == []


# --- SQLite connection settings -----------------------------------------------

@pytest.fixture
def sqlite_connection(_app, tmp_path):
    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                     "database_url": f"sqlite:///{tmp_path / 'govhub.sqlite3'}"})
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                yield connection
        finally:
            for engine in db.engines.values():
                engine.dispose()


def _pragma(connection, name: str):
    return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_writes_ahead_so_readers_do_not_block_the_writer(sqlite_connection):
    assert _pragma(sqlite_connection, "journal_mode") == "wal"


def test_sqlite_enforces_foreign_keys(sqlite_connection):
    assert _pragma(sqlite_connection, "foreign_keys") == 1


def test_sqlite_waits_for_a_lock_instead_of_failing_at_once(sqlite_connection):
    assert _pragma(sqlite_connection, "busy_timeout") == BUSY_TIMEOUT_MS >= 1_000
