"""Secret ballots cannot be linked to their voters by anything stored.

The schema is read from the migrated test database itself (not from the
models), so a migration that slipped a voter column, a timestamp or a
sequential id into `secret_ballots` fails here. Then the rows of a real
secret vote are searched for anything that names, dates or orders a voter.
"""

import re

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from govhub.voting.models import Receipt, SecretBallot

CONTENT_COLUMNS = {"content", "choice", "choices", "ranking"}
TIME_TYPES = (sa.DateTime, sa.Date, sa.Time, sa.Interval)
TIME_NAME = re.compile(r"(_at|_on|time|date|stamp|created|updated)$")


@pytest.fixture
def inspector(app):
    return sa.inspect(db.session.connection())


@pytest.fixture
def hall(make_meeting, make_council):
    """A meeting in session with eight members checked in (the chair first)."""
    meeting = make_meeting("in_session", council=make_council(8))
    for member in meeting.council.test_members:
        attendance.check_in(member, meeting)
    db.session.commit()
    return meeting


def _secret_poll(meeting, kind="yes_no_abstain", **options):
    chair = meeting.council.test_members[0]
    poll = services.create_poll(chair, meeting, meeting.current_item, "是否同意更换物业公司？",
                                kind, secret=True, **options)
    services.open_poll(chair, poll)
    db.session.commit()
    return poll


def _is_time(column) -> bool:
    return isinstance(column["type"], TIME_TYPES) or bool(TIME_NAME.search(column["name"]))


# --- the schema, as migrated --------------------------------------------------------------

def test_secret_ballots_have_no_column_that_points_at_a_person(inspector):
    foreign_keys = inspector.get_foreign_keys("secret_ballots")
    assert {fk["referred_table"] for fk in foreign_keys} == {"polls"}
    names = {column["name"] for column in inspector.get_columns("secret_ballots")}
    assert not {name for name in names if re.search(r"user|voter|member|cast_by|via", name)}
    assert names == {"key", "poll_id", "content", "weight"}


def test_secret_ballots_have_no_timestamp(inspector):
    assert not [c["name"] for c in inspector.get_columns("secret_ballots") if _is_time(c)]


def test_the_primary_key_of_secret_ballots_is_not_a_number(inspector):
    primary = inspector.get_pk_constraint("secret_ballots")["constrained_columns"]
    assert primary == ["key"]
    [key] = [c for c in inspector.get_columns("secret_ballots") if c["name"] == "key"]
    assert not isinstance(key["type"], sa.Integer)
    assert key.get("autoincrement") is not True


def test_on_sqlite_secret_ballots_have_no_rowid(app):
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        pytest.skip("rowid is SQLite's; PostgreSQL has no hidden row number to hide")
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'secret_ballots'"
    ).scalar_one()
    assert "WITHOUT ROWID" in sql.upper()
    with pytest.raises(sa.exc.OperationalError), connection.begin_nested():
        connection.exec_driver_sql("SELECT rowid FROM secret_ballots")


def test_receipts_say_that_a_member_voted_never_what_or_when(inspector):
    columns = inspector.get_columns("ballot_receipts")
    names = {column["name"] for column in columns}
    assert not names & CONTENT_COLUMNS
    assert not [column["name"] for column in columns if _is_time(column)]
    assert {"poll_id", "voter_id"} <= names


# --- the rows of a real secret vote ---------------------------------------------------------

def test_no_stored_value_of_a_secret_ballot_names_a_voter(hall):
    poll = _secret_poll(hall)
    members = hall.council.test_members
    for member, choice in zip(members, ["yes", "no", "abstain", "yes", "yes", "no"],
                              strict=False):
        ballots.cast_ballot(member, poll, {"choice": choice}, key=f"phone-{member.id}")
    db.session.commit()
    rows = db.session.execute(sa.select(SecretBallot.__table__)).mappings().all()
    assert len(rows) == 6
    voter_ids = {member.id for member in members}
    # The poll and the weight are the same on every row: they tell no one apart.
    assert {row["poll_id"] for row in rows} == {poll.id}
    assert len({row["weight"] for row in rows}) == 1
    for row in rows:
        others = {name: value for name, value in row.items() if name not in ("poll_id", "weight")}
        assert set(others) == {"key", "content"}
        assert row["key"] not in {str(v) for v in voter_ids}
        assert not {str(v) for v in voter_ids} & set(map(str, row["content"]))
        assert not any(f"phone-{v}" in str(others) for v in voter_ids)  # nor the client's key
    receipts = db.session.execute(sa.select(Receipt.__table__)).mappings().all()
    assert {r["voter_id"] for r in receipts} == {m.id for m in members[:6]}
    assert not any(set(map(str, r.values())) & {"yes", "no", "abstain"} for r in receipts)


def test_secret_votes_leave_no_trace_in_the_audit_trail(hall):
    poll = _secret_poll(hall)
    ballots.cast_ballot(hall.council.test_members[1], poll, {"choice": "no"})
    db.session.commit()
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert not {action for action in actions if "ballot" in action or "vote" in action}
    assert not any('"no"' in str(data) for data in db.session.scalars(sa.select(AuditEvent.data)))


def test_secret_ballots_cast_in_order_cannot_be_ordered_by_key(hall):
    poll = _secret_poll(hall, kind="ranked", options=["甲", "乙", "丙", "丁"])
    a, b, c, d = (option.id for option in poll.options)
    # Eight different rankings, so that each stored ballot shows which one it was.
    rankings = [[a, b, c, d], [a, b, d, c], [a, c, b, d], [a, c, d, b],
                [b, a, c, d], [b, a, d, c], [b, c, a, d], [b, c, d, a]]
    for member, ranking in zip(hall.council.test_members, rankings, strict=True):
        ballots.cast_ballot(member, poll, {"ranking": ranking})
        db.session.commit()  # one after the other, as phones would
    by_key = db.session.scalars(sa.select(SecretBallot.content).order_by(SecretBallot.key)).all()
    assert sorted(by_key) == sorted(rankings)
    # In cast order only by a chance of 1 in 40,320: the keys carry no order.
    assert by_key != rankings
    keys = db.session.scalars(sa.select(SecretBallot.key)).all()
    assert all(re.fullmatch(r"[0-9a-f]{12}4[0-9a-f]{19}", key) for key in keys)  # UUID4: random
