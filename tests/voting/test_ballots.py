"""Casting ballots through the service (voting/ballots.py): refusals, retries, changes,
proxies and paper ballots. The bulk path is in test_cast_many.py, who may cast for whom in
test_permissions.py."""

import pytest
import sqlalchemy as sa

from govhub.auth.models import User
from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.voting import ballots, services
from govhub.voting.models import Ballot, PollStatus, Receipt, SecretBallot
from tests.voting.polls import draft_poll, open_by_chair


def test_one_ballot_per_member_and_a_retry_counts_once(room):
    poll = draft_poll(room, allow_change=False)
    open_by_chair(room, poll)
    member = room.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "yes"}, key="k1")
    ballots.cast_ballot(member, poll, {"choice": "yes"}, key="k1")
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(member, poll, {"choice": "no"}, key="k2")
    assert refused.value.code == "already_voted"
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 1


def test_a_vote_after_close_is_refused(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    services.close_poll(room.council.test_members[0], poll)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    assert refused.value.code == "poll_closed"


def test_a_proxy_holder_casts_for_the_member_they_represent(proxy_room):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    results = ballots.cast_all(holder, poll, {"choice": "yes"})
    db.session.commit()
    assert sorted(r["member_id"] for r in results) == sorted([holder.id, absent.id])
    assert poll.status == PollStatus.OPEN
    with pytest.raises(DomainError):
        ballots.cast_ballot(absent, poll, {"choice": "no"})


def test_a_ballot_for_a_poll_not_yet_open_says_so(room):
    poll = draft_poll(room)
    for voter in room.council.test_members:
        with pytest.raises(DomainError) as refused:
            ballots.cast_ballot(voter, poll, {"choice": "yes"})
        assert (refused.value.code, refused.value.status) == ("poll_not_open", 409)


def test_a_key_too_long_to_be_one_is_refused_and_counts_nothing(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    member = room.council.test_members[1]
    for key in ("k" * (ballots.KEY_MAX + 1), 12, ["k"]):
        with pytest.raises(DomainError) as refused:
            ballots.cast_ballot(member, poll, {"choice": "yes"}, key=key)
        assert (refused.value.code, refused.value.field) == ("invalid_key", "key")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 0


def test_the_answer_tells_a_new_ballot_from_a_change_and_a_retry(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    member = room.council.test_members[1]
    answers = [ballots.cast_ballot(member, poll, {"choice": choice}, key=key)
               for choice, key in (("yes", "a"), ("yes", "a"), ("no", "b"))]
    assert [(a["new"], a["changed"]) for a in answers] == [(True, False), (False, False),
                                                           (False, True)]


def test_a_ballot_that_does_not_fit_is_unprocessable(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "maybe"})
    assert (refused.value.code, refused.value.status, refused.value.field) == (
        "bad_choice", 422, "choice")


def test_a_member_changes_their_vote_where_the_poll_allows(hall):
    meeting = hall(3)
    poll = draft_poll(meeting)
    open_by_chair(meeting, poll)
    member = meeting.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "yes"}, key="first")
    assert ballots.cast_ballot(member, poll, {"choice": "no"}, key="second")["changed"]
    db.session.commit()
    assert db.session.scalars(sa.select(Ballot.content)).all() == [["no"]]


def test_a_secret_ballot_can_never_be_changed(hall):
    meeting = hall(3)
    poll = draft_poll(meeting, secret=True, allow_change=True)
    assert poll.allow_change is False
    open_by_chair(meeting, poll)
    member = meeting.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "yes"}, key="first")
    assert ballots.cast_ballot(member, poll, {"choice": "yes"}, key="first")["new"] is False
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(member, poll, {"choice": "no"}, key="second")
    assert refused.value.code == "already_voted"
    db.session.commit()
    assert db.session.scalars(sa.select(SecretBallot.content)).all() == [["yes"]]


def test_a_proxy_holder_casts_one_represented_ballot_by_member_id(proxy_room):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    represented = ballots.represented_member(holder, poll, absent.id)
    ballots.cast_ballot(holder, poll, {"choice": "no"}, member=represented)
    ballots.cast_ballot(holder, poll, {"choice": "yes"})
    db.session.commit()
    stored = {b.voter_id: (b.content, b.cast_by_id, b.via)
              for b in db.session.scalars(sa.select(Ballot))}
    assert stored == {absent.id: (["no"], holder.id, "proxy"),
                      holder.id: (["yes"], holder.id, "self")}
    for stranger in (chair.id, 987654, 10**12, "x"):
        with pytest.raises(DomainError) as refused:
            ballots.represented_member(holder, poll, stranger)
        assert refused.value.code == "not_entitled"


def test_cast_all_retried_with_its_key_counts_once(proxy_room):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain",
                                allow_change=False)
    services.open_poll(chair, poll)
    first = ballots.cast_all(holder, poll, {"choice": "yes"}, key="all-1")
    again = ballots.cast_all(holder, poll, {"choice": "yes"}, key="all-1")
    db.session.commit()
    assert [r["new"] for r in first] == [True, True] and [r["new"] for r in again] == [False] * 2
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 2
    with pytest.raises(DomainError) as refused:
        ballots.cast_all(chair, poll, {"choice": "yes"}, key="k" * 65)
    assert refused.value.code == "invalid_key"


def test_a_non_member_cannot_vote(room, make_user):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(make_user(), poll, {"choice": "yes"})
    assert refused.value.code == "not_entitled"


def test_a_paper_ballot_is_audited_with_who_entered_it(room, make_user):
    from govhub.audit.models import AuditEvent

    poll = draft_poll(room)
    open_by_chair(room, poll)
    worker = db.session.get(User, room.created_by_id)
    member = room.council.test_members[2]
    ballots.record_paper_ballot(worker, poll, member, {"choice": "abstain"})
    db.session.commit()
    ballot = db.session.scalar(sa.select(Ballot))
    assert (ballot.voter_id, ballot.cast_by_id, ballot.via) == (member.id, worker.id, "paper")
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "poll.paper_ballot"))
    assert event.actor_id == worker.id and event.data == {"poll_id": poll.id,
                                                          "user_id": member.id}
    with pytest.raises(DomainError) as refused:
        ballots.record_paper_ballot(room.council.test_members[1], poll, member,
                                     {"choice": "yes"})
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as refused:
        ballots.record_paper_ballot(worker, poll, make_user(), {"choice": "yes"})
    assert refused.value.code == "not_entitled"


def test_secret_polls_refuse_paper_ballots(room):
    poll = draft_poll(room, secret=True)
    open_by_chair(room, poll)
    worker = db.session.get(User, room.created_by_id)
    with pytest.raises(DomainError) as refused:
        ballots.record_paper_ballot(worker, poll, room.council.test_members[1],
                                     {"choice": "yes"})
    assert refused.value.code == "secret_poll"
    assert db.session.scalar(sa.select(sa.func.count(Receipt.id))) == 0
