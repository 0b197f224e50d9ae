"""The after-transaction queue: savepoints keep their own work, the outermost commit runs it."""

import pytest
import sqlalchemy as sa

from govhub.core.after_transaction import after_commit, after_rollback
from govhub.extensions import db


@pytest.fixture
def done(app):
    return []


def _later(done, name):
    after_commit(done.append, name)
    after_rollback(done.append, f"undo {name}")


def test_work_runs_once_after_the_commit_in_order(done):
    for name in ("a", "b", "c"):
        after_commit(done.append, name)
    assert done == []
    db.session.commit()
    assert done == ["a", "b", "c"]
    db.session.commit()
    assert done == ["a", "b", "c"]


def test_savepoints_two_deep_merge_upwards_and_run_after_the_outermost_commit(done):
    _later(done, "outer")
    with db.session.begin_nested():
        _later(done, "middle")
        with db.session.begin_nested():
            _later(done, "inner")
        assert done == []
    assert done == []
    db.session.commit()
    assert done == ["outer", "middle", "inner"]


def test_a_savepoint_rollback_undoes_only_its_own_work(done):
    _later(done, "before")
    savepoint = db.session.begin_nested()
    _later(done, "inside")
    with db.session.begin_nested():
        _later(done, "deeper")  # released into the savepoint, then rolled back with it
    savepoint.rollback()
    assert done == ["undo deeper", "undo inside"]
    _later(done, "after")
    db.session.commit()
    assert done == ["undo deeper", "undo inside", "before", "after"]


def test_the_outermost_rollback_undoes_everything_released_into_it(done):
    _later(done, "outer")
    with db.session.begin_nested():
        _later(done, "released")
    db.session.rollback()
    assert done == ["undo released", "undo outer"]
    db.session.commit()
    assert done == ["undo released", "undo outer"]


def test_rolling_back_a_savepoint_with_one_still_open_inside_drops_both(done):
    _later(done, "before")
    outer = db.session.begin_nested()
    db.session.begin_nested()
    _later(done, "inner, never ended by hand")
    outer.rollback()
    db.session.commit()
    assert done == ["undo inner, never ended by hand", "before"]


def test_a_failed_flush_in_a_savepoint_keeps_the_transaction_s_work(done, make_user):
    from govhub.auth.models import User

    existing = make_user()
    _later(done, "kept")
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        _later(done, "lost")
        db.session.add(User(username=existing.username, display_name="Twice",
                            password_hash="x", role=existing.role))
        db.session.flush()  # the unique username refuses it
    db.session.commit()
    assert done == ["undo lost", "kept"]


def test_closing_the_session_without_a_commit_is_a_rollback(done):
    _later(done, "open")
    db.session.close()
    assert done == ["undo open"]


def test_one_failing_piece_of_work_does_not_stop_the_others(done, caplog):
    def broken():
        raise RuntimeError("broken")

    after_commit(broken)
    after_commit(done.append, "still")
    db.session.commit()
    assert done == ["still"]
    assert "broken" in caplog.text
