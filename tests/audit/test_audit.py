"""The audit trail: sensitive actions leave a record that cannot be rewritten."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db


def _events(action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_creating_a_user_is_recorded_with_its_community(make_user, community):
    user = make_user("worker")
    (event,) = _events("user.created")
    assert event.target_type == "users" and event.target_id == user.id
    assert event.community_id == community.id
    assert event.data["role"] == "worker"


def test_role_changes_record_old_and_new(make_user):
    from govhub.auth.services import set_role

    admin, resident = make_user("admin"), make_user()
    set_role(admin, resident, "partner")
    db.session.commit()
    (event,) = _events("user.role_changed")
    assert event.actor_id == admin.id
    assert event.data == {"old": "resident", "new": "partner"}


def test_audit_events_cannot_be_changed(make_user):
    make_user()
    event = _events("user.created")[0]
    event.action = "something.else"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_audit_events_cannot_be_deleted(make_user):
    make_user()
    db.session.delete(_events("user.created")[0])
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
