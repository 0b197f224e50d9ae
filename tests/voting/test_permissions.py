"""Who may cast a ballot for whom: the pure rule over every case, then as read from a poll."""

import itertools

import pytest

from govhub.auth.models import AnonymousUser, User
from govhub.extensions import db
from govhub.voting import services
from govhub.voting.permissions import can_cast, can_enter_paper_ballots, may_cast

ACTOR, MEMBER, PROXY, STAFF = 1, 2, 3, 4


def _expected(actor_id, member_id, holder_id, paper, keeps_attendance) -> bool:
    """The rule in words: nobody casts for a member who is not entitled; on paper, staff who
    keep the attendance enter any entitled member's ballot; else only the ballot's holder."""
    if None in (actor_id, member_id, holder_id):
        return False
    return keeps_attendance if paper else holder_id == actor_id


@pytest.mark.parametrize(("actor_id", "member_id", "holder_id", "paper", "keeps_attendance"),
                         list(itertools.product((None, ACTOR, STAFF), (None, ACTOR, MEMBER),
                                                (None, ACTOR, MEMBER, PROXY),
                                                (False, True), (False, True))))
def test_the_rule_in_every_case(actor_id, member_id, holder_id, paper, keeps_attendance):
    assert may_cast(actor_id, member_id, holder_id, paper=paper,
                    keeps_attendance=keeps_attendance) is _expected(
        actor_id, member_id, holder_id, paper, keeps_attendance)


def test_a_member_casts_their_own_ballot():
    assert may_cast(MEMBER, MEMBER, MEMBER)


def test_a_member_whose_proxy_is_held_casts_no_ballot_of_their_own():
    assert not may_cast(MEMBER, MEMBER, PROXY)


def test_the_proxy_holder_casts_the_represented_members_ballot():
    assert may_cast(PROXY, MEMBER, PROXY)


def test_someone_else_casts_nobodys_ballot():
    assert not may_cast(ACTOR, MEMBER, MEMBER)
    assert not may_cast(ACTOR, MEMBER, PROXY)


def test_a_member_not_entitled_has_no_ballot_anyone_may_cast():
    assert not may_cast(MEMBER, MEMBER, None)
    assert not may_cast(STAFF, MEMBER, None, paper=True, keeps_attendance=True)


def test_paper_ballots_are_for_staff_who_keep_the_attendance_only():
    assert may_cast(STAFF, MEMBER, MEMBER, paper=True, keeps_attendance=True)
    assert may_cast(STAFF, MEMBER, PROXY, paper=True, keeps_attendance=True)
    assert not may_cast(MEMBER, MEMBER, MEMBER, paper=True, keeps_attendance=False)


# --- read from a poll ----------------------------------------------------------------------------

@pytest.fixture
def proxy_poll(proxy_room):
    chair = proxy_room.council.test_members[0]
    poll = services.create_poll(chair, proxy_room, proxy_room.current_item, "Q",
                                "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    return poll


def test_can_cast_reads_who_holds_each_ballot(proxy_room, proxy_poll, make_user):
    chair, holder, absent = proxy_room.council.test_members
    stranger = make_user()
    assert can_cast(chair, proxy_poll, chair) and can_cast(holder, proxy_poll, holder)
    assert can_cast(holder, proxy_poll, absent)
    assert not can_cast(absent, proxy_poll, absent)  # the holder casts it
    assert not can_cast(chair, proxy_poll, absent) and not can_cast(holder, proxy_poll, chair)
    assert not can_cast(stranger, proxy_poll, stranger)  # not entitled
    assert not can_cast(AnonymousUser(), proxy_poll, chair)
    assert not can_cast(holder, proxy_poll, None)


def test_paper_ballots_are_entered_by_the_chair_and_staff_for_entitled_members(
        proxy_room, proxy_poll, make_user):
    chair, holder, absent = proxy_room.council.test_members
    worker = db.session.get(User, proxy_room.created_by_id)
    for staff in (chair, worker):
        assert can_enter_paper_ballots(staff, proxy_poll)
        assert all(can_cast(staff, proxy_poll, member, paper=True)
                   for member in (chair, holder, absent))
        assert not can_cast(staff, proxy_poll, make_user(), paper=True)
    assert not can_enter_paper_ballots(holder, proxy_poll)
    assert not can_cast(holder, proxy_poll, absent, paper=True)
    assert not can_cast(holder, proxy_poll, holder, paper=True)
