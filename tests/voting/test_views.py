"""Poll pages without JavaScript: preparing, opening and closing, voting, paper ballots,
the live pages that show polls, and the CSV exports."""

import csv
import io

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from govhub.voting.models import Ballot, Poll, PollStatus, Receipt


def _chair(meeting):
    return meeting.council.test_members[0]


def _poll(meeting, kind="yes_no_abstain", opened=True, **options):
    poll = services.create_poll(_chair(meeting), meeting, meeting.current_item,
                                "同意加装电梯方案？", kind, **options)
    if opened:
        services.open_poll(_chair(meeting), poll)
    db.session.commit()
    return poll


def _ballots(poll) -> list[Ballot]:
    return db.session.scalars(sa.select(Ballot).where(Ballot.poll_id == poll.id)).all()


def _html(response) -> str:
    return response.get_data(as_text=True)


def _flashed(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


# --- preparing -----------------------------------------------------------------------------

def _poll_form(meeting, **fields):
    return {"item_id": meeting.current_item.id, "title": "选哪种电梯方案？",
            "kind": "yes_no_abstain", "options": "", "ballot": "named", "results": "live",
            "allow_change": "y", "rule_set": "", **fields}


def test_the_chair_prepares_a_poll_from_the_console(room, client, login, post_form):
    login(_chair(room))
    response = post_form(f"/meetings/{room.id}/polls/new",
                         _poll_form(room, kind="single", options="外挂式\n连廊式\n", next="chair",
                                    rule_set="two_thirds", ballot="secret", results="close"),
                         page=f"/meetings/{room.id}/chair")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{room.id}/chair#polls")
    poll = db.session.scalar(sa.select(Poll).where(Poll.meeting_id == room.id))
    assert (poll.kind, poll.secret, poll.live_results, poll.rule_set) == (
        "single", True, False, "two_thirds")
    assert [o.label for o in poll.options] == ["外挂式", "连廊式"]


def test_a_multiple_choice_poll_keeps_its_limits(room, client, login, post_form):
    login(_chair(room))
    post_form(f"/meetings/{room.id}/polls/new",
              _poll_form(room, kind="multiple", options="A\nB\nC", min_choices="1",
                         max_choices="2"))
    poll = db.session.scalar(sa.select(Poll).where(Poll.meeting_id == room.id))
    assert (poll.min_choices, poll.max_choices) == (1, 2)


def test_a_poll_without_options_is_refused_on_the_form(room, client, login, post_form):
    login(_chair(room))
    response = post_form(f"/meetings/{room.id}/polls/new", _poll_form(room, kind="ranked",
                                                                       options="只有一个"))
    assert response.status_code == 200
    assert "Give between 2 and 20 options" in _html(response)
    assert db.session.scalar(sa.select(sa.func.count(Poll.id))) == 0


def test_a_member_may_not_prepare_polls(room, client, login, post_form):
    login(room.council.test_members[1])
    assert client.get(f"/meetings/{room.id}/polls/new").status_code == 403
    response = post_form(f"/meetings/{room.id}/polls/new", _poll_form(room),
                         page=f"/meetings/{room.id}/room")
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Poll.id))) == 0


def test_the_prepare_page_offers_every_item_and_rule(room, client, login):
    login(_chair(room))
    html = _html(client.get(f"/meetings/{room.id}/polls/new"))
    assert "议题 1" in html and "议题 2" in html
    assert 'value="two_thirds"' in html and 'value="ranked"' in html


def test_no_polls_are_prepared_once_the_meeting_is_over(make_meeting, client, login):
    meeting = make_meeting("adjourned")
    login(_chair(meeting))
    response = client.get(f"/meetings/{meeting.id}/polls/new")
    assert response.status_code == 302
    assert "Polls are prepared until the meeting ends." in _flashed(client)


# --- opening and closing -----------------------------------------------------------------

def test_the_chair_opens_a_poll_with_a_timer(room, client, login, post_form, broadcasts):
    poll = _poll(room, opened=False)
    login(_chair(room))
    response = post_form(f"/polls/{poll.id}/open", {"minutes": "2", "seconds": "30"},
                         page=f"/meetings/{room.id}/chair")
    assert response.status_code == 302
    db.session.refresh(poll)
    assert poll.status == PollStatus.OPEN
    assert round((poll.closes_at - poll.opened_at).total_seconds()) == 150
    assert any(event == "poll:opened" for _room, event, _payload in broadcasts)


def test_a_timer_too_short_is_refused(room, client, login, post_form):
    poll = _poll(room, opened=False)
    login(_chair(room))
    post_form(f"/polls/{poll.id}/open", {"minutes": "0", "seconds": "5"},
              page=f"/meetings/{room.id}/chair")
    db.session.refresh(poll)
    assert poll.status == PollStatus.DRAFT
    assert "A timer runs from 10 seconds to 24 hours." in _flashed(client)


def test_the_chair_closes_a_poll(room, client, login, post_form):
    poll = _poll(room)
    login(_chair(room))
    post_form(f"/polls/{poll.id}/close", page=f"/meetings/{room.id}/chair")
    db.session.refresh(poll)
    assert poll.status == PollStatus.CLOSED and poll.result is not None


def test_a_member_may_not_open_or_close_a_poll(room, client, login, post_form):
    poll = _poll(room, opened=False)
    login(room.council.test_members[1])
    page = f"/meetings/{room.id}/room"
    assert post_form(f"/polls/{poll.id}/open", page=page).status_code == 403
    assert post_form(f"/polls/{poll.id}/close", page=page).status_code == 403
    db.session.refresh(poll)
    assert poll.status == PollStatus.DRAFT


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


# --- paper ballots -------------------------------------------------------------------------

def test_the_chair_enters_a_paper_ballot(room, client, login, post_form):
    poll = _poll(room)
    member = room.council.test_members[2]
    login(_chair(room))
    page = client.get(f"/polls/{poll.id}/paper")
    assert page.status_code == 200 and member.display_name in _html(page)
    post_form(f"/polls/{poll.id}/paper", {"user_id": member.id, "choice": "yes"})
    [ballot] = _ballots(poll)
    assert (ballot.voter_id, ballot.cast_by_id, ballot.via) == (member.id, _chair(room).id,
                                                                 "paper")


def test_a_secret_poll_takes_no_paper_ballots(room, client, login):
    poll = _poll(room, secret=True)
    login(_chair(room))
    assert client.get(f"/polls/{poll.id}/paper").status_code == 404


def test_a_member_may_not_enter_paper_ballots(room, client, login):
    poll = _poll(room)
    login(room.council.test_members[1])
    assert client.get(f"/polls/{poll.id}/paper").status_code == 403


# --- the live pages show polls -------------------------------------------------------------

def test_a_member_s_room_shows_the_open_poll_with_its_ballot(room, client, login):
    poll = _poll(room)
    login(room.council.test_members[1])
    html = _html(client.get(f"/meetings/{room.id}/room"))
    assert f'data-poll-id="{poll.id}"' in html and poll.title in html
    assert f'action="/polls/{poll.id}/vote"' in html
    assert 'name="choice" value="yes"' in html


def test_a_recorded_vote_shows_on_the_room(room, client, login):
    poll = _poll(room)
    member = room.council.test_members[1]
    ballots.cast_ballot(member, poll, {"choice": "no"})
    db.session.commit()
    login(member)
    html = _html(client.get(f"/meetings/{room.id}/room"))
    assert "Your vote is recorded." in html
    assert 'value="no" class="big choice choice-no" aria-pressed="true"' in html


def test_an_anonymous_viewer_sees_turnout_but_no_ballot(room, client):
    poll = _poll(room)
    ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    db.session.commit()
    html = _html(client.get(f"/meetings/{room.id}/room"))
    assert "Voted: 1 of 3" in html
    assert f'action="/polls/{poll.id}/vote"' not in html


def test_the_chair_s_console_offers_open_and_the_form(room, client, login):
    poll = _poll(room, opened=False)
    login(_chair(room))
    html = _html(client.get(f"/meetings/{room.id}/chair"))
    assert f'action="/polls/{poll.id}/open"' in html and 'data-event="poll:open"' in html
    assert f'action="/meetings/{room.id}/polls/new"' in html


def test_the_projector_shows_the_result_in_words(room, client):
    poll = _poll(room)
    for member in room.council.test_members[:2]:
        ballots.cast_ballot(member, poll, {"choice": "yes"})
    services.close_poll(_chair(room), poll)
    db.session.commit()
    html = _html(client.get(f"/meetings/{room.id}/projector"))
    assert "Passed: 2 of 3 present voted yes; more than half required." in html
    # 2 yes of the 3 present (the Organic Law's base), not 2 of the 2 votes cast.
    assert 'class="tally-fill" data-row-field="bar" width="67"' in html
    assert 'data-row-field="threshold" x1="50" x2="50"' in html


def test_the_meeting_page_lists_polls_with_their_results(room, client, login):
    poll = _poll(room)
    services.close_poll(_chair(room), poll)
    db.session.commit()
    html = _html(client.get(f"/meetings/{room.id}"))
    assert poll.title in html and f"/polls/{poll.id}/result.csv" in html
    assert "Not passed" in html


def test_a_draft_poll_stays_off_the_public_meeting_page(room, client):
    poll = _poll(room, opened=False)
    assert poll.title not in _html(client.get(f"/meetings/{room.id}"))


# --- exports -------------------------------------------------------------------------------

def _rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_result_exports_as_csv(room, client):
    poll = _poll(room, rule_set="two_thirds")
    chair, first, second = room.council.test_members
    ballots.cast_ballot(chair, poll, {"choice": "yes"})
    ballots.cast_ballot(first, poll, {"choice": "yes"})
    ballots.cast_ballot(second, poll, {"choice": "no"})
    services.close_poll(chair, poll)
    db.session.commit()
    response = client.get(f"/polls/{poll.id}/result.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    rows = _rows(response)
    assert ["Poll", "同意加装电梯方案？"] in rows
    assert ["Passing rule", "Two-thirds of votes cast"] in rows
    assert ["Yes", "2", "2"] in rows and ["No", "1", "1"] in rows
    assert ["Result", "Passed: 2 of 3 yes and no votes were yes; at least two-thirds "
                      "required."] in rows


def test_the_resolution_page_shows_how_it_was_decided(room, client):
    from govhub.voting.models import Resolution

    poll = _poll(room, rule_set="two_thirds")
    chair, first, second = room.council.test_members
    ballots.cast_ballot(chair, poll, {"choice": "yes"})
    ballots.cast_ballot(first, poll, {"choice": "yes"})
    ballots.cast_ballot(second, poll, {"choice": "no"})
    services.close_poll(chair, poll)
    db.session.commit()
    resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
    page = client.get(f"/resolutions/{resolution.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Two-thirds of votes cast" in page  # the rule, in words
    assert ("Passed: 2 of 3 yes and no votes were yes; at least two-thirds required."
            in page)
    assert "Voted: 3 of 3" in page  # the turnout
    tally = page[page.index('<table class="tally">'):page.index("</table>")]
    assert ">Yes</th><td>2</td><td>2</td>" in tally and ">No</th><td>1</td><td>1</td>" in tally


def test_no_result_before_the_close(room, client):
    poll = _poll(room)
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 404


def test_a_private_meeting_s_result_is_for_those_who_may_see_it(make_meeting, client, login):
    meeting = make_meeting(is_public=False)
    attendance.check_in(_chair(meeting), meeting)
    db.session.commit()
    poll = _poll(meeting)
    services.close_poll(_chair(meeting), poll)
    db.session.commit()
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 404  # as a missing one
    assert client.get("/polls/999999/result.csv").status_code == 404
    login(meeting.council.test_members[1])
    assert client.get(f"/polls/{poll.id}/result.csv").status_code == 200


def test_the_roll_call_names_each_vote(room, client, login):
    poll = _poll(room)
    chair, first, _second = room.council.test_members
    ballots.cast_ballot(first, poll, {"choice": "no"})
    ballots.record_paper_ballot(chair, poll, chair, {"choice": "yes"})
    services.close_poll(chair, poll)
    db.session.commit()
    login(first)
    response = client.get(f"/polls/{poll.id}/roll-call.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    assert rows[0] == ["Member", "Vote", "Weight", "How", "Cast by"]
    assert [first.display_name, "No", "1", "in person", first.display_name] in rows
    assert [chair.display_name, "Yes", "1", "on paper", chair.display_name] in rows


def test_a_secret_poll_has_no_roll_call(room, client, login):
    poll = _poll(room, secret=True)
    ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "no"})
    services.close_poll(_chair(room), poll)
    db.session.commit()
    login(_chair(room))
    assert client.get(f"/polls/{poll.id}/roll-call.csv").status_code == 404


def test_a_cell_never_becomes_a_formula(room, client, login):
    poll = services.create_poll(_chair(room), room, room.current_item, "=HYPERLINK(1)",
                                "yes_no_abstain")
    services.open_poll(_chair(room), poll)
    services.close_poll(_chair(room), poll)
    db.session.commit()
    assert ["Poll", "'=HYPERLINK(1)"] in _rows(client.get(f"/polls/{poll.id}/result.csv"))


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


def test_a_member_who_arrived_after_the_opening_is_told_why_they_have_no_ballot(
        make_meeting, client, login):
    meeting = make_meeting("in_session")
    chair, late, _absent = meeting.council.test_members
    attendance.check_in(chair, meeting)
    db.session.commit()
    poll = _poll(meeting)
    attendance.check_in(late, meeting)
    db.session.commit()
    login(late)
    html = _html(client.get(f"/meetings/{meeting.id}/room"))
    assert f'action="/polls/{poll.id}/vote"' not in html
    assert "who may vote was fixed when it opened" in html
