"""Decisions kept on time: the day before a request's decision (or an emergency's review)
is due the street's reviewers are reminded, and once it is overdue they are told so. Each
reminder is sent once per request and kind: its row is claimed first, so running the
command again (or two at once) sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from govhub.actions.labels import day_text
from govhub.admission.requests import queries, rules, services
from govhub.admission.requests.models import AdmissionReminder, AdmissionRequest
from govhub.admission.requests.rules import Reminder
from govhub.extensions import db
from govhub.notifications.services import notify, register


def _due_day(fields: dict) -> dict:
    return {"due": day_text(date.fromisoformat(fields["due"]))}


register("admission.due_soon", _l("The decision on the admission request %(title)s is due "
                                  "on %(due)s."), fields=_due_day)
register("admission.overdue", _l("The decision on the admission request %(title)s was due "
                                 "on %(due)s and is overdue."), fields=_due_day)


@dataclass
class Sent:
    due_soon: int = 0
    overdue: int = 0


def waiting(today: date) -> list[AdmissionRequest]:
    """Requests under review due by tomorrow, not yet told they are overdue."""
    told = sa.exists().where(AdmissionReminder.request_id == AdmissionRequest.id,
                             AdmissionReminder.kind == Reminder.OVERDUE)
    return list(db.session.scalars(sa.select(AdmissionRequest).where(
        AdmissionRequest.state.in_(rules.UNDER_REVIEW),
        AdmissionRequest.decision_due_on.is_not(None),
        AdmissionRequest.decision_due_on <= today + timedelta(days=1), ~told)
        .order_by(AdmissionRequest.decision_due_on, AdmissionRequest.id)))


def remind(request: AdmissionRequest, today: date) -> Reminder | None:
    """Send the reminder today calls for unless it was sent; returns what was sent."""
    kind = rules.reminder_due(today, request.decision_due_on)
    if kind is None or db.session.scalar(sa.select(sa.exists().where(
            AdmissionReminder.request_id == request.id, AdmissionReminder.kind == kind))):
        return None
    try:
        with db.session.begin_nested():
            db.session.add(AdmissionReminder(request_id=request.id, kind=kind))
            db.session.flush()
    except sa.exc.IntegrityError:
        return None  # sent by an earlier run
    data = {"title": request.title, "due": request.decision_due_on.isoformat()}
    notify(services.reviewers_of(request.street_id), f"admission.{kind.value}", data,
           services.link_of(request))
    return kind


def send_reminders() -> Sent:
    """Every reminder due today; the caller commits."""
    today, sent = queries.today(), Sent()
    for request in waiting(today):
        kind = remind(request, today)
        if kind == Reminder.DUE_SOON:
            sent.due_soon += 1
        elif kind == Reminder.OVERDUE:
            sent.overdue += 1
    return sent
