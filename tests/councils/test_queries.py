"""A member's seat is read once per transaction, and never answered from before a change."""

import pytest
import sqlalchemy as sa

from govhub.councils import services
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.councils.queries import active_membership
from govhub.extensions import db


@pytest.fixture
def worker(make_user):
    return make_user("worker")


@pytest.fixture
def reads_of_seats(app):
    """reads_of_seats() -> how many statements have read council_memberships so far."""
    executed = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "council_memberships" in statement:
            executed.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    yield lambda: len(executed)
    sa.event.remove(db.engine, "before_cursor_execute", record)


def _seat(council, member) -> CouncilMembership:
    return db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == council.id, CouncilMembership.user_id == member.id))


def test_one_transaction_reads_a_seat_once(make_council, make_user, reads_of_seats):
    council = make_council(members=2)
    member, stranger = council.test_members[1], make_user()
    for _ in range(5):
        assert active_membership(council.id, member.id).user_id == member.id
        assert active_membership(council.id, stranger.id) is None
    assert reads_of_seats() == 2


def test_the_next_transaction_reads_it_again(make_council, reads_of_seats):
    council = make_council(members=1)
    member = council.test_members[0]
    active_membership(council.id, member.id)
    db.session.commit()
    active_membership(council.id, member.id)
    db.session.rollback()
    active_membership(council.id, member.id)
    assert reads_of_seats() == 3


def test_an_unseated_member_has_no_seat_before_the_change_is_flushed(worker, make_council):
    council = make_council(members=2)
    member = council.test_members[1]
    assert active_membership(council.id, member.id) is not None
    services.unseat_member(worker, _seat(council, member))
    assert active_membership(council.id, member.id) is None


def test_a_member_seated_in_the_transaction_is_seen(worker, make_council, make_user):
    council = make_council(members=1)
    newcomer = make_user()
    assert active_membership(council.id, newcomer.id) is None
    services.seat_member(worker, council, newcomer, "secretary", "1")
    assert active_membership(council.id, newcomer.id).role == MemberRole.SECRETARY


def test_a_change_written_past_the_session_is_seen(make_council):
    council = make_council(members=2)
    member = council.test_members[1]
    assert active_membership(council.id, member.id) is not None
    db.session.execute(sa.update(CouncilMembership)
                       .where(CouncilMembership.user_id == member.id)
                       .values(active=False).execution_options(synchronize_session=False))
    assert active_membership(council.id, member.id) is None
