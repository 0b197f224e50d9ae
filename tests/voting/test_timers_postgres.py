"""Two processes sweep the timers at the same moment on PostgreSQL: the poll closes once.

Each sweep runs in its own thread with its own session and connection, on a
throwaway database migrated from empty; both read the poll as overdue
before either claims it, so the second claim waits for the first one's
commit and then finds the poll no longer open.
"""

import threading
from datetime import timedelta

import flask_migrate
import pytest
import sqlalchemy as sa

from govhub import create_app
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.realtime import publisher
from govhub.voting import queries, timers
from tests.conftest import TEST_SETTINGS
from tests.helpers import PASSWORD
from tests.helpers.servers import postgres_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def overdue_poll(tmp_path):
    """(app, poll id): the demo's poll, opened with a timer that has run out."""
    from govhub.auth.models import User
    from govhub.demo.services import load_demo
    from govhub.meetings.models import Meeting, MeetingStatus
    from govhub.voting import services
    from govhub.voting.models import Poll, PollStatus

    with postgres_database("timers") as url:
        app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                          "database_url": url})
        with app.app_context():
            flask_migrate.upgrade()
            load_demo(residents=5, password=PASSWORD)
            db.session.commit()
            meeting = db.session.scalar(sa.select(Meeting).where(
                Meeting.status == MeetingStatus.IN_SESSION))
            poll = db.session.scalar(sa.select(Poll).where(
                Poll.meeting_id == meeting.id, Poll.status == PollStatus.DRAFT))
            worker = db.session.scalar(sa.select(User).where(User.username == "worker"))
            services.open_poll(worker, poll, closes_in_seconds=10)
            poll.closes_at = utcnow() - timedelta(seconds=1)
            db.session.commit()
            poll_id = poll.id
        try:
            yield app, poll_id
        finally:
            with app.app_context():
                for engine in db.engines.values():
                    engine.dispose()


def test_two_sweeps_at_once_close_the_poll_once_and_say_so_once(overdue_poll, monkeypatch):
    app, poll_id = overdue_poll
    sent, closed = [], []
    monkeypatch.setattr(publisher, "deliver", lambda room, event, payload:
                        sent.append((event, payload.get("id"))))
    both_saw_it = threading.Barrier(2, timeout=30)
    read_overdue = queries.overdue_polls

    def overdue_seen_by_both():
        polls = read_overdue()
        both_saw_it.wait()
        return polls

    monkeypatch.setattr(queries, "overdue_polls", overdue_seen_by_both)

    def sweep():
        with app.app_context():
            closed.append(timers.close_overdue_polls())

    sweeps = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in sweeps:
        thread.start()
    for thread in sweeps:
        thread.join(60)
    assert sorted(closed) == [0, 1]
    assert sent == [("poll:closed", poll_id)]
