"""Co-authors on the proposal's page and over the API, in both languages."""

import html

import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals.models import Proposal, ProposalCoauthor
from tests.helpers.api import api_error, api_ok


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _fresh(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


def _invitations() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ProposalCoauthor))


# --- pages -------------------------------------------------------------------------------

def test_the_author_invites_from_the_page_and_the_neighbour_accepts_from_theirs(
        client, login, post_form, make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(author)
    assert "Co-authors" in _text(client.get(path))
    sent = _text(post_form(f"{path}/coauthors", {"username": friend.username}, page=path,
                           follow_redirects=True))
    assert "The invitation is sent." in sent
    assert f"{friend.display_name} — invited, no answer yet" in " ".join(sent.split())
    post_form("/logout", page="/")
    login(friend)
    told = _text(client.get("/notifications"))
    assert f"{author.display_name} invites you to co-author the proposal" in told
    page = _text(client.get(path))
    assert "You are invited to co-author" in page
    done = _text(post_form(f"{path}/coauthors/accept", page=path, follow_redirects=True))
    assert "You co-author the proposal: your support counts with the author's." in done
    assert "You co-author it: your support counts." in done
    assert "Withdraw my support" not in done
    assert _fresh(proposal).support_count == 2


def test_an_unknown_username_is_said_on_the_page_and_nothing_is_stored(
        client, login, post_form, make_proposal, residents):
    author, = residents(1)
    proposal = make_proposal(author)
    path = f"/proposals/{proposal.id}"
    login(author)
    page = _text(post_form(f"{path}/coauthors", {"username": "nobody-here"}, page=path,
                           follow_redirects=True, headers={"Accept-Language": "zh-CN"}))
    assert "本社区没有使用该用户名的已确认居民。" in page
    empty = _text(post_form(f"{path}/coauthors", {"username": "  "}, page=path,
                            follow_redirects=True))
    assert "Give the username of the resident you invite." in empty
    assert _invitations() == 0


def test_a_coauthor_of_a_draft_edits_it_and_sees_no_publish_button(
        client, login, post_form, make_proposal, residents):
    author, friend = residents(2)
    draft = make_proposal(author, publish=False)
    path = f"/proposals/{draft.id}"
    login(author)
    post_form(f"{path}/coauthors", {"username": friend.username}, page=path)
    post_form("/logout", page="/")
    login(friend)
    assert draft.title in _text(client.get("/proposals/drafts"))
    post_form(f"{path}/coauthors/accept", page=path)
    page = _text(client.get(path))
    assert "You co-author this draft: you can edit it; its author publishes it." in page
    assert f'action="{path}/publish"' not in page
    assert client.get(f"{path}/edit").status_code == 200


def test_declining_a_draft_goes_back_to_the_drafts_and_the_draft_is_gone(
        client, login, post_form, make_proposal, residents):
    author, friend = residents(2)
    draft = make_proposal(author, publish=False)
    path = f"/proposals/{draft.id}"
    login(author)
    post_form(f"{path}/coauthors", {"username": friend.username}, page=path)
    post_form("/logout", page="/")
    login(friend)
    answer = post_form(f"{path}/coauthors/decline", page=path)
    assert answer.headers["Location"].endswith("/proposals/drafts")
    assert client.get(path).status_code == 404


def test_a_stranger_sees_no_invitation_form_and_cannot_post_one(
        client, login, post_form, make_proposal, residents):
    author, stranger = residents(2)
    proposal = make_proposal(author)
    path = f"/proposals/{proposal.id}"
    login(stranger)
    assert "Their username" not in _text(client.get(path))
    assert post_form(f"{path}/coauthors", {"username": stranger.username},
                     page=path).status_code == 403
    assert _invitations() == 0


# --- API ------------------------------------------------------------------------------------

def test_the_api_invites_accepts_and_lists(client, auth, make_proposal, residents):
    author, friend, other = residents(3)
    proposal = make_proposal(author, threshold=5)
    url = f"/api/v1/proposals/{proposal.id}/coauthors"
    made = api_ok(client.post(url, json={"username": friend.username}, headers=auth(author)),
                  201)
    assert made["status"] == "invited" and made["user_id"] == friend.id
    api_ok(client.post(url, json={"username": other.username}, headers=auth(author)), 201)
    mine = api_ok(client.get(url, headers=auth(friend)))
    assert mine == {"coauthors": [], "your_invitation": "invited"}  # others' are private
    accepted = api_ok(client.post(f"{url}/accept", headers=auth(friend)))
    assert [c["display_name"] for c in accepted["coauthors"]] == [friend.display_name]
    assert accepted["your_invitation"] == "accepted"
    detail = api_ok(client.get(f"/api/v1/proposals/{proposal.id}"))
    assert detail["coauthors"] == [{"display_name": friend.display_name}]
    assert detail["support_count"] == 2
    everyone = api_ok(client.get(url, headers=auth(author)))["coauthors"]
    assert [c["status"] for c in everyone] == ["accepted", "invited"]
    assert client.delete(f"{url}/{other.id}", headers=auth(author)).status_code == 204
    assert api_error(client.post(f"{url}/accept", headers=auth(other)), 409)["code"] == (
        "no_invitation")


def test_bad_api_input_is_refused_and_changes_nothing(client, auth, make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author)
    url = f"/api/v1/proposals/{proposal.id}/coauthors"
    headers = auth(author)
    assert api_error(client.post(url, json={}, headers=headers), 422)["code"] == (
        "validation_error")
    assert api_error(client.post(url, json={"username": 7}, headers=headers), 422)
    assert api_error(client.post(url, json={"username": " "}, headers=headers), 400)[
        "code"] == "username_required"
    assert api_error(client.post(url, json={"username": author.username}, headers=headers),
                     400)["code"] == "own_proposal"
    assert api_error(client.post(url, json={"username": friend.username},
                                 headers=auth(friend)), 403)
    assert api_error(client.post(url, json={"username": friend.username}), 401)
    assert api_error(client.delete(f"{url}/{friend.id}", headers=headers), 409)["code"] == (
        "no_invitation")
    assert api_error(client.post("/api/v1/proposals/999999/coauthors/accept",
                                 headers=auth(friend)), 404)
    assert _invitations() == 0
