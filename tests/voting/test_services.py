"""Polls through their services: prepare, open (entitlements frozen), vote, close, resolve."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import services
from govhub.voting.models import Ballot, PollStatus, Receipt, Resolution, SecretBallot


@pytest.fixture
def room(make_meeting):
    """A meeting in session with its three members checked in; the first is the chair."""
    meeting = make_meeting("in_session")
    for member in meeting.council.test_members:
        attendance.check_in(member, meeting)
    db.session.commit()
    return meeting


def _poll(room, **options):
    chair = room.council.test_members[0]
    poll = services.create_poll(chair, room, room.current_item, "同意加装电梯方案？",
                                options.pop("kind", "yes_no_abstain"), **options)
    db.session.commit()
    return poll


def _open(room, poll, **kwargs):
    services.open_poll(room.council.test_members[0], poll, **kwargs)
    db.session.commit()


def test_a_yes_no_poll_passes_and_becomes_a_resolution(room, broadcasts):
    poll = _poll(room)
    _open(room, poll)
    chair, first, second = room.council.test_members
    for member, choice in ((chair, "yes"), (first, "yes"), (second, "no")):
        services.cast_ballot(member, poll, {"choice": choice})
    db.session.commit()
    services.close_poll(chair, poll)
    db.session.commit()
    assert poll.status == PollStatus.CLOSED and poll.passed is True
    assert poll.result["tally"]["yes"] == {"weight": "2", "count": 2}
    resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
    assert resolution.tally == poll.result
    events = [event for _room, event, _payload in broadcasts]
    assert "poll:opened" in events and "poll:closed" in events and "poll:tally" in events


def test_one_ballot_per_member_and_a_retry_counts_once(room):
    poll = _poll(room, allow_change=False)
    _open(room, poll)
    member = room.council.test_members[1]
    services.cast_ballot(member, poll, {"choice": "yes"}, key="k1")
    services.cast_ballot(member, poll, {"choice": "yes"}, key="k1")
    with pytest.raises(DomainError) as refused:
        services.cast_ballot(member, poll, {"choice": "no"}, key="k2")
    assert refused.value.code == "already_voted"
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 1


def test_a_vote_after_close_is_refused(room):
    poll = _poll(room)
    _open(room, poll)
    services.close_poll(room.council.test_members[0], poll)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    assert refused.value.code == "poll_closed"


def test_secret_ballots_are_not_linked_to_voters(room):
    poll = _poll(room, secret=True)
    _open(room, poll)
    member = room.council.test_members[1]
    services.cast_ballot(member, poll, {"choice": "no"})
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 0
    receipt = db.session.scalar(sa.select(Receipt))
    assert receipt.voter_id == member.id
    assert {c.name for c in SecretBallot.__table__.columns} == {"key", "poll_id", "content",
                                                               "weight"}
    with pytest.raises(DomainError):
        services.cast_ballot(member, poll, {"choice": "yes"})


def test_a_proxy_holder_casts_for_the_member_they_represent(make_meeting):
    meeting = make_meeting("in_session")
    chair, holder, absent = meeting.council.test_members
    attendance.check_in(chair, meeting)
    attendance.check_in(holder, meeting)
    attendance.name_proxy(absent, meeting, holder)
    db.session.commit()
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    results = services.cast_all(holder, poll, {"choice": "yes"})
    db.session.commit()
    assert sorted(r["member_id"] for r in results) == sorted([holder.id, absent.id])
    assert poll.status == PollStatus.OPEN
    with pytest.raises(DomainError):
        services.cast_ballot(absent, poll, {"choice": "no"})


def test_weights_count_exactly(room):
    from govhub.councils.models import CouncilMembership

    chair, first, second = room.council.test_members
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == first.id)).vote_weight = Decimal("0.5")
    poll = _poll(room)
    _open(room, poll)
    services.cast_ballot(first, poll, {"choice": "yes"})
    db.session.commit()
    assert poll.meeting and Decimal(
        __import__("govhub.voting.queries", fromlist=["turnout"]).turnout(poll)["weight"]
    ) == Decimal("0.5")


def test_a_timer_closes_the_poll(room):
    from datetime import timedelta

    from govhub.core.models import utcnow

    poll = _poll(room)
    _open(room, poll, closes_in_seconds=60)
    poll.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    assert refused.value.code == "poll_closed"
    assert services.close_due_polls() == 1
    db.session.commit()
    assert poll.status == PollStatus.CLOSED


# --- refusals that come before anything else -------------------------------------------

def test_a_ballot_for_a_poll_not_yet_open_says_so(room):
    poll = _poll(room)
    for voter in room.council.test_members:
        with pytest.raises(DomainError) as refused:
            services.cast_ballot(voter, poll, {"choice": "yes"})
        assert (refused.value.code, refused.value.status) == ("poll_not_open", 409)


def test_a_key_too_long_to_be_one_is_refused_and_counts_nothing(room):
    poll = _poll(room)
    _open(room, poll)
    member = room.council.test_members[1]
    for key in ("k" * (services.KEY_MAX + 1), 12, ["k"]):
        with pytest.raises(DomainError) as refused:
            services.cast_ballot(member, poll, {"choice": "yes"}, key=key)
        assert (refused.value.code, refused.value.field) == ("invalid_key", "key")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 0


def test_the_answer_tells_a_new_ballot_from_a_change_and_a_retry(room):
    poll = _poll(room)
    _open(room, poll)
    member = room.council.test_members[1]
    answers = [services.cast_ballot(member, poll, {"choice": choice}, key=key)
               for choice, key in (("yes", "a"), ("yes", "a"), ("no", "b"))]
    assert [(a["new"], a["changed"]) for a in answers] == [(True, False), (False, False),
                                                           (False, True)]


def test_a_ballot_that_does_not_fit_is_unprocessable(room):
    poll = _poll(room)
    _open(room, poll)
    with pytest.raises(DomainError) as refused:
        services.cast_ballot(room.council.test_members[1], poll, {"choice": "maybe"})
    assert (refused.value.code, refused.value.status, refused.value.field) == (
        "bad_choice", 422, "choice")
