"""Poll pages without JavaScript: the chair prepares a poll on its form, opens it (with a
timer) and closes it; members may do neither."""


import sqlalchemy as sa

from govhub.extensions import db
from govhub.voting.models import Poll, PollStatus
from tests.voting.pages import _chair, _flashed, _html, _poll

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
