"""Whose hours each role sees: the worker their own, administrators everyone's, the public
only sums; never one worker's hours to another worker, nor to residents, partners,
department officers or the street's reviewers."""

from datetime import timedelta

import pytest

from govhub.admission.hours import permissions, services
from govhub.extensions import db

ROLES = ["admin", "worker", "colleague", "resident", "partner", "officer", "reviewer",
         "anonymous"]


@pytest.fixture
def people(make_user, worker, colleague):
    from flask_login import AnonymousUserMixin

    return {"admin": make_user("admin"), "worker": worker, "colleague": colleague,
            "resident": make_user("resident"), "partner": make_user("partner"),
            "officer": make_user("officer"), "reviewer": make_user("reviewer"),
            "anonymous": AnonymousUserMixin()}


@pytest.fixture
def entry(worker, items):
    made = services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    return made


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_workers_hours(people, worker, role):
    assert permissions.can_view_hours_of(people[role], worker.id) is (role in ("admin",
                                                                               "worker"))


@pytest.mark.parametrize("role", ROLES)
def test_who_logs_hours_and_sees_the_workload(people, role):
    assert permissions.can_log_hours(people[role]) is (role in ("worker", "colleague"))
    assert permissions.can_view_workload(people[role]) is (role in ("admin", "worker",
                                                                    "colleague"))
    assert permissions.sees_every_worker(people[role]) is (role == "admin")
    assert permissions.can_view_public_hours(people[role]) is True


@pytest.mark.parametrize("role", ROLES)
def test_only_the_worker_changes_their_entry(people, entry, today, role):
    assert permissions.can_change_entry(people[role], entry, today) is (role == "worker")
    assert not permissions.can_change_entry(people["worker"], entry,
                                            today + timedelta(days=15))


def test_a_disabled_worker_logs_and_sees_nothing(worker):
    worker.disabled_at = worker.created_at
    assert not permissions.can_log_hours(worker)
    assert not permissions.can_view_hours_of(worker, worker.id)
