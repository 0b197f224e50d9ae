"""Who reads the audit trail: admins all of it, a worker their community's, nobody else.
Pure functions: the users here are never stored."""

from datetime import UTC, datetime

import pytest

from govhub.audit import permissions
from govhub.auth.models import AnonymousUser, User


def _user(role: str, community_id: int | None = 1, disabled: bool = False) -> User:
    return User(id=7, role=role, community_id=community_id,
                disabled_at=datetime(2026, 1, 1, tzinfo=UTC) if disabled else None)


@pytest.mark.parametrize("actor, allowed", [
    (_user("admin"), True), (_user("admin", community_id=None), True),
    (_user("worker"), True), (_user("worker", community_id=None), False),
    (_user("resident"), False), (_user("partner"), False),
    (_user("admin", disabled=True), False), (_user("worker", disabled=True), False),
    (AnonymousUser(), False), (None, False),
])
def test_only_the_office_reads_the_audit_page(actor, allowed):
    assert permissions.can_read_audit(actor) is allowed


def test_a_worker_reads_only_their_communitys_events():
    worker = _user("worker", community_id=1)
    assert permissions.can_read_event(worker, 1)
    assert not permissions.can_read_event(worker, 2)
    assert not permissions.can_read_event(worker, None)
    assert permissions.readable_communities(worker) == frozenset({1})


def test_an_admin_reads_every_event_even_those_of_no_community():
    admin = _user("admin", community_id=None)
    assert permissions.can_read_event(admin, 1) and permissions.can_read_event(admin, None)
    assert permissions.readable_communities(admin) is None


@pytest.mark.parametrize("actor", [_user("resident"), _user("partner"), AnonymousUser(),
                                   _user("worker", community_id=None)])
def test_everyone_else_reads_no_event(actor):
    assert permissions.readable_communities(actor) == frozenset()
    assert not permissions.can_read_event(actor, 1)
