"""After a secret poll closes, PostgreSQL keeps no order of arrival either.

PostgreSQL shows where and by which transaction each row was written in its
system columns: `ctid` (the row's block and line in the heap) and `xmin`
(the writing transaction, which a ballot and its receipt cast together
share). Thirty members vote one at a time in a known random order, each a
different ranking; after the close no ballot shares its `xmin` with a
receipt and no `ctid` order follows arrival, and after the server's VACUUM
FULL the tables' pages (read raw, with pageinspect) hold no dead row and no
byte of the rows as they were while the poll was open.
"""

import random
import time

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.voting import secrecy
from tests.helpers.servers import committing_app, postgres_database
from tests.voting.secret_storage import (
    POLLS,
    UNRELATED,
    close,
    hall,  # noqa: F401  (a fixture)
    unrelated,
    vote_secretly,
)

pytestmark = pytest.mark.postgres

TABLES = ("secret_ballots", "ballot_receipts")


@pytest.fixture(scope="module")
def _app(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("secret-postgres")
    with postgres_database("secret") as url:
        app = committing_app(url, tmp_path)
        try:
            yield app
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def app(_app):
    with _app.app_context():
        yield _app
        db.session.remove()


def _ctid(value: str) -> tuple[int, int]:
    block, line = value.strip("()").split(",")
    return int(block), int(line)


def _rows(sql: str, **params) -> list:
    return db.session.execute(sa.text(sql), params).all()


def _scrubbed(within: float = 30.0) -> bool:
    """The server's scrub, tried again as the server tries it: another transaction of the
    database (autovacuum's ANALYZE of the fresh tables, say) may still see the old rows."""
    deadline = time.monotonic() + within
    while not secrecy.scrub():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_system_columns_keep_no_order_of_arrival(app, hall):  # noqa: F811
    rng = random.Random(7)
    votes = []
    for _ in range(POLLS):
        votes.append(vote_secretly(hall, rng))
        close(votes[-1])

    ballot_xmins, receipt_xmins = set(), set()
    for vote in votes:
        ballots = _rows("SELECT xmin::text, ctid::text, content FROM secret_ballots "
                        "WHERE poll_id = :poll", poll=vote.poll.id)
        receipts = _rows("SELECT xmin::text, ctid::text, id, voter_id FROM ballot_receipts "
                         "WHERE poll_id = :poll", poll=vote.poll.id)
        assert len(ballots) == len(receipts) == len(vote.arrival)
        # One transaction (the close's rewrite) wrote every ballot of the poll.
        assert len({xmin for xmin, _ctid, _content in ballots}) == 1
        ballot_xmins |= {xmin for xmin, _ctid, _content in ballots}
        receipt_xmins |= {xmin for xmin, *_rest in receipts}
        vote.heap = sorted((_ctid(ctid), vote.voter_of(content)) for _x, ctid, content in ballots)
        vote.receipt_heap = sorted((_ctid(ctid), voter) for _x, ctid, _id, voter in receipts)
        vote.receipt_ids = sorted((id_, voter) for _x, _c, id_, voter in receipts)
    assert not ballot_xmins & receipt_xmins

    assert unrelated(votes, lambda v: [(block, voter) for (block, _line), voter in v.heap]) \
        < UNRELATED
    assert unrelated(votes, lambda v: [(block, voter)
                                       for (block, _line), voter in v.receipt_heap]) < UNRELATED
    assert unrelated(votes, lambda v: [(0, voter) for _id, voter in v.receipt_ids]) < UNRELATED

    db.session.remove()
    assert _scrubbed()  # what the server runs once the close has committed

    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pageinspect")
    except sa.exc.DBAPIError:
        pytest.skip("pageinspect is not available to read the pages themselves")
    old = {key.encode() for vote in votes for key in vote.ballot_keys + vote.client_keys}
    relations = [*TABLES, *db.session.scalars(sa.text(
        "SELECT indexname FROM pg_indexes WHERE tablename IN :tables")
        .bindparams(sa.bindparam("tables", expanding=True)), {"tables": list(TABLES)})]
    for relation in relations:
        blocks = db.session.scalar(sa.text(
            "SELECT pg_relation_size(CAST(:r AS regclass)) / current_setting('block_size')::int"),
            {"r": relation})
        for block in range(blocks):
            page = db.session.scalar(sa.text("SELECT get_raw_page(:r, :b)"),
                                     {"r": relation, "b": block})
            assert not [key for key in old if key in page], (relation, block)
            if relation in TABLES:
                # No dead tuple, no line pointer left dead or redirected.
                items = _rows("SELECT lp_flags, t_xmax::text FROM "
                              "heap_page_items(get_raw_page(:r, :b))", r=relation, b=block)
                assert all(flags == 1 and xmax == "0" for flags, xmax in items), (relation, block)


def test_the_scrub_waits_for_a_transaction_that_could_still_see_the_old_rows(app, hall):  # noqa: F811
    """VACUUM FULL copies a dead row some snapshot might need into the new file: with a
    report's transaction open since before the close, the scrub says it is not done."""
    vote = vote_secretly(hall, random.Random(11))
    with db.engine.connect() as report:
        report.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ")
        # its snapshot, taken on another table: no lock on the ones the scrub rewrites
        report.exec_driver_sql("SELECT count(*) FROM meetings").scalar()
        close(vote)
        db.session.remove()
        assert secrecy.scrub() is False
        report.exec_driver_sql("COMMIT")
    # Done once the report ends, retried as the server retries: autovacuum's ANALYZE of
    # the fresh tables is another transaction of this database that can hold it a moment.
    assert _scrubbed()
