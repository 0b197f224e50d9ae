"""Voting without JavaScript: the plain ballot form on the room page, its refusals,
proxies and secret ballots."""


import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import services
from govhub.voting.models import Receipt
from tests.voting.pages import _ballots, _chair, _flashed, _html, _poll

# --- voting without JavaScript -----------------------------------------------------------

def test_a_member_votes_with_the_plain_form(room, client, login, post_form):
    poll = _poll(room)
    member = room.council.test_members[1]
    login(member)
    response = post_form(f"/polls/{poll.id}/vote", {"choice": "yes", "key": "k-1"},
                         page=f"/meetings/{room.id}/room")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{room.id}/room#polls")
    assert "Your vote is recorded." in _flashed(client)
    [ballot] = _ballots(poll)
    assert (ballot.voter_id, ballot.content, ballot.via) == (member.id, ["yes"], "self")


def test_a_double_tap_counts_once(room, client, login, post_form):
    poll = _poll(room, allow_change=False)
    login(room.council.test_members[1])
    page = f"/meetings/{room.id}/room"
    for _ in range(2):
        post_form(f"/polls/{poll.id}/vote", {"choice": "no", "key": "same-key"}, page=page)
    assert len(_ballots(poll)) == 1
    assert "Your ballot is already recorded." not in _flashed(client)


def test_choices_and_rankings_come_from_the_form(room, client, login, post_form):
    multiple = _poll(room, "multiple", options=["A", "B", "C"], max_choices=2)
    member = room.council.test_members[1]
    login(member)
    page = f"/meetings/{room.id}/room"
    ids = [o.id for o in multiple.options]
    post_form(f"/polls/{multiple.id}/vote", {"choices": [ids[0], ids[2]]}, page=page)
    assert _ballots(multiple)[0].content == sorted([ids[0], ids[2]])
    services.close_poll(_chair(room), multiple)
    ranked = _poll(room, "ranked", options=["A", "B", "C"])
    ids = [o.id for o in ranked.options]
    post_form(f"/polls/{ranked.id}/vote",
              {f"rank-{ids[0]}": "3", f"rank-{ids[1]}": "1", f"rank-{ids[2]}": "2"}, page=page)
    assert _ballots(ranked)[0].content == [ids[1], ids[2], ids[0]]


def test_a_ranking_with_a_shared_rank_is_refused(room, client, login, post_form):
    poll = _poll(room, "ranked", options=["A", "B"])
    ids = [o.id for o in poll.options]
    login(room.council.test_members[1])
    post_form(f"/polls/{poll.id}/vote", {f"rank-{ids[0]}": "1", f"rank-{ids[1]}": "1"},
              page=f"/meetings/{room.id}/room")
    assert _ballots(poll) == []
    assert "Give each option a different rank." in _flashed(client)


@pytest.mark.parametrize("choice, message", [
    ("maybe", "That is not one of the poll's options."),
    ("", "That is not one of the poll's options."),
])
def test_a_bad_choice_is_flashed_and_changes_nothing(room, client, login, post_form, choice,
                                                     message):
    poll = _poll(room)
    login(room.council.test_members[1])
    post_form(f"/polls/{poll.id}/vote", {"choice": choice}, page=f"/meetings/{room.id}/room")
    assert _ballots(poll) == []
    assert message in _flashed(client)


def test_a_vote_in_a_closed_poll_is_refused(room, client, login, post_form):
    poll = _poll(room)
    services.close_poll(_chair(room), poll)
    db.session.commit()
    login(room.council.test_members[1])
    post_form(f"/polls/{poll.id}/vote", {"choice": "yes"}, page=f"/meetings/{room.id}/room")
    assert _ballots(poll) == []
    assert "The poll is closed; your ballot was not counted." in _flashed(client)


def test_a_member_who_was_not_checked_in_is_not_entitled(make_meeting, client, login,
                                                         post_form):
    meeting = make_meeting("in_session")
    chair, late, _absent = meeting.council.test_members
    attendance.check_in(chair, meeting)
    db.session.commit()
    poll = _poll(meeting)
    attendance.check_in(late, meeting)  # after the poll opened: not on its frozen list
    db.session.commit()
    login(late)
    post_form(f"/polls/{poll.id}/vote", {"choice": "yes"}, page=f"/meetings/{meeting.id}/room")
    assert _ballots(poll) == []
    assert "You are not entitled to vote in this poll." in _flashed(client)


def test_a_proxy_holder_votes_for_all_they_represent(proxy_room, client, login, post_form):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = _poll(meeting)
    login(holder)
    html = _html(client.get(f"/meetings/{meeting.id}/room"))
    assert f'name="member_id" value="{absent.id}"' in html
    assert f"The vote for {absent.display_name}" in html and 'name="for_all"' in html
    post_form(f"/polls/{poll.id}/vote", {"choice": "no", "for_all": "1", "key": "all"},
              page=f"/meetings/{meeting.id}/room")
    assert sorted((b.voter_id, b.via) for b in _ballots(poll)) == sorted(
        [(holder.id, "self"), (absent.id, "proxy")])


def test_a_secret_ballot_leaves_only_a_receipt(room, client, login, post_form):
    poll = _poll(room, secret=True)
    login(room.council.test_members[1])
    post_form(f"/polls/{poll.id}/vote", {"choice": "abstain"}, page=f"/meetings/{room.id}/room")
    assert _ballots(poll) == []
    assert db.session.scalar(sa.select(sa.func.count(Receipt.id))) == 1


def test_a_proxy_holder_is_told_whose_ballots_they_cast(proxy_room, broadcasts):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = _poll(meeting)
    [(room, entry)] = [(room, payload) for room, event, payload in broadcasts
                       if event == "poll:ballots"]
    assert room == f"user:{holder.id}"
    assert entry["poll_id"] == poll.id and sorted(entry["members"]) == sorted(
        [holder.id, absent.id])
    assert entry["names"] == {str(absent.id): absent.display_name}
