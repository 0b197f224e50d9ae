"""The ballot box: its watchdog withdraws a ballot the writer never took in time (never cast);
its writer takes a window's ballots and casts them in one transaction, with a savepoint for
each that may be refused, and the tallies of the batch go out after its commit. Driven here
in-process with a fake clock; tests/live and tests/scale run it in a real server.
"""

from concurrent.futures import CancelledError

import pytest

from govhub.auth.credentials import of_token
from govhub.auth.services import issue_token
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballot_box, ballots, services
from govhub.voting.ballot_box import ANSWER_TIMEOUT, Box, Submission
from govhub.voting.events import CASTING
from tests.fake_clock import FakeClock


def _box_with(*deadlines: float) -> tuple[Box, list[Submission]]:
    box = Box()
    submissions = [Submission(n, 0, {"poll_id": 1, "choice": "yes"}, "en")
                   for n, _deadline in enumerate(deadlines, 1)]
    for submission in submissions:
        box.put(submission)
    box.waiting = type(box.waiting)(zip(deadlines, submissions, strict=True))
    return box, submissions


def test_a_ballot_waits_its_whole_time_before_it_is_withdrawn():
    box, [ballot] = _box_with(100.0)
    assert box.expire(99.9) == 0
    assert not ballot.answer.cancelled()
    assert box.expire(100.0) == 1
    with pytest.raises(CancelledError):  # what the waiting voter is told: busy
        ballot.answer.result()
    assert ballot.answer.set_running_or_notify_cancel() is False  # the writer skips it
    assert not box.waiting


def test_a_ballot_the_writer_has_taken_is_never_withdrawn():
    box, [taken, untaken] = _box_with(100.0, 100.5)
    assert taken.answer.set_running_or_notify_cancel() is True
    assert box.expire(101.0) == 1
    assert not taken.answer.cancelled() and untaken.answer.cancelled()
    taken.answer.set_result({"ok": True})
    assert taken.answer.result() == {"ok": True}


def test_answered_ballots_are_forgotten_and_later_ones_keep_waiting():
    box, [answered, waiting] = _box_with(100.0, 110.0)
    answered.answer.set_running_or_notify_cancel()
    answered.answer.set_result({"ok": True})
    assert box.expire(50.0) == 0
    assert [s for _deadline, s in box.waiting] == [waiting]
    assert not waiting.answer.cancelled()


def test_the_deadline_is_the_answer_timeout_after_the_ballot_arrives():
    clock = FakeClock()
    box = Box(clock)
    ballot = Submission(1, 0, {}, "en")
    box.put(ballot)
    [(deadline, waiting)] = box.waiting
    assert waiting is ballot and deadline == clock.monotonic() + ANSWER_TIMEOUT
    clock.advance(ANSWER_TIMEOUT - 0.1)
    assert box.expire(clock.monotonic()) == 0
    clock.advance(0.1)
    assert box.expire(clock.monotonic()) == 1 and ballot.answer.cancelled()


def test_the_writer_takes_what_arrives_within_its_window_less_what_was_withdrawn():
    clock = FakeClock()
    box = Box(clock)
    ballots = [Submission(n, 0, {}, "en") for n in range(1, 4)]
    for ballot in ballots:
        box.put(ballot)
    ballots[1].answer.cancel()  # its voter was told "busy" before the writer came
    assert box.take(0.05) == [ballots[0], ballots[2]]
    assert clock.elapsed == pytest.approx(0.05)  # it waited out the window for more
    assert all(b.answer.running() for b in (ballots[0], ballots[2]))


# --- a batch, cast and committed by the writer ------------------------------------------------

def _open_poll(meeting, voted=(), **options):
    """Everyone checked in, a poll opened on the current item, `voted` members' ballots in."""
    chair = meeting.council.test_members[0]
    for member in meeting.council.test_members:
        attendance.check_in(member, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "同意吗？",
                                "yes_no_abstain", **options)
    services.open_poll(chair, poll)
    for member in voted:
        ballots.cast_ballot(member, poll, {"choice": "yes"})
    db.session.commit()
    return poll


def _ballot(member, poll, choice: str = "yes", **extra) -> Submission:
    """The ballot as a phone signed in with its own API token sends it."""
    token, _plain = issue_token(member)
    db.session.commit()
    return Submission(member.id, of_token(token),
                      {"poll_id": poll.id, "choice": choice, **extra}, "en")


def test_a_refused_ballot_of_another_meeting_costs_the_batch_no_tally(
        app, make_meeting, coalescing, fake_clock, broadcasts):
    hall, other = make_meeting("in_session"), make_meeting("in_session")
    poll = _open_poll(hall)
    changer = other.council.test_members[1]
    fixed = _open_poll(other, voted=[changer], allow_change=False)
    box = Box(fake_clock)
    for member in hall.council.test_members:
        box.put(_ballot(member, poll))
    box.put(_ballot(changer, fixed, "no"))  # a second ballot where none may change
    batch = box.take(0.05)
    coalescing.round()  # the tallies of the setup's ballots go out first
    broadcasts.clear()
    ballot_box.write(app, batch, CASTING)
    answers = [submission.answer.result() for submission in batch]
    assert [answer["ok"] for answer in answers] == [True, True, True, False]
    assert answers[3]["error"]["code"] == "already_voted"
    fake_clock.advance(0.15)
    coalescing.round()
    tallies = [p for _room, event, p in broadcasts if event == "poll:tally"]
    assert [(t["poll_id"], t["turnout"]["count"]) for t in tallies] == [(poll.id, 3)]


def test_a_batch_s_tallies_wait_for_its_commit_and_a_failed_one_sends_none(
        app, make_meeting, coalescing, fake_clock, broadcasts, monkeypatch):
    poll = _open_poll(make_meeting("in_session"))
    box = Box(fake_clock)
    for member in poll.meeting.council.test_members:
        box.put(_ballot(member, poll))
    batch = box.take(0.05)
    coalescing.round()  # the setup's tallies go out first
    broadcasts.clear()
    pending_at_commit = []

    def failing_commit():
        pending_at_commit.append(dict(coalescing.pending))
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(db.session, "commit", failing_commit)
        ballot_box.write(app, batch, CASTING)
    assert pending_at_commit == [{}]  # nothing had reached the loop before the commit
    assert {s.answer.result()["error"]["code"] for s in batch} == {"not_recorded"}
    assert coalescing.pending == {}  # nor after it failed
    fake_clock.advance(1)
    coalescing.round()
    assert [e for _room, e, _payload in broadcasts if e == "poll:tally"] == []
