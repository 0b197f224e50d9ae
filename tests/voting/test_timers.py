"""Poll timers on the server's clock: closed by the loop within a second of their time,
closed at start-up when their time passed while no server ran, and closed once however
many processes sweep. The clock is fake and the loop's rounds are run by hand."""

import pytest

from govhub.extensions import db, socketio
from govhub.realtime import expiry
from govhub.voting import ballot_box, ballots, queries, services, timers
from govhub.voting.models import PollStatus


@pytest.fixture
def timed_poll(room, make_poll, fake_clock):
    """timed_poll(seconds) -> a poll of `room`, opened now (by the fake clock) with a timer."""

    def make(seconds: int = 10):
        poll = make_poll(open=False)
        services.open_poll(room.council.test_members[0], poll, closes_in_seconds=seconds)
        db.session.commit()
        return poll

    return make


def _closed(broadcasts) -> list[int]:
    return [payload["id"] for _room, event, payload in broadcasts if event == "poll:closed"]


def test_the_loop_closes_a_timed_poll_within_a_second_of_its_time(timed_poll, coalescing,
                                                                   fake_clock, broadcasts):
    poll = timed_poll(10)
    broadcasts.clear()
    fake_clock.advance(9.9)
    coalescing.round()
    assert poll.status == PollStatus.OPEN and _closed(broadcasts) == []
    fake_clock.advance(1.0)
    coalescing.round()
    assert poll.status == PollStatus.CLOSED
    assert poll.closed_at == poll.closes_at  # ballots were refused from then on
    assert _closed(broadcasts) == [poll.id]
    fake_clock.advance(5)
    coalescing.round()
    assert _closed(broadcasts) == [poll.id]


def test_a_ballot_after_the_timer_is_refused_before_the_sweep(timed_poll, fake_clock, room):
    from govhub.core.errors import DomainError

    poll = timed_poll(10)
    fake_clock.advance(10)
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(room.council.test_members[1], poll, {"choice": "yes"})
    assert refused.value.code == "poll_closed"


def test_the_server_closes_polls_overdue_since_it_stopped_before_serving(
        app, timed_poll, fake_clock, broadcasts, monkeypatch):
    from govhub.cli import start_background_work

    poll = timed_poll(10)
    fake_clock.advance(600)  # the server was down for ten minutes
    spawned = []
    monkeypatch.setattr(socketio, "start_background_task",
                        lambda fn, *args: spawned.append(fn.__name__))
    monkeypatch.setattr(app, "extensions", dict(app.extensions))  # this "process"'s loop
    monkeypatch.setattr(ballot_box, "_boxes", {})
    monkeypatch.setattr(expiry, "_started", set())
    broadcasts.clear()
    start_background_work(app)
    assert poll.status == PollStatus.CLOSED and poll.closed_at == poll.closes_at
    assert _closed(broadcasts) == [poll.id]
    # then it keeps going: the loop, the ballot writer and its watchdog, the expiry sweep,
    # and the secret ballots' scrub of what a close before a crash may have left
    assert sorted(spawned) == ["_loop", "_scrub_in_background", "_watchdog", "_writer",
                               "run_forever"]


def test_only_one_of_two_processes_closes_a_poll_and_says_so(timed_poll, fake_clock,
                                                             broadcasts, monkeypatch):
    poll = timed_poll(10)
    fake_clock.advance(11)
    seen_by_both = queries.overdue_polls()
    broadcasts.clear()
    assert timers.close_overdue_polls() == 1
    monkeypatch.setattr(queries, "overdue_polls", lambda: seen_by_both)  # the slower process
    assert timers.close_overdue_polls() == 0
    assert _closed(broadcasts) == [poll.id]
    assert timers.close_due_polls() == 0


def test_a_poll_without_a_timer_stays_open(make_poll, fake_clock):
    poll = make_poll()
    fake_clock.advance(48 * 3600)
    assert timers.close_overdue_polls() == 0
    assert poll.status == PollStatus.OPEN
