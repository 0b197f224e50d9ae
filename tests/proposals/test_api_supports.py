"""The proposals' JSON API: supporting, taking a support back, the threshold that queues a
proposal onto the next meeting's agenda, and who may see the supporters."""

import sqlalchemy as sa

from govhub.extensions import db
from govhub.meetings.models import AgendaItem
from govhub.proposals import services
from govhub.proposals.models import Proposal, ProposalSupport, SupportSource
from tests.helpers.api import api_error, api_ok, sent


def _support(client, headers, proposal):
    return client.put(f"/api/v1/proposals/{proposal.id}/support", headers=headers)


def _unsupport(client, headers, proposal):
    return client.delete(f"/api/v1/proposals/{proposal.id}/support", headers=headers)


def _supports(proposal) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSupport).where(
        ProposalSupport.proposal_id == proposal.id))


# --- supporting ----------------------------------------------------------------------------------

def test_a_resident_supports_a_proposal_once(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=3)
    headers = auth(neighbour)
    assert api_ok(_support(client, headers, proposal)) == {
        "support_count": 2, "state": "published", "threshold": 3, "reached": False}
    assert api_error(_support(client, headers, proposal), 409)["code"] == "already_supported"
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).support_count == 2 and _supports(proposal) == 2
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}", headers=headers))
    assert body["your_support"] is True and body["may_support"] is False


def test_supporting_needs_a_token(client, make_proposal, residents):
    proposal = make_proposal(residents(1)[0])
    assert api_error(_support(client, {}, proposal), 401)["code"] == "unauthorized"
    assert api_error(_unsupport(client, {}, proposal), 401)["code"] == "unauthorized"


def test_only_residents_of_the_community_support(client, auth, make_proposal, residents,
                                                 worker, make_user, make_community):
    proposal = make_proposal(residents(1)[0])
    for user in (worker, make_user(community=make_community()), make_user(confirmed=False)):
        assert api_error(_support(client, auth(user), proposal), 403)["code"] == "forbidden"
    assert _supports(proposal) == 1


def test_an_unknown_proposal_or_someone_elses_draft_cannot_be_supported(client, auth,
                                                                         make_proposal,
                                                                         residents):
    author, neighbour = residents(2)
    draft = make_proposal(author, publish=False)
    assert api_error(_support(client, auth(neighbour), draft), 404)["code"] == "not_found"
    response = client.put("/api/v1/proposals/424242/support", headers=auth(neighbour))
    assert api_error(response, 404)["code"] == "not_found"
    assert _supports(draft) == 0


def test_a_withdrawn_proposal_takes_no_support(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author)
    services.withdraw_proposal(author, proposal, "重复了")
    db.session.commit()
    assert api_error(_support(client, auth(neighbour), proposal), 409)["code"] == "not_open"
    assert _supports(proposal) == 1


# --- the threshold --------------------------------------------------------------------------

def test_the_support_that_reaches_the_threshold_queues_it_on_the_next_meeting(
        client, auth, make_proposal, residents, make_meeting, council, broadcasts):
    author, first, last = residents(3)
    meeting = make_meeting("scheduled", council=council, items=1)
    proposal = make_proposal(author, threshold=3)
    broadcasts.clear()  # the meeting's own announcements
    assert api_ok(_support(client, auth(first), proposal))["reached"] is False
    assert sent(broadcasts, "agenda:update", meeting) == []
    assert api_ok(_support(client, auth(last), proposal)) == {
        "support_count": 3, "state": "queued", "threshold": 3, "reached": True}
    [item] = db.session.scalars(sa.select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.title == "楼道加装扶手")).all()
    [update] = sent(broadcasts, "agenda:update", meeting)
    assert "楼道加装扶手" in [entry["title"] for entry in update["items"]]
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}"))
    assert (body["state"], body["agenda_item_id"], body["meeting_id"]) == (
        "queued", item.id, meeting.id)
    assert body["answer_due_on"] and body["reached_at"]


def test_supports_after_the_threshold_are_counted_without_queueing_again(
        client, auth, make_proposal, residents, make_meeting, council, broadcasts):
    author, first, later = residents(3)
    meeting = make_meeting("scheduled", council=council, items=1)
    proposal = make_proposal(author, threshold=2)
    broadcasts.clear()
    api_ok(_support(client, auth(first), proposal))
    assert api_ok(_support(client, auth(later), proposal)) == {
        "support_count": 3, "state": "queued", "threshold": 2, "reached": False}
    assert len(sent(broadcasts, "agenda:update", meeting)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id)) == 2


def test_without_a_meeting_the_proposal_waits(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=2)
    assert api_ok(_support(client, auth(neighbour), proposal))["reached"] is True
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}"))
    assert (body["state"], body["agenda_item_id"], body["meeting_id"]) == ("queued", None, None)


# --- taking a support back -------------------------------------------------------------------

def test_a_resident_takes_a_support_back(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author)
    headers = auth(neighbour)
    api_ok(_support(client, headers, proposal))
    response = _unsupport(client, headers, proposal)
    assert response.status_code == 204 and response.get_data() == b""
    assert api_ok(client.get(f"/api/v1/proposals/{proposal.id}"))["support_count"] == 1
    assert api_error(_unsupport(client, headers, proposal), 409)["code"] == "not_supported"


def test_an_author_keeps_their_support(client, auth, make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author)
    assert api_error(_unsupport(client, auth(author), proposal), 409)["code"] == "author_support"
    assert _supports(proposal) == 1


def test_a_support_that_queued_a_proposal_is_signed(client, auth, make_proposal, residents):
    author, neighbour = residents(2)
    proposal = make_proposal(author, threshold=2)
    api_ok(_support(client, auth(neighbour), proposal))
    assert api_error(_unsupport(client, auth(neighbour), proposal),
                     409)["code"] == "support_signed"
    assert _supports(proposal) == 2


def test_the_office_has_no_support_to_take_back(client, auth, make_proposal, residents, worker):
    proposal = make_proposal(residents(1)[0])
    assert api_error(_unsupport(client, auth(worker), proposal), 403)["code"] == "forbidden"


# --- who supports --------------------------------------------------------------------------

def _paper(proposal):
    db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=None,
                                   person_key="paper:王阿姨|3-2-101", source=SupportSource.PAPER))
    db.session.commit()


def test_supporters_are_private_by_default_but_for_the_office(client, auth, make_proposal,
                                                              residents, worker, make_user):
    author = make_user(display_name="张阿姨", email="zhang@example.cn", phone="13800000000")
    neighbour = residents(1)[0]
    proposal = make_proposal(author)
    api_ok(_support(client, auth(neighbour), proposal))
    _paper(proposal)
    url = f"/api/v1/proposals/{proposal.id}/supporters"
    assert api_error(client.get(url), 403)["code"] == "forbidden"
    assert api_error(client.get(url, headers=auth(neighbour)), 403)["code"] == "forbidden"
    body = api_ok(client.get(url, headers=auth(worker)))
    assert [(s["display_name"], s["source"]) for s in body["items"]] == [
        ("张阿姨", "online"), (neighbour.display_name, "online"), (None, "paper")]
    assert (body["total"], body["page"], body["pages"]) == (3, 1, 1)
    assert all(s["supported_at"] for s in body["items"])
    assert not {"zhang@example.cn", "13800000000", author.username, "王阿姨",
                "3-2-101"} & set(str(body).split("'"))


def test_a_council_may_make_its_supporters_public(client, make_proposal, residents, worker,
                                                  council):
    author = residents(1)[0]
    proposal = make_proposal(author)
    services.save_settings(worker, council, threshold_kind="absolute", threshold_value=3,
                           time_limit_days=90, answer_working_days=15, supports_public=True)
    db.session.commit()
    body = api_ok(client.get(f"/api/v1/proposals/{proposal.id}/supporters"))
    assert [s["display_name"] for s in body["items"]] == [author.display_name]


def test_a_drafts_supporters_are_as_invisible_as_the_draft(client, auth, make_proposal,
                                                          residents, worker):
    author, neighbour = residents(2)
    draft = make_proposal(author, publish=False)
    url = f"/api/v1/proposals/{draft.id}/supporters"
    assert api_error(client.get(url, headers=auth(neighbour)), 404)["code"] == "not_found"
    assert api_ok(client.get(url, headers=auth(worker)))["items"] == []
    assert api_error(client.get("/api/v1/proposals/424242/supporters"), 404)
    assert "page" in api_error(client.get(url + "?page=0", headers=auth(worker)),
                               422)["fields"]["query"]
