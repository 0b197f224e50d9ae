"""What of an event may be shown, and ranges of days; plus a label for every action the
services record."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from govhub.audit.labels import ACTIONS, TARGETS, action_label, target_label
from govhub.audit.rules import day_bounds, person_keys, range_problem, shown_details
from govhub.partners.enrolments.models import EnrolmentStatus
from govhub.partners.requests.models import RequestStatus


def test_secrets_and_ballots_are_never_shown_at_any_depth():
    data = {"title": "东门", "password": "x", "token": "t", "changes": {
        "password_hash": "h", "name": ["a", "b"]}, "ballots": [{"choice": "yes"}],
        "Choice": "no", "secret": True}
    assert shown_details("poll.created", data) == {
        "title": "东门", "changes": {"name": ["a", "b"]}, "secret": True}


def test_the_name_typed_at_a_failed_sign_in_is_not_shown():
    assert shown_details("user.login_failed", {"username": "hunter2"}) == {}
    assert shown_details("user.created", {"username": "wang"}) == {"username": "wang"}


def test_nothing_recorded_shows_nothing():
    assert shown_details("user.login", None) == {}


def test_a_reassignment_names_the_old_and_new_owners():
    assert {"old", "new", "user_id"} <= person_keys("action.reassigned")
    assert "old" not in person_keys("meeting.status_changed")


def test_a_range_of_days_runs_from_the_first_midnight_to_the_one_after_the_last():
    assert day_bounds(date(2026, 5, 1), date(2026, 5, 3)) == (
        datetime(2026, 5, 1), datetime(2026, 5, 4))
    assert day_bounds(None, None) == (None, None)


@pytest.mark.parametrize("since, until, problem", [
    (date(2026, 5, 3), date(2026, 5, 1), "range_reversed"),
    (date(1, 1, 1), None, "day_out_of_range"),
    (None, date(9999, 12, 31), "day_out_of_range"),
    (date(2026, 5, 1), date(2026, 5, 1), None),
    (None, None, None),
])
def test_a_range_of_days_must_make_sense(since, until, problem):
    assert range_problem(since, until) == problem


def _recorded_actions() -> set[str]:
    """Every action a service records, read from the source (the f-string families from
    their enums)."""
    found = set()
    for path in (Path(__file__).parents[2] / "govhub").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"(?:record|_audit)\([^,()]+,\s*\"([a-z_]+\.[a-z_]+)\"", text))
    found |= {f"service_request.{status.value}" for status in RequestStatus
              if status != RequestStatus.REQUESTED}
    found |= {f"enrolment.{status.value}" for status in
              (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)}
    return found


def test_every_recorded_action_has_a_label():
    recorded = _recorded_actions()
    assert len(recorded) > 60
    assert recorded <= set(ACTIONS), sorted(recorded - set(ACTIONS))


def test_an_unknown_action_or_kind_shows_its_code(app):
    with app.test_request_context():
        assert action_label("something.new") == "something.new"
        assert target_label("widgets") == "widgets"
        assert str(TARGETS["meetings"]) == "Meeting"
