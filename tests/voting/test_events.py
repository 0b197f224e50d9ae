"""Voting in the live room, in-process: poll:vote, poll:open and poll:close over /live.

The test settings cast ballots inline (ballot_batch_ms = 0) and send
tallies right after each commit (tally_interval_ms = 0), so every ack and
broadcast can be checked at once; tests/live runs the real group commit
and the coalescing loop.
"""

import pytest
import sqlalchemy as sa

from govhub.auth.models import User
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.meetings.models import Meeting
from govhub.realtime.rooms import NAMESPACE
from govhub.voting import services
from govhub.voting.models import Ballot, PollStatus, Receipt, SecretBallot
from govhub.voting.queries import poll_payload
from tests.helpers.api import sent
from tests.helpers.live import call, refused
from tests.helpers.records import stored_ballots

# --- voting --------------------------------------------------------------------------------

def test_a_vote_is_acknowledged_once_committed(connect, room, make_poll):
    poll = make_poll()
    member = room.council.test_members[1]
    ack = call(connect(member), "poll:vote", {"poll_id": poll.id, "choice": "yes",
                                              "key": "phone-1"})
    assert ack == {"ok": True, "poll_id": poll.id, "member_id": member.id, "new": True,
                   "changed": False}
    db.session.expire_all()
    assert db.session.scalars(sa.select(Ballot.content)).all() == [["yes"]]


def test_a_retry_with_the_same_key_counts_once(connect, room, make_poll):
    poll = make_poll(allow_change=False)
    live = connect(room.council.test_members[1])
    vote = {"poll_id": poll.id, "choice": "no", "key": "k-1"}
    first, retry = call(live, "poll:vote", vote), call(live, "poll:vote", vote)
    assert first["ok"] is retry["ok"] is True
    assert (first["new"], retry["new"]) == (True, False)
    refused(call(live, "poll:vote", {**vote, "choice": "yes", "key": "k-2"}), "already_voted")
    assert stored_ballots(poll) == 1


def test_a_secret_vote_from_the_room_leaves_a_receipt_and_no_name(connect, room, make_poll):
    poll = make_poll(secret=True)
    member = room.council.test_members[2]
    assert call(connect(member), "poll:vote", {"poll_id": poll.id, "choice": "abstain",
                                               "key": "s"})["ok"] is True
    assert db.session.scalar(sa.select(Receipt.voter_id)) == member.id
    assert db.session.scalars(sa.select(SecretBallot.content)).all() == [["abstain"]]


def test_a_proxy_holder_votes_for_all_they_hold(connect, proxy_room):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    live = connect(holder)
    ack = call(live, "poll:vote", {"poll_id": poll.id, "choice": "yes", "for_all": True,
                                   "key": "all"})
    assert ack["ok"] is True and sorted(ack["members"]) == sorted([holder.id, absent.id])
    one = call(live, "poll:vote", {"poll_id": poll.id, "choice": "no", "member_id": absent.id})
    assert one["ok"] is True and one["changed"] is True
    refused(call(live, "poll:vote", {"poll_id": poll.id, "choice": "no",
                                     "member_id": chair.id}), "not_entitled")


def test_the_room_shows_the_voter_their_ballot_when_they_join_again(connect, room, make_poll):
    poll = make_poll()
    member = room.council.test_members[1]
    call(connect(member), "poll:vote", {"poll_id": poll.id, "choice": "no", "key": "x"})
    ack = call(connect(member), "meeting:join", {"meeting_id": room.id})
    mine = ack["you"]["ballots"][str(poll.id)]
    assert (mine["voted"], mine["mine"]) == ([member.id], ["no"])
    [state] = [p for p in ack["state"]["polls"] if p["id"] == poll.id]
    assert state["turnout"]["count"] == 1


@pytest.mark.parametrize("secret", [False, True])
def test_a_proxy_holder_rejoining_sees_which_ballots_are_in(connect, proxy_room, secret):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain",
                                secret=secret)
    services.open_poll(chair, poll)
    db.session.commit()
    assert call(connect(holder), "poll:vote",
                {"poll_id": poll.id, "choice": "no", "member_id": absent.id})["ok"]
    mine = call(connect(holder), "meeting:join",
                {"meeting_id": meeting.id})["you"]["ballots"][str(poll.id)]
    assert sorted(mine["members"]) == sorted([holder.id, absent.id])
    assert mine["voted"] == [absent.id]
    assert mine["names"] == {str(absent.id): absent.display_name}
    assert "mine" not in mine  # their own ballot is not in yet (and a secret one is never shown)


def _statements_of(action) -> list[str]:
    executed = []

    def record(conn, cursor, statement, *rest):
        executed.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return executed


def test_joining_costs_the_same_however_many_polls_the_meeting_had(connect, room, make_poll):
    """A whole hall joins at once after a drop: its cost must not grow with the polls held."""
    live = connect(room.council.test_members[1])
    room_id, chair_id = room.id, room.council.test_members[0].id

    def vote_and_close():
        meeting, chair = db.session.get(Meeting, room_id), db.session.get(User, chair_id)
        poll = services.create_poll(chair, meeting, meeting.current_item, "同意吗？",
                                    "yes_no_abstain")
        services.open_poll(chair, poll)
        db.session.commit()
        call(live, "poll:vote", {"poll_id": poll.id, "choice": "yes", "key": f"k{poll.id}"})
        services.close_poll(chair, poll)
        db.session.commit()

    def join():
        # In-process the event would share this test's session; a server's starts empty.
        db.session.expunge_all()
        assert call(live, "meeting:join", {"meeting_id": room_id})["ok"]

    vote_and_close()
    after_one = _statements_of(join)
    for _ in range(3):
        vote_and_close()
    after_four = _statements_of(join)
    assert len(after_four) == len(after_one), "\n".join(after_four)
    seat_reads = [s for s in after_four if s.startswith("SELECT council_memberships.")]
    assert len(seat_reads) == 1  # asked by each permission check, read once


# --- the chair's events ------------------------------------------------------------------------

@pytest.mark.parametrize("event", ["poll:open", "poll:close"])
def test_residents_cannot_open_or_close_a_poll(connect, room, make_poll, broadcasts, event):
    poll = make_poll(open=event == "poll:close")
    status = poll.status
    broadcasts.clear()  # forget what the setup sent
    refused(call(connect(room.council.test_members[1]), event, {"poll_id": poll.id}),
            "forbidden")
    db.session.expire_all()
    assert poll.status == status and broadcasts == []


@pytest.mark.parametrize("payload, code", [
    ({"poll_id": "POLL", "closes_in_seconds": 5}, "invalid_timer"),
    ({"poll_id": "POLL", "closes_in_seconds": "60"}, "invalid_timer"),
    ({"poll_id": "1"}, "unknown_poll"),
    ({}, "unknown_poll"),
    (["poll_id"], "bad_payload"),
])
def test_a_bad_poll_open_is_refused(connect, room, make_poll, payload, code):
    poll = make_poll(open=False)
    if isinstance(payload, dict) and payload.get("poll_id") == "POLL":
        payload = {**payload, "poll_id": poll.id}
    refused(call(connect(room.council.test_members[0]), "poll:open", payload), code)
    assert poll.status == PollStatus.DRAFT


def test_opening_voting_and_closing_reach_the_room(connect, room, make_poll, broadcasts):
    poll = make_poll(open=False)
    chair, first, _ = room.council.test_members
    chair_client = connect(chair)
    broadcasts.clear()  # forget what the setup sent
    assert call(chair_client, "poll:open", {"poll_id": poll.id, "closes_in_seconds": 60})["ok"]
    [opened] = sent(broadcasts, "poll:opened", room)
    assert opened["id"] == poll.id and opened["status"] == "open" and opened["closes_at"]
    for member, choice in ((chair_client, "yes"), (connect(first), "yes")):
        assert call(member, "poll:vote", {"poll_id": poll.id, "choice": choice})["ok"] is True
    tallies = sent(broadcasts, "poll:tally", room)
    assert [t["turnout"]["count"] for t in tallies] == [0, 1, 2]  # the opening sends one too
    assert tallies[-1]["tally"]["yes"] == {"weight": "2", "count": 2}
    assert call(chair_client, "poll:close", {"poll_id": poll.id})["ok"] is True
    [closed] = sent(broadcasts, "poll:closed", room)
    assert closed["status"] == "closed" and closed["passed"] is True
    assert closed["result"]["tally"]["yes"]["count"] == 2
    assert {room for room, name, _ in broadcasts if name.startswith("poll:")} == {
        f"meeting:{room.id}"}


def test_tallies_and_results_carry_the_scale_their_bars_are_drawn_against(
        connect, room, make_poll, broadcasts):
    """Under the Organic Law the base is those present (3), not the votes cast (1)."""
    poll = make_poll(open=False)
    chair = connect(room.council.test_members[0])
    assert call(chair, "poll:open", {"poll_id": poll.id})["ok"]
    broadcasts.clear()
    assert call(chair, "poll:vote", {"poll_id": poll.id, "choice": "yes"})["ok"] is True
    [tally] = sent(broadcasts, "poll:tally", room)
    assert tally["scale"] == {"base": "3", "threshold": "50", "outside": []}
    assert call(chair, "poll:close", {"poll_id": poll.id})["ok"] is True
    [closed] = sent(broadcasts, "poll:closed", room)
    assert closed["scale"] == {"base": "3", "threshold": "50", "outside": []}
    assert poll_payload(poll)["scale"] == closed["scale"]


def test_a_two_thirds_poll_of_the_votes_cast_leaves_abstentions_out(
        connect, room, make_poll, broadcasts):
    poll = make_poll(rule_set="two_thirds")
    first = connect(room.council.test_members[1])
    broadcasts.clear()
    assert call(first, "poll:vote", {"poll_id": poll.id, "choice": "abstain"})["ok"] is True
    [tally] = sent(broadcasts, "poll:tally", room)
    assert tally["scale"] == {"base": "0", "threshold": "66.67", "outside": ["abstain"]}


def test_a_member_in_the_room_hears_the_poll_from_opening_to_result(connect, room, make_poll):
    poll = make_poll(open=False)
    chair, first, second = room.council.test_members
    watcher, chair_client = connect(second), connect(chair)
    call(watcher, "meeting:join", {"meeting_id": room.id})
    watcher.get_received(NAMESPACE)
    call(chair_client, "poll:open", {"poll_id": poll.id})
    call(connect(first), "poll:vote", {"poll_id": poll.id, "choice": "no"})
    call(chair_client, "poll:close", {"poll_id": poll.id})
    events = [(m["name"], m["args"][0]) for m in watcher.get_received(NAMESPACE)
              if m["name"].startswith("poll:")]
    assert [name for name, _ in events] == ["poll:opened", "poll:tally", "poll:tally",
                                            "poll:closed"]
    assert events[2][1]["turnout"]["count"] == 1
    assert events[3][1]["passed"] is False and events[3][1]["result"]["tally"]["no"] == {
        "weight": "1", "count": 1}


def test_a_poll_without_live_results_shows_only_turnout(connect, room, make_poll, broadcasts):
    poll = make_poll(live_results=False)
    broadcasts.clear()  # forget what the setup sent
    call(connect(room.council.test_members[1]), "poll:vote", {"poll_id": poll.id,
                                                              "choice": "no"})
    [tally] = sent(broadcasts, "poll:tally", room)
    assert "tally" not in poll_payload(poll)
    assert tally["turnout"]["count"] == 1 and "tally" not in tally


def test_a_majority_of_members_poll_is_drawn_against_every_member(
        connect, room, make_poll, broadcasts):
    attendance.check_out(room.council.test_members[2], room)
    db.session.commit()
    poll = make_poll(rule_set="majority_of_members")  # two of the three present, three members
    broadcasts.clear()
    assert call(connect(room.council.test_members[1]), "poll:vote",
                {"poll_id": poll.id, "choice": "yes"})["ok"] is True
    [tally] = sent(broadcasts, "poll:tally", room)
    assert tally["scale"] == {"base": "3", "threshold": "50", "outside": []}
