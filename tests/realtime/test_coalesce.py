"""How often the coalescing loop sends summaries: more rarely as a process serves more phones."""

import pytest

from govhub.realtime.coalesce import step

SETTINGS = {"tally_interval_ms": 150, "tally_us_per_connection": 125}


@pytest.mark.parametrize("connections, seconds", [
    (0, 0.150),
    (45, 0.150),     # a council meeting: the configured interval
    (1_200, 0.150),  # where the two meet
    (1_201, 0.150125),
    (2_000, 0.250),  # a hall of two thousand (DESIGN.md §5: about 0.1 ms x N)
    (10_000, 1.250),
])
def test_the_interval_grows_with_the_connections_past_the_configured_floor(connections, seconds):
    assert step(SETTINGS, connections) == pytest.approx(seconds)


def test_without_a_per_connection_share_the_interval_stays_as_configured():
    assert step({**SETTINGS, "tally_us_per_connection": 0}, 5_000) == pytest.approx(0.150)


# --- the loop, driven by hand with a fake clock ------------------------------------------------

def _updates(broadcasts, event: str = "attendance:update") -> list:
    return [payload for _room, name, payload in broadcasts if name == event]


def test_marks_wait_for_the_commit_and_the_round_then_go_out_once(coalescing, fake_clock,
                                                                  broadcasts, make_meeting):
    from govhub.extensions import db
    from govhub.meetings import attendance

    meeting = make_meeting("in_session")
    first, second, third = meeting.council.test_members
    broadcasts.clear()
    attendance.check_in(first, meeting)
    db.session.commit()
    attendance.check_in(second, meeting)
    db.session.commit()
    assert broadcasts == []  # nothing before the loop's round
    fake_clock.advance(0.15)
    coalescing.round()
    [update] = _updates(broadcasts)
    assert update["present_count"] == 2
    assert [change["user_id"] for change in update["changes"]] == [first.id, second.id]
    attendance.check_in(third, meeting)
    db.session.commit()
    fake_clock.advance(0.15)
    coalescing.round()
    assert len(_updates(broadcasts)) == 1  # attendance goes out at most once a second
    fake_clock.advance(0.85)
    coalescing.round()
    assert [update["present_count"] for update in _updates(broadcasts)] == [2, 3]


def test_a_savepoint_rolled_back_drops_its_own_marks_only(coalescing, fake_clock, broadcasts,
                                                          make_meeting):
    from govhub.core.errors import DomainError
    from govhub.extensions import db
    from govhub.meetings import attendance

    kept, refused = make_meeting("in_session"), make_meeting("in_session")
    broadcasts.clear()
    attendance.check_in(kept.council.test_members[0], kept)
    with pytest.raises(DomainError), db.session.begin_nested():
        attendance.check_in(refused.council.test_members[0], refused)
        raise DomainError("refused", "Refused after the mark.")
    db.session.commit()
    fake_clock.advance(0.15)
    coalescing.round()
    assert [(u["meeting_id"], u["present_count"]) for u in _updates(broadcasts)] == [(kept.id, 1)]


def test_a_released_savepoint_s_marks_wait_for_the_outer_commit(coalescing, fake_clock,
                                                                broadcasts, make_meeting):
    from govhub.extensions import db
    from govhub.meetings import attendance

    meeting = make_meeting("in_session")
    broadcasts.clear()
    with db.session.begin_nested():
        attendance.check_in(meeting.council.test_members[0], meeting)
    assert coalescing.pending == {}  # what the loop, in its own greenlet, would see now
    db.session.commit()
    assert list(coalescing.pending) == [("attendance", meeting.id)]
    fake_clock.advance(0.15)
    coalescing.round()
    assert [u["present_count"] for u in _updates(broadcasts)] == [1]


def test_a_rolled_back_transaction_leaves_no_mark(coalescing, fake_clock, broadcasts,
                                                  make_meeting):
    from govhub.extensions import db
    from govhub.meetings import attendance

    meeting = make_meeting("in_session")
    broadcasts.clear()
    attendance.check_in(meeting.council.test_members[0], meeting)
    db.session.rollback()
    fake_clock.advance(1)
    coalescing.round()
    assert coalescing.pending == {} and broadcasts == []


def test_the_room_s_cached_count_is_forgotten_when_the_outer_transaction_commits(
        coalescing, make_meeting):
    from govhub.extensions import db
    from govhub.meetings import attendance, queries

    meeting = make_meeting("in_session")
    with db.session.begin_nested():
        attendance.check_in(meeting.council.test_members[0], meeting)
    # A join served meanwhile by another connection caches the count it read.
    queries._recent_summaries[meeting.id] = (0.0, {"present_count": 0})
    db.session.commit()
    assert queries.recent_attendance_summary(meeting)["present_count"] == 1
