"""Broadcasts leave only after the transaction commits, and never after a rollback."""

import pytest

from govhub.extensions import db
from govhub.realtime.publisher import publish


def test_nothing_is_sent_before_commit(broadcasts):
    publish("meeting:1", "attendance:update", {"present": 3})
    assert broadcasts == []
    db.session.commit()
    assert broadcasts == [("meeting:1", "attendance:update", {"present": 3})]


def test_a_rollback_drops_the_queue(broadcasts):
    publish("meeting:1", "poll:tally", {"yes": 1})
    db.session.rollback()
    db.session.commit()
    assert broadcasts == []


def test_messages_keep_their_order(broadcasts):
    for n in range(3):
        publish("meeting:1", "speakers:update", {"n": n})
    db.session.commit()
    assert [payload["n"] for _room, _event, payload in broadcasts] == [0, 1, 2]


def test_a_broadcast_needs_a_room(broadcasts):
    with pytest.raises(ValueError):
        publish("", "poll:tally", {})


# --- savepoints: one queue per transaction, sent after the outermost commit -----------------

def test_a_savepoint_released_sends_nothing_before_the_outer_commit(broadcasts):
    with db.session.begin_nested():
        publish("meeting:1", "poll:opened", {"id": 1})
    assert broadcasts == []
    db.session.commit()
    assert broadcasts == [("meeting:1", "poll:opened", {"id": 1})]


def test_a_savepoint_rolled_back_drops_only_its_own_messages(broadcasts):
    publish("meeting:1", "poll:tally", {"n": 1})
    with pytest.raises(RuntimeError), db.session.begin_nested():
        publish("meeting:2", "poll:tally", {"n": 2})
        raise RuntimeError("refused")
    publish("meeting:1", "poll:tally", {"n": 3})
    db.session.commit()
    assert broadcasts == [("meeting:1", "poll:tally", {"n": 1}),
                          ("meeting:1", "poll:tally", {"n": 3})]


def test_an_outer_rollback_drops_what_released_savepoints_queued(broadcasts):
    with db.session.begin_nested():
        publish("meeting:1", "poll:closed", {"id": 1})
    db.session.rollback()
    db.session.commit()
    assert broadcasts == []
