"""The office answers a queued proposal from its page; everyone reads the answer there."""

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState


@pytest.fixture
def queued(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    proposal.test_people = (author, supporter)
    return proposal


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _fresh(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


def _items() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ActionItem))


def _answer(post_form, proposal, **data):
    path = f"/proposals/{proposal.id}"
    return post_form(f"{path}/answer", data, page=path, follow_redirects=True)


def test_the_office_sees_the_form_and_the_evaluator_their_deadline(client, login, queued,
                                                                    worker):
    login(worker)
    page = _text(client.get(f"/proposals/{queued.id}"))
    assert "Answer the proposal" in page
    for answer in ("accept", "do_directly", "decline_not_feasible", "decline_not_competent"):
        assert f'type="radio" name="answer" id="answer-{answer}"' in page
    assert queued.evaluator_id == worker.id
    assert "You evaluate this proposal; answer by" in page


@pytest.mark.parametrize("reader", ["anonymous", "author"])
def test_others_see_no_form(client, login, queued, reader):
    if reader == "author":
        login(queued.test_people[0])
    page = _text(client.get(f"/proposals/{queued.id}"))
    assert "Answer the proposal" not in page and 'name="answer"' not in page


@pytest.mark.parametrize(("answer", "reason", "state", "label"), [
    ("accept", "", ProposalState.ACCEPTED, "Accepted for the agenda"),
    ("decline_not_feasible", "消防通道不能占用", ProposalState.NOT_FEASIBLE, "Not feasible"),
    ("decline_not_competent", "请向区住建委反映", ProposalState.NOT_COMPETENT,
     "Outside the community's competence"),
])
def test_every_answer_from_the_page(client, login, post_form, queued, worker, answer, reason,
                                    state, label):
    login(worker)
    page = _text(_answer(post_form, queued, answer=answer, reason=reason))
    assert "Your answer is given" in page
    assert _fresh(queued).state == state
    post_form("/logout", page="/")
    public = _text(client.get(f"/proposals/{queued.id}"))
    assert "The office's answer" in public and label in public and reason in public


def test_done_directly_links_its_action_item(client, login, post_form, queued, worker):
    login(worker)
    due = (services.today_of(queued) + timedelta(days=20)).isoformat()
    _answer(post_form, queued, answer="do_directly", due_on=due)
    proposal = _fresh(queued)
    assert proposal.state == ProposalState.DONE_BY_OFFICE
    page = _text(client.get(f"/proposals/{queued.id}"))
    assert f'href="/actions/{proposal.action_item_id}" class="proposal-office-item"' in page
    assert "Planned · 0% done" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"answer": "decline_not_feasible", "reason": "  "}, "Say why"),
    ({"answer": "decline_not_competent"}, "Say why"),
    ({"answer": "do_directly"}, "Give the action item a due date."),
    ({"answer": "maybe"}, "Choose one of the answers."),
    ({}, "Choose one of the answers."),
    ({"answer": "do_directly", "due_on": "next week"}, "Not a valid date value."),
])
def test_a_refused_answer_says_why_and_changes_nothing(login, post_form, queued, worker, data,
                                                      message):
    login(worker)
    page = _text(_answer(post_form, queued, **data))
    assert message in page
    assert _fresh(queued).state == ProposalState.QUEUED and _items() == 0


def test_only_the_office_answers(client, login, post_form, queued, residents):
    login(queued.test_people[0])
    response = post_form(f"/proposals/{queued.id}/answer", {"answer": "accept"},
                         page=f"/proposals/{queued.id}")
    assert response.status_code == 403
    assert _fresh(queued).state == ProposalState.QUEUED


def test_an_answered_proposal_is_not_answered_twice(login, post_form, queued, worker):
    login(worker)
    _answer(post_form, queued, answer="accept")
    page = _text(_answer(post_form, queued, answer="decline_not_feasible", reason="改主意了"))
    assert "This cannot be done to the proposal in its present state." in page
    assert _fresh(queued).state == ProposalState.ACCEPTED


def test_a_refused_answer_keeps_what_the_worker_typed(login, post_form, queued, worker):
    login(worker)
    response = _answer(post_form, queued, answer="do_directly",
                       reason="物业下周一开始施工，社区跟进。", follow_redirects=False)
    assert response.status_code == 400
    page = _text(response)
    assert "Give the action item a due date." in page
    assert "物业下周一开始施工，社区跟进。</textarea>" in page
    assert 'value="do_directly" aria-describedby="answer-do_directly-help" checked>' in page
