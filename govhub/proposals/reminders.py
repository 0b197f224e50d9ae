"""Answer deadlines kept: the day before a queued proposal's answer is due its evaluator is
reminded, and the day after, unanswered, the evaluator and the community's other workers
are told it is overdue (the page flags it too). Each reminder is sent once per proposal and
kind: its row is claimed first, so several processes sweeping at once send it once.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from govhub.actions.labels import day_text
from govhub.auth.models import User
from govhub.core.errors import DomainError
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.notifications.services import notify, register
from govhub.proposals import rules, services
from govhub.proposals.models import Proposal, ProposalReminder
from govhub.proposals.rules import AnswerReminder, ProposalState


def _due_day(fields: dict) -> dict:
    """The day the answer is due, in the reader's language ("2026年12月29日")."""
    return {"due": day_text(date.fromisoformat(fields["due"]))}


register("proposals.evaluate",
         _l("Evaluate the proposal %(proposal)s and answer by %(due)s."), fields=_due_day)
register("proposals.answer_due_soon",
         _l("The answer to the proposal %(proposal)s is due on %(due)s."), fields=_due_day)
register("proposals.answer_overdue",
         _l("The answer to the proposal %(proposal)s was due on %(due)s and is overdue."),
         fields=_due_day)


def waiting_for_an_answer() -> list[Proposal]:
    """Queued proposals not yet answered whose answer is due by tomorrow somewhere, and whose
    office has not yet been told it is overdue (the last reminder)."""
    told_overdue = sa.exists().where(ProposalReminder.proposal_id == Proposal.id,
                                     ProposalReminder.kind == AnswerReminder.OVERDUE)
    tomorrow = (utcnow() + timedelta(days=2)).date()  # tomorrow in every time zone
    return list(db.session.scalars(sa.select(Proposal).where(
        Proposal.state == ProposalState.QUEUED, Proposal.answered_at.is_(None),
        Proposal.answer_due_on.is_not(None), Proposal.answer_due_on <= tomorrow,
        ~told_overdue).order_by(Proposal.answer_due_on, Proposal.id)))


def remind(proposal: Proposal) -> None:
    """Send the reminder today calls for, if it was not sent; a DomainError if another
    process claimed it first (the sweep rolls that back)."""
    kind = rules.answer_reminder(services.today_of(proposal), proposal.answer_due_on)
    if kind is None or db.session.scalar(sa.select(sa.exists().where(
            ProposalReminder.proposal_id == proposal.id, ProposalReminder.kind == kind))):
        return
    try:
        with db.session.begin_nested():
            db.session.add(ProposalReminder(proposal_id=proposal.id, kind=kind))
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("already_reminded", "sent already") from None
    data = {"proposal": proposal.title, "due": proposal.answer_due_on.isoformat()}
    link = f"/proposals/{proposal.id}"
    if kind == AnswerReminder.DUE_SOON:
        notify([proposal.evaluator] if proposal.evaluator else [], "proposals.answer_due_soon",
               data, link)
    else:
        notify(_office(proposal), "proposals.answer_overdue", data, link)


def is_overdue(proposal: Proposal) -> bool:
    return (proposal.state == ProposalState.QUEUED and proposal.answered_at is None
            and proposal.answer_due_on is not None
            and services.today_of(proposal) > proposal.answer_due_on)


def _office(proposal: Proposal) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.community_id == proposal.community_id, User.role == Role.WORKER,
        User.disabled_at.is_(None)).order_by(User.id)))
