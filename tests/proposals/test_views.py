"""Proposal pages: the lists, a proposal's page, writing and publishing, supporting through
the buttons, withdrawing, and a council's settings, for each kind of visitor."""

import re

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.models import Proposal
from govhub.proposals.rules import ProposalState


@pytest.fixture
def relogin(client, csrf, login):
    """relogin(user): sign out whoever is signed in, then sign `user` in."""

    def switch(user):
        client.post("/logout", data={"csrf_token": csrf("/")})
        return login(user)

    return switch


@pytest.fixture
def threshold(council, worker):
    """threshold(n): the council asks for n supports (its default share of the few test
    residents would be a single support)."""

    def set_to(n: int):
        services.save_settings(worker, council, threshold_kind="absolute", threshold_value=n,
                               time_limit_days=90, answer_working_days=15,
                               supports_public=False)
        db.session.commit()

    return set_to


def _text(response) -> str:
    return response.get_data(as_text=True)


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- the lists ------------------------------------------------------------------------------

def test_anyone_reads_a_councils_list_with_supports_and_days_left(client, council,
                                                                   residents, make_proposal):
    author, = residents(1)
    make_proposal(author, threshold=5, title="楼道加装扶手")
    page = _text(client.get(f"/councils/{council.id}/proposals"))
    assert "楼道加装扶手" in page and "1 of 5 supports" in page
    assert 'max="5" value="1"' in page and "days left" in page
    assert "Collecting supports" in page
    assert "New proposal" not in page and "Sign in to make or support a proposal." in page


def test_the_community_list_shows_the_council_and_never_drafts(client, community, council,
                                                               residents, make_proposal):
    author, = residents(1)
    make_proposal(author, title="公开的提议")
    make_proposal(author, publish=False, title="还在写的草稿")
    page = _text(client.get(f"/c/{community.slug}/proposals"))
    assert "公开的提议" in page and "还在写的草稿" not in page
    assert "Residents&#39; council" in page or "居民议事会" in page


def test_the_list_filters_by_state_and_category_and_sorts(client, council, residents,
                                                          make_proposal):
    author, other = residents(2)
    first = make_proposal(author, threshold=10, title="第一条")
    second = make_proposal(author, threshold=10, title="第二条")
    services.support_proposal(other, first)
    services.withdraw_proposal(author, second, "重复了")
    db.session.commit()
    base = f"/councils/{council.id}/proposals"
    page = _text(client.get(base + "?state=withdrawn"))
    assert "第二条" in page and "第一条" not in page and "Its author withdrew it." in page
    page = _text(client.get(base + "?category=safety"))
    assert "No proposal matches." in page
    page = _text(client.get(base + "?sort=most_supported"))
    assert page.index("第一条") < page.index("第二条")
    page = _text(client.get(base + "?sort=closest"))
    assert "第一条" in page and "第二条" not in page


def test_nonsense_filters_and_pages_are_ignored(client, council, residents, make_proposal):
    make_proposal(residents(1)[0], title="照常显示")
    response = client.get(f"/councils/{council.id}/proposals?state=<x>&category=1&sort=;"
                          "&page=99999999999999999999999")
    assert response.status_code == 200
    page = _text(client.get(f"/councils/{council.id}/proposals?state=nope&page=x"))
    assert "照常显示" in page


def test_a_resident_sees_new_proposal_and_my_drafts(client, council, residents, login):
    login(residents(1)[0])
    page = _text(client.get(f"/councils/{council.id}/proposals"))
    assert f'href="/councils/{council.id}/proposals/new"' in page
    assert 'href="/proposals/drafts"' in page


def test_others_are_not_offered_to_propose(client, council, make_user, make_community,
                                           relogin):
    for user in (make_user("worker"), make_user(confirmed=False),
                 make_user(community=make_community())):
        relogin(user)
        page = _text(client.get(f"/councils/{council.id}/proposals"))
        assert "New proposal" not in page


def test_the_menu_and_the_community_and_council_pages_link_to_proposals(
        client, community, council, residents, login):
    page = _text(client.get(f"/c/{community.slug}"))
    assert f'href="/c/{community.slug}/proposals"' in page
    page = _text(client.get(f"/councils/{council.id}"))
    assert f'href="/councils/{council.id}/proposals"' in page
    login(residents(1)[0])
    page = _text(client.get(f"/councils/{council.id}"))
    assert f'href="/c/{community.slug}/proposals"' in page and 'href="/proposals/drafts"' in page


# --- writing --------------------------------------------------------------------------------

def test_a_resident_publishes_a_proposal_from_the_form(client, council, residents, login,
                                                       post_form, threshold):
    threshold(5)
    login(residents(1)[0])
    path = f"/councils/{council.id}/proposals/new"
    response = post_form(path, {"title": "小区增设快递柜", "body": "**快递**经常丢。",
                                "category": "services", "publish": "1"})
    proposal = db.session.scalar(sa.select(Proposal))
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
    assert proposal.state == ProposalState.PUBLISHED and proposal.support_count == 1
    page = _text(client.get(f"/proposals/{proposal.id}"))
    assert "<strong>快递</strong>经常丢。" in page and "Services for residents" in page
    assert "Residents can now support it." in page


def test_save_draft_keeps_it_private_and_the_author_publishes_it_later(
        client, council, residents, login, post_form, threshold):
    threshold(5)
    author, = residents(1)
    login(author)
    post_form(f"/councils/{council.id}/proposals/new",
              {"title": "草稿", "body": "内容", "category": "other", "publish": "0"})
    proposal = db.session.scalar(sa.select(Proposal))
    assert proposal.state == ProposalState.DRAFT
    assert "草稿" in _text(client.get("/proposals/drafts"))
    page = _text(client.get(f"/proposals/{proposal.id}"))
    assert "Your draft" in page and f"/proposals/{proposal.id}/edit" in page
    post_form(f"/proposals/{proposal.id}/publish", page=f"/proposals/{proposal.id}")
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).state == ProposalState.PUBLISHED


def test_editing_a_draft_changes_it(client, council, residents, login, post_form,
                                    make_proposal):
    author, = residents(1)
    proposal = make_proposal(author, publish=False)
    login(author)
    path = f"/proposals/{proposal.id}/edit"
    assert "楼道加装扶手" in _text(client.get(path))
    post_form(path, {"title": "改过的标题", "body": "新内容", "category": "safety",
                     "publish": "0"})
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).title == "改过的标题"


def test_form_errors_are_shown_at_the_fields_and_change_nothing(client, council, residents,
                                                                login, post_form):
    login(residents(1)[0])
    path = f"/councils/{council.id}/proposals/new"
    response = post_form(path, {"title": "  ", "body": "", "category": "no-such"})
    page = _text(response)
    assert response.status_code == 200 and 'aria-invalid="true"' in page
    assert 'id="title-error"' in page and 'id="body-error"' in page
    response = post_form(path, {"title": "x" * 201, "body": "y", "category": "other"})
    assert 'id="title-error"' in _text(response)
    assert _count(Proposal) == 0


def test_only_confirmed_residents_of_the_community_may_propose(
        client, council, make_user, make_community, relogin, csrf):
    path = f"/councils/{council.id}/proposals/new"
    assert client.get(path).headers["Location"].startswith("/login")
    for user in (make_user("worker"), make_user(confirmed=False),
                 make_user(community=make_community())):
        relogin(user)
        assert client.get(path).status_code == 403
        response = client.post(path, data={"csrf_token": csrf("/"), "title": "t", "body": "b",
                                           "category": "other", "publish": "1"})
        assert response.status_code == 403
    assert _count(Proposal) == 0


def test_another_residents_draft_answers_404_and_cannot_be_edited(
        client, residents, make_proposal, login):
    author, other = residents(2)
    proposal = make_proposal(author, publish=False)
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    login(other)
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 404


def test_titles_and_bodies_are_escaped(client, residents, make_proposal):
    author, = residents(1)
    proposal = make_proposal(author, title="<script>alert(1)</script>")
    proposal.body = "<script>alert(2)</script> **ok**"
    db.session.commit()
    for path in (f"/proposals/{proposal.id}", f"/councils/{proposal.council_id}/proposals"):
        page = _text(client.get(path))
        assert "<script>alert(" not in page and "&lt;script&gt;alert(1)" in page
    assert "<strong>ok</strong>" in _text(client.get(f"/proposals/{proposal.id}"))


def test_a_published_proposal_is_not_edited_and_only_its_author_publishes(
        client, residents, make_proposal, relogin, post_form):
    author, other = residents(2)
    published = make_proposal(author, threshold=5)
    draft = make_proposal(author, threshold=5, publish=False, title="别人的草稿")
    relogin(author)
    assert client.get(f"/proposals/{published.id}/edit").status_code == 403
    relogin(other)
    path = f"/proposals/{draft.id}/publish"
    assert post_form(path, page="/").status_code == 404
    db.session.expire_all()
    assert db.session.get(Proposal, draft.id).state == ProposalState.DRAFT


def test_pressing_enter_saves_a_draft_rather_than_publishing(client, council, residents,
                                                             login):
    login(residents(1)[0])
    page = _text(client.get(f"/councils/{council.id}/proposals/new"))
    assert page.index('name="publish" value="0"') < page.index('name="publish" value="1"')


def test_publishing_shows_similar_proposals_first(client, login, council, residents,
                                                  make_proposal):
    author, writer = residents(2)
    existing = make_proposal(author, threshold=9, title="小区东门加装雨棚")
    make_proposal(author, threshold=9, title="楼道清理小广告")
    login(writer)
    new = f"/councils/{council.id}/proposals/new"
    page = client.get(new).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    typed = {"csrf_token": token, "title": "东门加装遮雨棚", "category": "facilities",
             "body": "下雨天东门等车的老人没有地方避雨。", "publish": "1"}
    first = client.post(new, data=typed)
    html = first.get_data(as_text=True)
    # Both share words of the body; the one whose title matches comes first.
    assert first.status_code == 200 and "Similar proposals already exist" in html
    assert html.index(existing.title) < html.index("楼道清理小广告")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 2
    published = client.post(new, data={**typed, "similar_seen": "1"})
    assert published.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 3


def test_keywords_narrow_the_list(client, community, residents, make_proposal):
    author = residents(1)[0]
    make_proposal(author, threshold=9, title="小区东门加装雨棚")
    make_proposal(author, threshold=9, title="楼道清理小广告")
    page = client.get(f"/c/{community.slug}/proposals?q=雨棚").get_data(as_text=True)
    assert "小区东门加装雨棚" in page and "楼道清理小广告" not in page
    assert client.get(f"/c/{community.slug}/proposals?q=%22%2A").status_code == 200
