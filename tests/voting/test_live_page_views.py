"""The live pages show polls: the member's room with its ballot, the anonymous viewer's
turnout, the chair's console, the projector and the meeting page."""



from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from tests.voting.pages import _chair, _html, _poll

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
