"""Merging duplicates on the proposal's page and over the API, for each role."""

import html

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import merges, services
from govhub.proposals.merge_models import ProposalMerge
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState
from tests.helpers.api import api_error, api_ok


@pytest.fixture
def pair(make_proposal, residents):
    a, b = residents(2)
    source = make_proposal(a, threshold=6, title="楼道装扶手")
    target = make_proposal(b, threshold=6, title="楼道加装扶手")
    return source, target


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _fresh(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


def _merges() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ProposalMerge))


# --- pages -------------------------------------------------------------------------------

def test_the_office_proposes_from_the_page_and_authors_answer(client, login, post_form, pair,
                                                               worker):
    source, target = pair
    path = f"/proposals/{source.id}"
    login(worker)
    page = _text(client.get(path))
    assert "Propose a merge into…" in page
    assert f'<option value="{target.id}">楼道加装扶手</option>' in page
    answer = _text(post_form(f"{path}/merges", {"target_id": target.id, "reason": "同一件事"},
                             page=path, follow_redirects=True))
    assert "The merge is proposed; the authors are asked." in answer
    assert "The office proposes to merge 楼道装扶手 into 楼道加装扶手." in answer
    assert "Cancel the merge" in answer and "Accept the merge" not in answer
    merge_id = db.session.scalar(sa.select(ProposalMerge.id))
    for author in (target.author, source.author):
        post_form("/logout", page="/")
        login(author)
        assert "Accept the merge" in _text(client.get(path))
        done = _text(post_form(f"/proposal-merges/{merge_id}/accept", page=path,
                               follow_redirects=True))
        assert "You accepted the merge." in done
    assert "Joined by" in done and "楼道装扶手" in done  # on the target's page now
    merged = _text(client.get(path))
    assert "Merged into" in merged and f'href="/proposals/{target.id}"' in merged
    assert _fresh(source).state == ProposalState.MERGED


@pytest.mark.parametrize("reader", ["anonymous", "author", "stranger"])
def test_others_cannot_propose(client, login, post_form, pair, residents, reader):
    source, target = pair
    if reader == "author":
        login(source.author)
    elif reader == "stranger":
        login(residents(1)[0])
    path = f"/proposals/{source.id}"
    assert "Propose a merge into…" not in _text(client.get(path))
    response = post_form(f"{path}/merges", {"target_id": target.id}, page=path)
    assert response.status_code in (302, 403)
    assert _merges() == 0


def test_a_stranger_sees_the_pending_merge_without_buttons(client, login, post_form, pair,
                                                           worker, residents):
    source, target = pair
    merge = merges.propose_merge(worker, source, target, "")
    db.session.commit()
    login(residents(1)[0])
    page = _text(client.get(f"/proposals/{source.id}"))
    assert "A proposed merge" in page and "Accept the merge" not in page
    response = post_form(f"/proposal-merges/{merge.id}/accept", page=f"/proposals/{source.id}")
    assert response.status_code == 403
    assert _fresh(source).state == ProposalState.PUBLISHED


def test_a_refusal_on_the_page(client, login, post_form, pair, worker):
    source, target = pair
    merge = merges.propose_merge(worker, source, target, "")
    db.session.commit()
    login(source.author)
    path = f"/proposals/{source.id}"
    page = _text(post_form(f"/proposal-merges/{merge.id}/refuse", page=path,
                           follow_redirects=True))
    assert "You refused the merge: nothing moves." in page
    assert "A proposed merge" not in page
    assert _fresh(source).state == ProposalState.PUBLISHED


# --- API -----------------------------------------------------------------------------------

def test_the_api_merge_from_proposal_to_acceptance(client, auth, pair, worker):
    source, target = pair
    url = f"/api/v1/proposals/{source.id}/merges"
    merge = api_ok(client.post(url, headers=auth(worker),
                               json={"target_id": target.id, "reason": "同一件事"}), 201)
    assert (merge["status"], merge["target_id"], merge["may_answer"]) == (
        "pending", target.id, False)
    first = api_ok(client.post(f"/api/v1/proposal-merges/{merge['id']}/accept",
                               headers=auth(source.author)))
    assert first["status"] == "pending" and first["consents"][0]["decision"] == "accepted"
    done = api_ok(client.post(f"/api/v1/proposal-merges/{merge['id']}/accept",
                              headers=auth(target.author)))
    assert done["status"] == "accepted"
    listed = api_ok(client.get(f"/api/v1/proposals/{target.id}/merges"))["merges"]
    assert [m["id"] for m in listed] == [merge["id"]]
    detail = api_ok(client.get(f"/api/v1/proposals/{source.id}"))
    assert (detail["state"], detail["merged_into_id"]) == ("merged", target.id)
    assert api_ok(client.get(f"/api/v1/proposals/{target.id}"))["support_count"] == 2


def test_the_api_refusals(client, auth, pair, worker, residents):
    source, target = pair
    url = f"/api/v1/proposals/{source.id}/merges"
    assert api_error(client.post(url, headers=auth(worker), json={"target_id": source.id}),
                     400)["code"] == "merge_into_itself"
    api_error(client.post(url, headers=auth(source.author), json={"target_id": target.id}),
              403)
    api_error(client.post(url, headers=auth(worker), json={"target_id": 999999}), 404)
    api_error(client.post(url, json={"target_id": target.id}), 401)
    assert _merges() == 0
    merge = api_ok(client.post(url, headers=auth(worker), json={"target_id": target.id}), 201)
    assert api_error(client.post(url, headers=auth(worker), json={"target_id": target.id}),
                     409)["code"] == "merge_pending"
    api_error(client.post(f"/api/v1/proposal-merges/{merge['id']}/accept",
                          headers=auth(residents(1)[0])), 403)
    api_error(client.post(f"/api/v1/proposal-merges/{merge['id']}/cancel",
                          headers=auth(source.author)), 403)
    api_ok(client.post(f"/api/v1/proposal-merges/{merge['id']}/refuse",
                       headers=auth(target.author)))
    assert api_error(client.post(f"/api/v1/proposal-merges/{merge['id']}/accept",
                                 headers=auth(source.author)), 409)["code"] == "merge_closed"
    api_error(client.post("/api/v1/proposal-merges/999999/cancel", headers=auth(worker)), 404)
    assert _fresh(source).state == ProposalState.PUBLISHED


def test_the_office_cancels_over_the_api(client, auth, pair, worker):
    source, target = pair
    merge = merges.propose_merge(worker, source, target, "")
    db.session.commit()
    done = api_ok(client.post(f"/api/v1/proposal-merges/{merge.id}/cancel",
                              headers=auth(worker)))
    assert done["status"] == "cancelled"
    assert _fresh(source).state == ProposalState.PUBLISHED


def test_a_queued_proposal_gives_the_office_two_reasons_with_ids_of_their_own(
        client, login, make_proposal, residents, worker):
    author, supporter, other = residents(3)
    queued = make_proposal(author, threshold=2, title="楼道装扶手")
    make_proposal(other, threshold=6, title="楼道加装扶手")
    services.support_proposal(supporter, queued)
    db.session.commit()
    login(worker)
    page = _text(client.get(f"/proposals/{queued.id}"))
    assert "Answer the proposal" in page and "Propose a merge into…" in page
    assert page.count('id="reason"') == 1 and page.count('id="merge-reason"') == 1
    assert 'for="merge-reason"' in page
