"""POST /api/v1/proposals/{id}/answer: the office's answer over the JSON API."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from tests.helpers.api import api_error, api_ok


@pytest.fixture
def queued(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    proposal.test_people = (author, supporter)
    return proposal


def _fresh(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


def _items() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ActionItem))


def _post(client, proposal, headers, **body):
    return client.post(f"/api/v1/proposals/{proposal.id}/answer", headers=headers, json=body)


@pytest.mark.parametrize(("answer", "reason", "state"), [
    ("accept", "", ProposalState.ACCEPTED),
    ("decline_not_feasible", "消防通道不能占用", ProposalState.NOT_FEASIBLE),
    ("decline_not_competent", "请向区住建委反映", ProposalState.NOT_COMPETENT),
])
def test_the_office_answers(client, auth, queued, worker, answer, reason, state):
    body = api_ok(_post(client, queued, auth(worker), answer=answer, reason=reason))
    assert (body["state"], body["reason"], body["action_item_id"]) == (str(state), reason, None)
    assert body["answered_at"] is not None
    assert _fresh(queued).state == state


def test_done_directly_returns_its_action_item(client, auth, queued, worker):
    due = services.today_of(queued) + timedelta(days=20)
    body = api_ok(_post(client, queued, auth(worker), answer="do_directly",
                        due_on=due.isoformat()))
    assert body["state"] == "done_by_office"
    item = db.session.get(ActionItem, body["action_item_id"])
    assert (item.due_on, item.is_public, item.title) == (due, True, queued.title)


@pytest.mark.parametrize(("body", "code"), [
    ({"answer": "decline_not_feasible", "reason": "   "}, "reason_required"),
    ({"answer": "decline_not_competent"}, "reason_required"),
    ({"answer": "do_directly"}, "due_date_required"),
    ({"answer": "do_directly", "due_on": None}, "due_date_required"),
])
def test_what_the_answer_owes_is_asked_for(client, auth, queued, worker, body, code):
    error = api_error(_post(client, queued, auth(worker), **body), 400)
    assert error["code"] == code
    assert _fresh(queued).state == ProposalState.QUEUED and _items() == 0


@pytest.mark.parametrize("body", [
    {}, {"answer": "maybe"}, {"answer": "archive"}, {"answer": "accept", "due_on": "soon"},
    {"answer": "accept", "reason": "x" * 2001},
])
def test_bad_shapes_are_422(client, auth, queued, worker, body):
    api_error(_post(client, queued, auth(worker), **body), 422)
    assert _fresh(queued).state == ProposalState.QUEUED


def test_only_the_office_answers(client, auth, queued, make_user, make_community):
    elsewhere = make_user(role="worker", community=make_community())
    for person in (queued.test_people[0], elsewhere):
        api_error(_post(client, queued, auth(person), answer="accept"), 403)
    api_error(_post(client, queued, {}, answer="accept"), 401)
    assert _fresh(queued).state == ProposalState.QUEUED


def test_only_a_queued_proposal_is_answered(client, auth, make_proposal, residents, worker):
    [author] = residents(1)
    collecting = make_proposal(author, threshold=5)
    error = api_error(_post(client, collecting, auth(worker), answer="accept"), 409)
    assert error["code"] == "transition_not_allowed"
    assert _fresh(collecting).state == ProposalState.PUBLISHED


def test_a_draft_or_nothing_is_404(client, auth, make_proposal, residents, worker):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    api_error(client.post("/api/v1/proposals/999999/answer", headers=auth(worker),
                          json={"answer": "accept"}), 404)
    assert _fresh(draft).state == ProposalState.DRAFT


def test_the_answer_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/proposals/{proposal_id}/answer"]["post"]
    assert {"400", "401", "403", "404", "409", "422"} <= set(operation["responses"])
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "ProposalAnswer" in schema["$ref"]
