"""The migrations build exactly the schema the models describe, and take it down again.

Each test gets an empty database of its own: a fresh SQLite file, or a
throwaway PostgreSQL database that is dropped afterwards.
"""


from decimal import Decimal

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from govhub import create_app
from govhub.core.database import BUSY_TIMEOUT_MS
from govhub.core.keyword_search import made_by_hand
from govhub.extensions import db
from tests.conftest import TEST_SETTINGS
from tests.helpers.servers import postgres_database


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


# --- data the migrations carry over ---------------------------------------------

FROZEN_MEMBERS = "4f6d2b8e1c37"  # polls.members_weight, frozen when a poll opens


def _council_with_polls() -> dict[str, int]:
    """A council (weights 1, 1 and 0.5; an observer; someone unseated) with one poll in each
    state, stored through the models at head; the polls' ids by status."""
    from datetime import timedelta

    from govhub.auth.services import create_user
    from govhub.communities.services import create_community
    from govhub.core.models import utcnow
    from govhub.councils.models import Council, CouncilMembership, MemberRole
    from govhub.meetings.services import create_meeting
    from govhub.voting.models import Poll, PollStatus

    community = create_community(None, "migrated", "迁移社区")
    worker = create_user(None, "worker", "Worker", "a long enough password", role="worker",
                         community=community)
    council = Council(community_id=community.id, name="居民议事会", kind="residents_meeting",
                      rule_set="organic_law")
    db.session.add(council)
    db.session.flush()
    seats = [("1", MemberRole.CHAIR, True), ("1", MemberRole.MEMBER, True),
             ("0.5", MemberRole.MEMBER, True), ("1", MemberRole.OBSERVER, True),
             ("1", MemberRole.MEMBER, False)]
    for n, (weight, role, active) in enumerate(seats):
        person = create_user(None, f"resident{n}", f"Resident {n}", "a long enough password",
                             community=community)
        db.session.add(CouncilMembership(council_id=council.id, user_id=person.id, role=role,
                                         vote_weight=weight, active=active))
    meeting = create_meeting(worker, council, "议事会", utcnow() + timedelta(hours=1),
                             items=[("议题", "")])
    db.session.flush()
    polls = {status: Poll(meeting_id=meeting.id, agenda_item_id=meeting.items[0].id,
                          title=status.value, kind="yes_no_abstain", status=status)
             for status in PollStatus}
    db.session.add_all(polls.values())
    db.session.flush()
    ids = {status.value: poll.id for status, poll in polls.items()}
    db.session.commit()
    db.session.remove()  # no transaction left open to hold a lock on the tables
    return ids


def test_an_open_poll_gets_its_councils_members_weight_at_the_upgrade(empty_app):
    flask_migrate.upgrade()
    ids = _council_with_polls()
    flask_migrate.downgrade(revision=f"{FROZEN_MEMBERS}-1")
    flask_migrate.upgrade()
    with db.engine.connect() as connection:
        frozen = dict(connection.execute(sa.text("SELECT id, members_weight FROM polls")).all())
    # 1 + 1 + 0.5: the active voting members; observers and the unseated do not count.
    assert frozen[ids["open"]] == Decimal("2.5")
    assert frozen[ids["draft"]] is None and frozen[ids["closed"]] is None


PROPOSAL_SEARCH = "3eaff94b61c4"  # proposal_search, its documents written for existing proposals


def test_existing_proposals_are_indexed_at_the_upgrade(empty_app):
    from govhub.auth.models import User
    from govhub.councils.models import Council
    from govhub.proposals.models import Proposal
    from govhub.proposals.search import matching_ids

    flask_migrate.upgrade()
    _council_with_polls()
    council = db.session.scalar(sa.select(Council))
    author = db.session.scalar(sa.select(User).where(User.username == "resident0"))
    db.session.add(Proposal(community_id=council.community_id, council_id=council.id,
                            author_id=author.id, title="东门加装遮雨棚", body="下雨天没处躲雨",
                            state="published"))
    db.session.commit()
    db.session.remove()
    flask_migrate.downgrade(revision=f"{PROPOSAL_SEARCH}-1")
    flask_migrate.upgrade()
    assert db.session.scalars(matching_ids("雨棚")).all() != []
    assert db.session.scalars(matching_ids("躲雨")).all() != []
    assert db.session.scalars(matching_ids("路灯")).all() == []
