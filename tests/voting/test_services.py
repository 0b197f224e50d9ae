"""Polls through their services: prepare, open (entitlements frozen), vote, close, resolve.

Casting itself (refusals, changes, proxies, paper) is tested in test_ballots.py."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, queries, services, timers
from govhub.voting.models import Ballot, PollStatus, Receipt, Resolution, SecretBallot
from tests.voting.polls import draft_poll, open_by_chair


def test_a_yes_no_poll_passes_and_becomes_a_resolution(room, broadcasts):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    chair, first, second = room.council.test_members
    for member, choice in ((chair, "yes"), (first, "yes"), (second, "no")):
        ballots.cast_ballot(member, poll, {"choice": choice})
    db.session.commit()
    services.close_poll(chair, poll)
    db.session.commit()
    assert poll.status == PollStatus.CLOSED and poll.passed is True
    assert poll.result["tally"]["yes"] == {"weight": "2", "count": 2}
    resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
    assert resolution.tally == poll.result
    events = [event for _room, event, _payload in broadcasts]
    assert "poll:opened" in events and "poll:closed" in events and "poll:tally" in events


@pytest.mark.parametrize("secret", [False, True])
def test_a_closed_polls_turnout_comes_from_its_frozen_result(room, secret):
    """Nothing is counted again: a hall rejoining after a vote would count it once a phone."""
    poll = draft_poll(room, secret=secret)
    open_by_chair(room, poll)
    for member, choice in zip(room.council.test_members, ("yes", "no"), strict=False):
        ballots.cast_ballot(member, poll, {"choice": choice})
    db.session.commit()
    services.close_poll(room.council.test_members[0], poll)
    db.session.commit()
    read = []

    def record(conn, cursor, statement, *rest):
        read.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        payload = queries.poll_payload(poll)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    counted_tables = ("ballots", "secret_ballots", "ballot_receipts", "poll_entitlements")
    assert not [s for s in read if any(f"FROM {t}" in s for t in counted_tables)]
    assert payload["turnout"] == queries.turnout(poll)
    assert payload["turnout"]["count"] == 2 and payload["turnout"]["entitled_count"] == 3


def test_secret_ballots_are_not_linked_to_voters(room):
    poll = draft_poll(room, secret=True)
    open_by_chair(room, poll)
    member = room.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "no"})
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 0
    receipt = db.session.scalar(sa.select(Receipt))
    assert receipt.voter_id == member.id
    assert {c.name for c in SecretBallot.__table__.columns} == {"key", "poll_id", "content",
                                                               "weight"}
    with pytest.raises(DomainError):
        ballots.cast_ballot(member, poll, {"choice": "yes"})


def test_weights_count_exactly(room):
    from govhub.councils.models import CouncilMembership

    chair, first, second = room.council.test_members
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == first.id)).vote_weight = Decimal("0.5")
    poll = draft_poll(room)
    open_by_chair(room, poll)
    ballots.cast_ballot(first, poll, {"choice": "yes"})
    db.session.commit()
    assert poll.meeting and Decimal(
        __import__("govhub.voting.queries", fromlist=["turnout"]).turnout(poll)["weight"]
    ) == Decimal("0.5")


def test_a_timer_closes_the_poll(room):
    from datetime import timedelta

    from govhub.core.models import utcnow

    poll = draft_poll(room)
    open_by_chair(room, poll, closes_in_seconds=60)
    poll.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    assert refused.value.code == "poll_closed"
    assert timers.close_due_polls() == 1
    db.session.commit()
    assert poll.status == PollStatus.CLOSED


# --- every kind ---------------------------------------------------------------------------

def _vote_all(poll, cast):
    """Cast each (member, payload) and commit once, as the ballot box does."""
    for member, payload in cast:
        ballots.cast_ballot(member, poll, payload)
    db.session.commit()


def _close(meeting, poll):
    services.close_poll(meeting.council.test_members[0], poll)
    db.session.commit()


def _resolution(poll):
    return db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))


@pytest.mark.parametrize("secret", [False, True])
def test_a_single_choice_poll_is_won_by_the_sole_leader(hall, secret):
    meeting = hall(3)
    poll = draft_poll(meeting, kind="single", options=["外挂式", "内嵌式"], secret=secret)
    open_by_chair(meeting, poll)
    outside, inside = (o.id for o in poll.options)
    chair, first, second = meeting.council.test_members
    _vote_all(poll, [(chair, {"choice": outside}), (first, {"choice": outside}),
                     (second, {"choice": inside})])
    _close(meeting, poll)
    assert poll.passed is True and poll.result["outcome"]["winner"] == outside
    assert poll.result["tally"][str(outside)] == {"weight": "2", "count": 2}
    assert _resolution(poll).tally == poll.result


@pytest.mark.parametrize("secret", [False, True])
def test_a_multiple_choice_poll_accepts_every_option_more_than_half_chose(hall, secret):
    meeting = hall(3)
    poll = draft_poll(meeting, kind="multiple", options=["东门", "西门", "北门", "南门"],
                 min_choices=1, max_choices=2, secret=secret)
    open_by_chair(meeting, poll)
    east, west, north, _south = (o.id for o in poll.options)
    chair, first, second = meeting.council.test_members
    _vote_all(poll, [(chair, {"choices": [east, west]}), (first, {"choices": [east]}),
                     (second, {"choices": [west, north]})])
    _close(meeting, poll)
    assert poll.passed is True and poll.result["accepted"] == [east, west]
    assert poll.result["tally"][str(north)] == {"weight": "1", "count": 1}


def test_a_multiple_choice_ballot_keeps_within_its_limits(hall):
    meeting = hall(3)
    poll = draft_poll(meeting, kind="multiple", options=["东门", "西门", "北门", "南门"],
                 min_choices=2, max_choices=3)
    open_by_chair(meeting, poll)
    ids = [o.id for o in poll.options]
    member = meeting.council.test_members[1]
    for choices, code in ((ids[:1], "too_few_choices"), (ids, "too_many_choices"),
                          ([ids[0], ids[0]], "duplicate_choice"), ([ids[0], 999], "bad_choice")):
        with pytest.raises(DomainError) as refused:
            ballots.cast_ballot(member, poll, {"choices": choices})
        assert refused.value.code == code
    assert ballots.cast_ballot(member, poll, {"choices": ids[:3]})["new"] is True


@pytest.mark.parametrize("secret", [False, True])
def test_a_ranked_poll_is_decided_by_instant_runoff(hall, secret):
    meeting = hall(5)
    poll = draft_poll(meeting, kind="ranked", options=["方案A", "方案B", "方案C"], secret=secret)
    open_by_chair(meeting, poll)
    a, b, c = (o.id for o in poll.options)
    members = meeting.council.test_members
    rankings = [[a, b, c], [a, b, c], [b, a, c], [b, a, c], [c, a, b]]
    _vote_all(poll, [(m, {"ranking": r}) for m, r in zip(members, rankings, strict=True)])
    _close(meeting, poll)
    # First preferences: A 2, B 2, C 1; C goes out and its ballot counts for A: 3 of 5.
    assert poll.result["rounds"] == [{str(a): "2", str(b): "2", str(c): "1"},
                                     {str(a): "3", str(b): "2"}]
    assert poll.result["eliminated"] == [c]
    assert poll.passed is True and poll.result["outcome"]["winner"] == a


def test_a_ranking_must_rank_every_option_once(hall):
    meeting = hall(3)
    poll = draft_poll(meeting, kind="ranked", options=["方案A", "方案B", "方案C"])
    open_by_chair(meeting, poll)
    a, b, _c = (o.id for o in poll.options)
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(meeting.council.test_members[1], poll, {"ranking": [a, b]})
    assert refused.value.code == "incomplete_ranking"


def test_a_secret_yes_no_poll_counts_like_an_open_one(hall):
    meeting = hall(3)
    poll = draft_poll(meeting, secret=True)
    open_by_chair(meeting, poll)
    chair, first, second = meeting.council.test_members
    _vote_all(poll, [(chair, {"choice": "yes"}), (first, {"choice": "yes"}),
                     (second, {"choice": "no"})])
    _close(meeting, poll)
    assert poll.passed is True
    assert poll.result["tally"]["no"] == {"weight": "1", "count": 1}
    assert poll.result["turnout"]["count"] == 3
    assert db.session.scalar(sa.select(sa.func.count(Receipt.id))) == 3
    assert db.session.scalar(sa.select(sa.func.count(Ballot.id))) == 0


# --- weights ----------------------------------------------------------------------------

def test_weights_decide_the_outcome_not_heads(hall):
    from govhub.councils.models import CouncilMembership

    meeting = hall(3)
    chair, heavy, light = meeting.council.test_members
    db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == heavy.id)).vote_weight = Decimal("2.5")
    db.session.commit()
    poll = draft_poll(meeting)
    open_by_chair(meeting, poll)
    _vote_all(poll, [(chair, {"choice": "yes"}), (heavy, {"choice": "no"}),
                     (light, {"choice": "yes"})])
    _close(meeting, poll)
    # Two heads of three said yes, but 2 of 4.5 present is not more than half.
    assert poll.result["tally"]["yes"] == {"weight": "2", "count": 2}
    assert poll.result["tally"]["no"] == {"weight": "2.5", "count": 1}
    assert poll.result["present_weight"] == "4.5" and poll.passed is False


# --- who may do what -------------------------------------------------------------------------

def test_a_resident_cannot_prepare_open_or_close_a_poll(room):
    chair, resident, _ = room.council.test_members
    with pytest.raises(DomainError) as refused:
        services.create_poll(resident, room, room.current_item, "Q", "yes_no_abstain")
    assert refused.value.status == 403
    poll = draft_poll(room)
    with pytest.raises(DomainError) as refused:
        services.open_poll(resident, poll)
    assert refused.value.code == "forbidden"
    open_by_chair(room, poll)
    with pytest.raises(DomainError) as refused:
        services.close_poll(resident, poll)
    assert refused.value.code == "forbidden"
    db.session.rollback()
    assert poll.status == PollStatus.OPEN


def test_a_member_checking_in_after_the_opening_is_not_entitled(make_meeting):
    meeting = make_meeting("in_session")
    chair, early, late = meeting.council.test_members
    for member in (chair, early):
        attendance.check_in(member, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    attendance.check_in(late, meeting)
    attendance.check_out(early, meeting)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(late, poll, {"choice": "yes"})
    assert (refused.value.code, refused.value.status) == ("not_entitled", 403)
    ballots.cast_ballot(early, poll, {"choice": "yes"})  # entitled when it opened
    db.session.commit()
    assert queries.turnout(poll) == {"count": 1, "weight": "1", "entitled_count": 2,
                                     "entitled_weight": "2"}


def test_a_council_may_entitle_every_member_present_or_not(make_meeting):
    meeting = make_meeting("in_session")
    meeting.council.poll_entitlement = "all"
    chair, present, absent = meeting.council.test_members
    for member in (chair, present):
        attendance.check_in(member, meeting)
    db.session.commit()
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    ballots.cast_ballot(absent, poll, {"choice": "yes"})
    db.session.commit()
    assert queries.turnout(poll)["entitled_count"] == 3
    assert queries.turnout(poll)["count"] == 1


def test_a_poll_opens_only_on_the_current_item_and_one_at_a_time(room):
    chair = room.council.test_members[0]
    later = services.create_poll(chair, room, room.items[1], "Later", "yes_no_abstain")
    with pytest.raises(DomainError) as refused:
        services.open_poll(chair, later)
    assert refused.value.code == "not_current"
    first, second = draft_poll(room), draft_poll(room)
    open_by_chair(room, first)
    with pytest.raises(DomainError) as refused:
        services.open_poll(chair, second)
    assert refused.value.code == "poll_open"


# --- closing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, secret", [("yes_no_abstain", False), ("yes_no_abstain", True),
                                          ("single", False), ("multiple", True),
                                          ("ranked", False)])
def test_the_frozen_result_equals_a_recount(hall, kind, secret):
    meeting = hall(5)
    options = {} if kind == "yes_no_abstain" else {"options": ["一", "二", "三"]}
    poll = draft_poll(meeting, kind=kind, secret=secret, **options)
    open_by_chair(meeting, poll)
    ids = [o.id for o in poll.options]
    payloads = {
        "yes_no_abstain": lambda n: {"choice": ("yes", "no", "yes", "abstain")[n]},
        "single": lambda n: {"choice": ids[n % 3]},
        "multiple": lambda n: {"choices": ids[: n % 3 + 1]},
        "ranked": lambda n: {"ranking": ids[n % 3:] + ids[: n % 3]},
    }[kind]
    _vote_all(poll, [(member, payloads(n))
                     for n, member in enumerate(meeting.council.test_members[:4])])
    _close(meeting, poll)
    recount = queries.result_of(poll)
    assert recount == poll.result
    assert poll.result["turnout"]["count"] == 4


def test_a_failed_poll_is_recorded_as_failed_without_a_resolution(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    chair, first, second = room.council.test_members
    _vote_all(poll, [(chair, {"choice": "yes"}), (first, {"choice": "no"}),
                     (second, {"choice": "abstain"})])
    _close(room, poll)
    assert poll.status == PollStatus.CLOSED and poll.passed is False
    assert poll.result["outcome"]["passed"] is False and poll.closed_at is not None
    assert _resolution(poll) is None


def test_a_poll_the_timer_closed_is_resolved_and_audited(room, broadcasts):
    from datetime import timedelta

    from govhub.audit.models import AuditEvent
    from govhub.core.models import utcnow

    poll = draft_poll(room)
    open_by_chair(room, poll, closes_in_seconds=30)
    _vote_all(poll, [(m, {"choice": "yes"}) for m in room.council.test_members])
    assert timers.close_due_polls() == 0  # not yet
    poll.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    broadcasts.clear()  # forget what the setup sent
    assert timers.close_due_polls() == 1
    db.session.commit()
    assert poll.passed is True and _resolution(poll).decided_at == poll.closed_at
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "poll.closed"))
    assert event.actor_id is None and event.data["by_timer"] is True
    assert [e for _r, e, _p in broadcasts] == ["poll:closed"]
    assert timers.close_due_polls() == 0  # closed once


def test_a_poll_closes_once(room):
    poll = draft_poll(room)
    open_by_chair(room, poll)
    _close(room, poll)
    with pytest.raises(DomainError) as refused:
        services.close_poll(room.council.test_members[0], poll)
    assert (refused.value.code, refused.value.status) == ("poll_not_open", 409)
    assert _resolution(poll) is None  # nobody voted: failed, and only once
