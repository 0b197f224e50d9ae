"""Fixtures for following, notifications, reminders, analytics and feeds: the action item
tests' own (workers, resolutions, items, moves), plus a follower and a counter of SQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.notifications.models import Notification
from tests.actions.conftest import (  # noqa: F401  (fixtures shared with tests/actions)
    colleague,
    make_item,
    make_resolution,
    move,
    relogin,
    worker,
)


@pytest.fixture
def follow(app):
    """follow(user, resolution): the user follows it (through the service)."""
    from govhub.accountability import queries, services

    def run(user, resolution):
        found, meeting = queries.resolution_with_meeting(resolution.id)
        services.follow_resolution(user, found, meeting)
        db.session.commit()

    return run


@pytest.fixture
def notes(app):
    """notes(user, kind=None) -> the user's notifications about action items (or of that
    kind), oldest first. Meetings' own notifications (scheduled, started...) are left out."""

    def read(user, kind: str | None = None) -> list[Notification]:
        db.session.expire_all()
        query = sa.select(Notification).where(Notification.user_id == user.id)
        query = query.where(Notification.kind == kind) if kind else query.where(
            Notification.kind.startswith("actions."))
        return list(db.session.scalars(query.order_by(Notification.id)))

    return read

