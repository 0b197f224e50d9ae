"""The office answers a queued proposal; its authors and supporters hear the answer."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.proposals import answers, services
from govhub.proposals.rules import ProposalState


@pytest.fixture
def queued(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    proposal.test_people = (author, supporter)
    return proposal


def _told(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id).order_by(Notification.id)))


@pytest.mark.parametrize(("answer", "reason", "state"), [
    ("accept", "", ProposalState.ACCEPTED),
    ("decline_not_feasible", "消防通道不能占用", ProposalState.NOT_FEASIBLE),
    ("decline_not_competent", "请向区住建委反映", ProposalState.NOT_COMPETENT),
])
def test_every_answer_is_told_to_authors_and_supporters(queued, worker, answer, reason, state):
    answers.answer_proposal(worker, queued, answer, reason)
    db.session.commit()
    assert queued.state == state and queued.reason == reason
    assert queued.answered_by_id == worker.id and queued.answered_at is not None
    for person in queued.test_people:
        assert _told(person)[-1] == f"proposals.{state}"


def test_done_by_the_office_becomes_a_public_action_item(queued, worker):
    due = services.today_of(queued) + timedelta(days=30)
    answers.answer_proposal(worker, queued, "do_directly", due_on=due)
    db.session.commit()
    item = db.session.get(ActionItem, queued.action_item_id)
    assert (item.title, item.owner_id, item.due_on, item.is_public) == (
        queued.title, worker.id, due, True)
    assert queued.state == ProposalState.DONE_BY_OFFICE


@pytest.mark.parametrize(("answer", "reason", "due", "code"), [
    ("decline_not_feasible", "  ", None, "reason_required"),
    ("decline_not_competent", "", None, "reason_required"),
    ("archive", "", None, "invalid_answer"),
    ("maybe", "", None, "invalid_answer"),
    ("do_directly", "", None, "due_date_required"),
])
def test_an_answer_without_what_it_owes_is_refused(queued, worker, answer, reason, due, code):
    with pytest.raises(DomainError) as refused:
        answers.answer_proposal(worker, queued, answer, reason, due_on=due)
    assert refused.value.code == code
    db.session.rollback()
    assert queued.state == ProposalState.QUEUED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionItem)) == 0


def test_only_a_queued_proposal_is_answered_and_only_by_the_office(make_proposal, residents,
                                                                    worker, queued):
    [author] = residents(1)
    collecting = make_proposal(author, threshold=5, title="还在征集")
    with pytest.raises(DomainError) as early:
        answers.answer_proposal(worker, collecting, "accept")
    assert early.value.code == "transition_not_allowed"
    with pytest.raises(Forbidden):
        answers.answer_proposal(queued.test_people[0], queued, "accept")
    answers.answer_proposal(worker, queued, "accept")
    with pytest.raises(DomainError) as twice:
        answers.answer_proposal(worker, queued, "decline_not_feasible", "改主意了")
    assert twice.value.code == "transition_not_allowed"


def test_a_declined_proposal_leaves_an_agenda_that_has_not_begun(make_proposal, residents,
                                                                  worker, council,
                                                                  make_meeting):
    coming = make_meeting("scheduled", council=council)
    author, a, b = residents(3)
    declined = make_proposal(author, threshold=2, title="夜市")
    accepted = make_proposal(author, threshold=2, title="雨棚")
    services.support_proposal(a, declined)
    services.support_proposal(b, accepted)
    answers.answer_proposal(worker, declined, "decline_not_feasible", "消防通道")
    answers.answer_proposal(worker, accepted, "accept")
    db.session.commit()
    titles = [item.title for item in coming.items]
    assert "雨棚" in titles and "夜市" not in titles
    assert declined.agenda_item_id is None and accepted.agenda_item.meeting_id == coming.id
