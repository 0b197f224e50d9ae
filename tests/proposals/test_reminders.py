"""Answer deadlines: the evaluator is reminded the day before, the office when overdue, each
once; and the rule that says which, over every day around the deadline."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.proposals import answers, reminders, services, timers
from govhub.proposals.rules import AnswerReminder, answer_reminder

DUE = date(2026, 12, 18)


@pytest.mark.parametrize("days_before, kind", [
    (10, None), (2, None), (1, AnswerReminder.DUE_SOON), (0, AnswerReminder.DUE_SOON),
    (-1, AnswerReminder.OVERDUE), (-30, AnswerReminder.OVERDUE)])
def test_which_reminder_a_day_calls_for(days_before, kind):
    assert answer_reminder(DUE - timedelta(days=days_before), DUE) is kind


def _told(user, kind: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.kind == kind))


@pytest.fixture
def queued(make_proposal, residents, worker):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    assert proposal.evaluator == worker
    return proposal


def _due_in(proposal, days: int) -> None:
    proposal.answer_due_on = services.today_of(proposal) + timedelta(days=days)
    db.session.commit()


def test_the_evaluator_is_reminded_once_the_day_before(queued, worker):
    _due_in(queued, 1)
    timers.remind_unanswered_proposals()
    timers.remind_unanswered_proposals()
    assert _told(worker, "proposals.answer_due_soon") == 1
    assert not reminders.is_overdue(queued)


def test_an_overdue_answer_tells_the_whole_office_once(queued, worker, make_user):
    colleague = make_user(role="worker")
    _due_in(queued, -1)
    timers.remind_unanswered_proposals()
    timers.remind_unanswered_proposals()
    assert _told(worker, "proposals.answer_overdue") == 1
    assert _told(colleague, "proposals.answer_overdue") == 1
    assert reminders.is_overdue(queued)
    assert reminders.waiting_for_an_answer() == []  # both kinds are not needed: done with it


def test_an_answered_proposal_is_not_reminded(queued, worker):
    answers.answer_proposal(worker, queued, "accept")
    db.session.commit()
    _due_in(queued, -1)
    timers.remind_unanswered_proposals()
    assert _told(worker, "proposals.answer_overdue") == 0
    assert not reminders.is_overdue(queued)


def test_a_distant_deadline_waits(queued, worker):
    _due_in(queued, 5)
    assert reminders.waiting_for_an_answer() == []
    timers.remind_unanswered_proposals()
    assert _told(worker, "proposals.answer_due_soon") == 0


def test_the_page_flags_an_overdue_answer_in_both_languages(client, queued):
    _due_in(queued, -1)
    page = client.get(f"/proposals/{queued.id}").get_data(as_text=True)
    assert '<strong class="overdue-count">Overdue</strong>' in page
    chinese = client.get(f"/proposals/{queued.id}", headers={"Accept-Language": "zh-CN"})
    assert "已逾期" in chinese.get_data(as_text=True)


def test_the_reminder_says_the_day_in_the_readers_language(app, queued, worker):
    from flask_babel import force_locale

    from govhub.notifications.services import text_of

    _due_in(queued, 1)
    timers.remind_unanswered_proposals()
    told = db.session.scalar(sa.select(Notification).where(
        Notification.user_id == worker.id, Notification.kind == "proposals.answer_due_soon"))
    due = queued.answer_due_on
    with app.test_request_context(), force_locale("zh_Hans_CN"):
        assert f"{due.year}年{due.month}月{due.day}日" in text_of(told)
    with app.test_request_context(), force_locale("en"):
        assert f"{due.day}, {due.year}" in text_of(told)
