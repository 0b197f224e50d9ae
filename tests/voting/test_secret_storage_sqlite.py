"""After a secret poll closes, the SQLite file keeps no order of arrival.

The database file itself is read, page by page (tests/voting/sqlite_pages.py):
where each ballot's cell lies in its page, where its entry lies in the
index, the receipts' rowids and cells. Thirty members vote one at a time in
a known random order, each a different ranking (so every stored ballot
shows whose it was); after the close and the server's checkpoint none of
those physical orders follows the order of arrival, and no byte of the
rows as they were before the close is left anywhere in the file, its
freed space or its write-ahead log.
"""

import random
import re
import time

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.voting import secrecy
from tests.helpers.servers import committing_app
from tests.voting.secret_storage import (
    POLLS,
    UNRELATED,
    close,
    hall,  # noqa: F401  (a fixture)
    unrelated,
    vote_secretly,
)
from tests.voting.sqlite_pages import Database


@pytest.fixture(scope="module")
def _app(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("secret-sqlite")
    app = committing_app(f"sqlite:///{tmp_path / 'govhub.sqlite3'}", tmp_path)
    app.test_database = tmp_path / "govhub.sqlite3"
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(_app):
    with _app.app_context():
        yield _app
        db.session.remove()


def _root_pages() -> dict[str, int]:
    return dict(db.session.execute(sa.text(
        "SELECT name, rootpage FROM sqlite_schema WHERE tbl_name IN "
        "('secret_ballots', 'ballot_receipts') AND rootpage > 0")).all())


def _physical(cells) -> list:
    """Cells in the order they lie in the file."""
    return sorted(cells, key=lambda cell: (cell.page, cell.offset))


def test_the_file_keeps_no_order_of_arrival_after_the_close(app, hall):  # noqa: F811
    rng = random.Random(12)
    votes = []
    for _ in range(POLLS):
        votes.append(vote_secretly(hall, rng))
        close(votes[-1])
    assert secrecy.scrub()  # what the server runs once the close has committed
    roots = _root_pages()
    # A rowid per receipt, for the receipts' indexes (which store the rowid).
    receipt_voters = dict(db.session.execute(sa.text(
        "SELECT id, voter_id FROM ballot_receipts")).all())
    receipt_keys = list(db.session.scalars(sa.text("SELECT key FROM ballot_receipts")))
    ballot_voters = {}
    for vote in votes:
        for key, content in db.session.execute(sa.text(
                "SELECT key, content FROM secret_ballots WHERE poll_id = :poll"),
                {"poll": vote.poll.id}):
            ballot_voters[key] = vote.voter_of(_json(content))
    db.session.remove()
    wal = app.test_database.with_name(app.test_database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the write-ahead log is truncated"
    file = Database(app.test_database)

    ballots = file.cells(roots["secret_ballots"])  # (key, poll_id, content, weight)
    by_poll_index = file.cells(roots["ix_secret_ballots_poll_id"])  # (poll_id, key)
    receipts = file.cells(roots["ballot_receipts"])  # (id, poll_id, voter_id, cast_by_id, …)
    # Its index on the poll, and the one behind the unique (poll, voter).
    receipt_indexes = [file.cells(root) for name, root in roots.items()
                       if name != "ballot_receipts" and "ballot_receipts" in name]
    assert len(receipt_indexes) == 2

    def ballot_cells(vote):
        return [(c.page, vote.voter_of(_json(c.values[2]))) for c in _physical(ballots)
                if c.values[1] == vote.poll.id]

    def index_cells(vote):
        return [(c.page, ballot_voters[c.values[1]]) for c in _physical(by_poll_index)
                if c.values[0] == vote.poll.id]

    def receipt_cells(vote):
        return [(c.page, c.values[2]) for c in _physical(receipts) if c.values[1] == vote.poll.id]

    def receipt_ids(vote):
        return [(0, c.values[2]) for c in sorted(receipts, key=lambda c: c.rowid)
                if c.values[1] == vote.poll.id]

    assert all(sorted(v for _p, v in ballot_cells(vote)) == sorted(vote.arrival)
               for vote in votes)
    assert unrelated(votes, ballot_cells) < UNRELATED
    assert unrelated(votes, index_cells) < UNRELATED
    assert unrelated(votes, receipt_cells) < UNRELATED
    assert unrelated(votes, receipt_ids) < UNRELATED
    for cells in receipt_indexes:
        def entries(vote, cells=cells):
            return [(c.page, receipt_voters[c.values[-1]]) for c in _physical(cells)
                    if c.values[0] == vote.poll.id]
        assert unrelated(votes, entries) < UNRELATED

    # Nothing of the rows as they were while the poll was open remains: not
    # the ballots' old keys, not the clients' keys the receipts kept.
    everything = file.data
    for vote in votes:
        for old in vote.ballot_keys + vote.client_keys:
            assert old.encode() not in everything, old
    # And the space freed in these pages is zeros, but for the bookkeeping
    # SQLite leaves there (see Space.leftovers) and, rarely, a stale copy of a
    # cell as it is now, left in a page's gap when SQLite moved its cells: a copy
    # of a row as it stands tells nothing the row itself does not. A row as it
    # was before the close would carry a key that no row has any more.
    live = {key.encode() for key in list(ballot_voters) + receipt_keys}
    for root in roots.values():
        for space in file.unused_space(root):
            for run in space.leftovers(file.page_size):
                keys = set(re.findall(rb"[0-9a-f]{32}", run))
                assert keys and keys <= live, (space.page, space.offset, run[:80])

def test_the_tally_is_counted_from_the_rewritten_rows(app, hall):  # noqa: F811
    from govhub.voting.queries import result_of

    vote = vote_secretly(hall, random.Random(3))
    close(vote)
    stored = db.session.scalars(sa.text(
        "SELECT content FROM secret_ballots WHERE poll_id = :poll"),
        {"poll": vote.poll.id}).all()
    assert sorted(map(_json, stored)) == sorted(vote.rankings.values())
    assert result_of(vote.poll) == vote.poll.result
    keys = db.session.scalars(sa.text("SELECT key FROM ballot_receipts WHERE poll_id = :poll"),
                              {"poll": vote.poll.id}).all()
    assert keys == [""] * len(vote.arrival)


def _json(value):
    import json

    return json.loads(value) if isinstance(value, str) else value


def test_the_server_wipes_by_itself_once_the_close_commits(app, hall):  # noqa: F811
    vote = vote_secretly(hall, random.Random(5))
    wal = app.test_database.with_name(app.test_database.name + "-wal")
    assert wal.stat().st_size > 0
    settings = app.config["GOVHUB"]
    # As a server runs (tally_interval_ms > 0): the close starts the scrub in
    # the background after it commits; the in-process suite otherwise does not.
    settings["tally_interval_ms"] = 150
    try:
        close(vote)
    finally:
        settings["tally_interval_ms"] = 0
    db.session.remove()
    deadline = time.monotonic() + 60
    while wal.stat().st_size and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the background task, with a deadline
    assert wal.stat().st_size == 0
    assert not [key for key in vote.ballot_keys if key.encode() in app.test_database.read_bytes()]
