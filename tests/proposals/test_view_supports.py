"""Proposal pages, continued: supporting and withdrawing through the buttons, the threshold
that puts a proposal on a meeting, the author's withdrawal, who sees supporters' names, a
council's settings, and a constant number of SQL statements per page."""

import pytest

from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.models import Proposal, ProposalSettings
from govhub.proposals.rules import ProposalState


@pytest.fixture
def relogin(client, csrf, login):
    def switch(user):
        client.post("/logout", data={"csrf_token": csrf("/")})
        return login(user)

    return switch


def _text(response) -> str:
    return response.get_data(as_text=True)


def _fresh(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


# --- supports ---------------------------------------------------------------------------------

def test_a_resident_supports_and_withdraws_through_the_buttons(client, residents,
                                                               make_proposal, login,
                                                               post_form):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(supporter)
    assert "Support this proposal" in _text(client.get(path))
    response = post_form(f"{path}/support", page=path, follow_redirects=True)
    page = _text(response)
    assert "Your support is counted." in page and "2 of 5 supports" in page
    assert "You support this proposal." in page and "Withdraw my support" in page
    page = _text(post_form(f"{path}/support/withdraw", page=path, follow_redirects=True))
    assert "Your support is withdrawn." in page and "1 of 5 supports" in page
    assert _fresh(proposal).support_count == 1


def test_a_second_support_is_refused_and_changes_nothing(client, residents, make_proposal,
                                                        login, post_form):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(supporter)
    post_form(f"{path}/support", page=path)
    page = _text(post_form(f"{path}/support", page=path, follow_redirects=True))
    assert "You already support this proposal." in page
    assert _fresh(proposal).support_count == 2


def test_the_author_cannot_withdraw_their_own_support(client, residents, make_proposal, login,
                                                     post_form):
    author, = residents(1)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(author)
    page = _text(client.get(path))
    assert "You proposed it: your support counts." in page and "Withdraw my support" not in page
    page = _text(post_form(f"{path}/support/withdraw", page=path, follow_redirects=True))
    assert "cannot be withdrawn" in page and _fresh(proposal).support_count == 1


def test_only_confirmed_residents_of_the_community_may_support(
        client, residents, make_proposal, make_user, make_community, relogin, csrf):
    proposal = make_proposal(residents(1)[0], threshold=5)
    path = f"/proposals/{proposal.id}"
    assert "Sign in to support it" in _text(client.get(path))
    for user in (make_user("worker"), make_user(confirmed=False),
                 make_user(community=make_community())):
        relogin(user)
        page = _text(client.get(path))
        assert "Support this proposal" not in page
        response = client.post(f"{path}/support", data={"csrf_token": csrf(path)})
        assert response.status_code == 403
    assert _fresh(proposal).support_count == 1


def test_a_support_without_its_csrf_token_changes_nothing(client, residents, make_proposal,
                                                          login):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=5)
    login(supporter)
    client.post(f"/proposals/{proposal.id}/support")
    assert _fresh(proposal).support_count == 1


def test_the_support_that_reaches_the_threshold_shows_the_meeting(
        client, council, residents, make_proposal, make_meeting, login, post_form):
    meeting = make_meeting(status="scheduled", council=council, title="十二月议事会")
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    path = f"/proposals/{proposal.id}"
    login(supporter)
    page = _text(post_form(f"{path}/support", page=path, follow_redirects=True))
    assert "Enough residents support it now" in page and "Threshold reached" in page
    assert f'href="/meetings/{meeting.id}"' in page and "十二月议事会" in page
    assert "The office answers by" in page and "Withdraw my support" not in page
    assert _fresh(proposal).state == ProposalState.QUEUED


def test_without_a_meeting_it_waits_for_one(client, residents, make_proposal):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    assert "Waiting for the council's next meeting." in _text(
        client.get(f"/proposals/{proposal.id}"))


# --- the author's withdrawal --------------------------------------------------------------------

def test_the_author_withdraws_with_a_reason(client, residents, make_proposal, login,
                                            post_form):
    author, = residents(1)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(author)
    response = post_form(f"{path}/withdraw", {"reason": "  "}, page=path)
    assert response.status_code == 400 and 'id="reason-error"' in _text(response)
    assert _fresh(proposal).state == ProposalState.PUBLISHED
    page = _text(post_form(f"{path}/withdraw", {"reason": "物业已经答应装了"}, page=path,
                           follow_redirects=True))
    assert "Your proposal is withdrawn." in page and "物业已经答应装了" in page
    assert _fresh(proposal).state == ProposalState.WITHDRAWN


def test_nobody_else_may_withdraw_it(client, residents, make_proposal, login, post_form):
    author, other = residents(2)
    proposal = make_proposal(author, threshold=5)
    path = f"/proposals/{proposal.id}"
    login(other)
    assert "Withdraw the proposal" not in _text(client.get(path))
    assert post_form(f"{path}/withdraw", {"reason": "不要了"}, page=path).status_code == 403
    assert _fresh(proposal).state == ProposalState.PUBLISHED


# --- supporters' names ----------------------------------------------------------------------------

def test_names_are_for_the_office_unless_the_council_makes_them_public(
        client, council, worker, residents, make_proposal, make_user, relogin):
    author = make_user(display_name="张阿姨")
    supporter = make_user(display_name="李大爷")
    proposal = make_proposal(author, threshold=5)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    path = f"/proposals/{proposal.id}"
    relogin(residents(1)[0])
    assert "李大爷" not in _text(client.get(path))
    relogin(worker)
    page = _text(client.get(path))
    assert "Who supports it" in page and "李大爷" in page and "张阿姨" in page
    assert f'href="/councils/{council.id}/proposal-settings"' in page
    services.save_settings(worker, council, threshold_kind="absolute", threshold_value=5,
                           time_limit_days=90, answer_working_days=15, supports_public=True)
    db.session.commit()
    relogin(residents(1)[0])
    assert "李大爷" in _text(client.get(path))


# --- a council's settings ----------------------------------------------------------------------

def test_the_office_sees_the_defaults_and_saves_settings(client, council, worker, login,
                                                         post_form):
    login(worker)
    path = f"/councils/{council.id}/proposal-settings"
    page = _text(client.get(path))
    assert "This council uses the defaults" in page and "2%" in page and 'value="0.02"' in page
    response = post_form(path, {"threshold_kind": "absolute", "threshold_value": "30",
                                "time_limit_days": "60", "answer_working_days": "10"})
    assert response.status_code == 302
    settings = db.session.get(ProposalSettings, council.id)
    assert (settings.threshold_value, settings.time_limit_days) == (30, 60)
    page = _text(client.get(path))
    assert "uses the defaults" not in page and 'value="30"' in page


@pytest.mark.parametrize("changes", [
    {"threshold_value": "0"}, {"threshold_value": "abc"}, {"threshold_value": "NaN"},
    {"threshold_kind": "share", "threshold_value": "3"}, {"time_limit_days": "0"},
    {"answer_working_days": "9999"}, {"threshold_kind": "everyone"},
])
def test_bad_settings_are_refused_and_change_nothing(client, council, worker, login,
                                                     post_form, changes):
    login(worker)
    path = f"/councils/{council.id}/proposal-settings"
    data = {"threshold_kind": "absolute", "threshold_value": "30", "time_limit_days": "60",
            "answer_working_days": "10", **changes}
    page = _text(post_form(path, data))
    assert 'class="error"' in page or "flash-error" in page
    assert db.session.get(ProposalSettings, council.id) is None


def test_only_the_communitys_office_opens_the_settings(client, council, residents,
                                                        make_user, make_community, relogin):
    path = f"/councils/{council.id}/proposal-settings"
    assert client.get(path).headers["Location"].startswith("/login")
    for user in (residents(1)[0], make_user("worker", community=make_community())):
        relogin(user)
        assert client.get(path).status_code == 403


# --- a constant number of SQL statements ---------------------------------------------------------

def test_the_lists_are_constant(statements, community, council, residents, make_proposal):
    authors = residents(6)
    make_proposal(authors[0], title="一")
    paths = (f"/c/{community.slug}/proposals", f"/councils/{council.id}/proposals",
             f"/c/{community.slug}/proposals?sort=closest&category=facilities")
    statements(paths[0])  # the app's first page loads what it keeps for later
    few = [statements(path) for path in paths]
    for n in range(12):
        make_proposal(authors[n % len(authors)], threshold=10, title=f"提议 {n}")
    assert [statements(path) for path in paths] == few


@pytest.mark.parametrize("viewer", ["anonymous", "resident", "worker"])
def test_a_proposals_page_is_constant(statements, residents, worker, make_proposal, login,
                                      viewer):
    author, *others = residents(12)
    proposal = make_proposal(author, threshold=50)
    services.support_proposal(others[0], proposal)
    db.session.commit()
    if viewer != "anonymous":
        login({"resident": others[0], "worker": worker}[viewer])
    path = f"/proposals/{proposal.id}"
    statements(path)  # the first page after signing in loads the account once
    few = statements(path)
    for other in others[1:]:
        services.support_proposal(other, proposal)
    db.session.commit()
    assert statements(path) == few


def test_the_drafts_are_the_authors_own(client, residents, make_proposal, relogin):
    author, other = residents(2)
    make_proposal(author, publish=False, title="我的草稿")
    relogin(other)
    assert "我的草稿" not in _text(client.get("/proposals/drafts"))
    relogin(author)
    assert "我的草稿" in _text(client.get("/proposals/drafts"))
