"""`govhub admission-remind`: the day before a decision is due, and once overdue; run twice,
it sends nothing twice."""

from datetime import timedelta

import sqlalchemy as sa

from govhub.admission.requests import queries
from govhub.admission.requests.commands import admission_remind_command
from govhub.extensions import db
from govhub.notifications.models import Notification


def _kinds(user):
    return sorted(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id, Notification.kind.like("admission.%due%"))))


def _run(app):
    result = app.test_cli_runner().invoke(admission_remind_command)
    assert result.exit_code == 0, result.output
    return result.output


def test_reviewers_are_reminded_once_the_day_before_and_once_overdue(app, make_request,
                                                                     reviewer):
    soon, late = make_request("submitted"), make_request("consultation", title="另一项")
    emergency = make_request("emergency", title="防汛人员排查")
    today = queries.today()
    soon.decision_due_on = today + timedelta(days=1)
    late.decision_due_on = today - timedelta(days=3)
    emergency.decision_due_on = today - timedelta(days=1)
    db.session.commit()
    assert "1 reminder(s) of decisions due tomorrow and 2 of overdue" in _run(app)
    assert _kinds(reviewer) == ["admission.due_soon", "admission.overdue",
                                "admission.overdue"]
    assert "Nothing to remind of." in _run(app)
    assert len(_kinds(reviewer)) == 3


def test_decided_and_far_off_requests_are_not_reminded(app, make_request, reviewer):
    request = make_request("submitted")
    request.decision_due_on = queries.today() + timedelta(days=5)
    db.session.commit()
    assert "Nothing to remind of." in _run(app)
    assert _kinds(reviewer) == []


def test_an_overdue_review_is_flagged(make_request):
    request = make_request("submitted")
    assert not queries.is_overdue(request)
    request.decision_due_on = queries.today() - timedelta(days=1)
    assert queries.is_overdue(request)


def test_the_servers_clock_reminds_as_the_command_does_and_never_twice(app, make_request,
                                                                       reviewer):
    from govhub.admission.requests.timers import remind_admission_decisions
    from govhub.realtime import coalesce

    assert (60.0, remind_admission_decisions) in coalesce._clocks  # runs from server start
    late = make_request("consultation")
    late.decision_due_on = queries.today() - timedelta(days=2)
    db.session.commit()
    remind_admission_decisions()
    assert _kinds(reviewer) == ["admission.overdue"]
    remind_admission_decisions()
    assert "Nothing to remind of." in _run(app)
    assert _kinds(reviewer) == ["admission.overdue"]
