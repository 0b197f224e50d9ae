"""The ballot box's watchdog: a ballot the writer never took in time is withdrawn, never cast.

(The group commit itself runs against real servers in tests/live and tests/scale.)
"""

import time
from concurrent.futures import CancelledError

import pytest

from govhub.voting.ballot_box import ANSWER_TIMEOUT, Box, Submission


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
    box = Box()
    ballot = Submission(1, 0, {}, "en")
    box.put(ballot)
    [(deadline, waiting)] = box.waiting
    assert waiting is ballot and box.queue.get_nowait() is ballot
    assert deadline == pytest.approx(time.monotonic() + ANSWER_TIMEOUT, abs=1)
