"""The deliberation on a proposal's page: every role, each refusal, reports and moderation,
the edit history, escaping, and the statements a page costs."""

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import answers, comments, services
from govhub.proposals.models import CommentReport, ProposalComment


@pytest.fixture
def relogin(client, csrf, login):
    def switch(user):
        client.post("/logout", data={"csrf_token": csrf("/")})
        return login(user)

    return switch


@pytest.fixture
def thread(make_proposal, residents):
    author, *others = residents(6)
    proposal = make_proposal(author, threshold=9)
    proposal.people = [author, *others]
    return proposal


def _text(response) -> str:
    return response.get_data(as_text=True)


def _count(model=ProposalComment) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _say(thread, post_form, **data):
    page = f"/proposals/{thread.id}"
    return post_form(f"{page}/comments", data, page=page)


# --- reading --------------------------------------------------------------------------------

def test_a_visitor_reads_the_thread_with_counts_and_is_asked_to_sign_in(client, thread):
    first, second = thread.people[1:3]
    comment = comments.post_comment(first, thread, "支持\n第二行", "for")
    comments.post_comment(second, thread, "谁出钱？", "question")
    comments.post_comment(second, thread, "物业出", parent=comment)
    db.session.commit()
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "Deliberation" in page and f'id="comment-{comment.id}"' in page
    assert "支持\n第二行" in page and "物业出" in page
    counts = page.split('class="stance-counts"')[1].split("</ul>")[0]
    assert [c.split("<strong>")[1][0] for c in counts.split("<li>")[1:]] == ["1", "0", "1"]
    assert "Sign in to take part" in page and 'name="body"' not in page


def test_a_comment_is_escaped_and_keeps_its_line_breaks(client, thread):
    comments.post_comment(thread.people[1], thread, "<script>alert(1)</script>\n第二行", "for")
    db.session.commit()
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_draft_has_no_thread(client, login, residents, make_proposal):
    author, = residents(1)
    draft = make_proposal(author, publish=False)
    login(author)
    assert "Deliberation" not in _text(client.get(f"/proposals/{draft.id}"))


def test_the_page_costs_the_same_statements_with_many_comments(thread, statements, login):
    first, second = thread.people[1:3]
    login(second)
    comments.post_comment(first, thread, "一", "for")
    db.session.commit()
    few = statements(f"/proposals/{thread.id}")
    for n in range(8):
        parent = comments.post_comment(first, thread, f"意见{n}", "against")
        comments.post_comment(second, thread, f"回复{n}", parent=parent)
        comments.report_comment(second, parent)
    db.session.commit()
    assert statements(f"/proposals/{thread.id}") == few


# --- writing --------------------------------------------------------------------------------

def test_a_resident_comments_with_a_stance_and_returns_to_it(client, login, post_form, thread):
    login(thread.people[1])
    response = _say(thread, post_form, body="同意，但要先做噪音评估", stance="question")
    [comment] = db.session.scalars(sa.select(ProposalComment)).all()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/proposals/{thread.id}#comment-{comment.id}")
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "Your comment is posted." in page and "同意，但要先做噪音评估" in page
    assert f'href="/proposals/comments/{comment.id}/edit"' in page


def test_a_reply_then_no_reply_to_a_reply(client, login, post_form, thread):
    comment = comments.post_comment(thread.people[2], thread, "好", "for")
    db.session.commit()
    login(thread.people[1])
    assert _say(thread, post_form, body="同意", parent_id=comment.id).status_code == 302
    reply = db.session.scalar(sa.select(ProposalComment).where(
        ProposalComment.parent_id == comment.id))
    assert reply.stance is None
    refused = _say(thread, post_form, body="再回复", parent_id=reply.id)
    assert refused.status_code == 400 and "Reply to a comment of this proposal." in _text(refused)
    assert _say(thread, post_form, body="x", parent_id="abc").status_code == 400
    assert _count() == 2


@pytest.mark.parametrize(("body", "stance", "message"), [
    ("", "for", "Write your comment."), ("x" * 5001, "for", "at most 5000 characters"),
    ("好", "maybe", "Say whether you are for"), ("好", "", "Say whether you are for"),
])
def test_a_bad_comment_is_refused_and_kept_in_the_form(client, login, post_form, thread,
                                                       body, stance, message):
    login(thread.people[1])
    response = _say(thread, post_form, body=body, stance=stance)
    assert response.status_code == 400 and message in _text(response)
    assert 'class="error"' in _text(response) and _count() == 0


def test_a_visitor_an_outsider_and_a_worker_cannot_comment(client, login, relogin, post_form,
                                                           thread, worker, make_user,
                                                           make_community):
    visitor = _say(thread, post_form, body="匿名", stance="for")
    assert visitor.status_code == 302 and "/login" in visitor.headers["Location"]
    outsider = make_user(community=make_community())
    login(outsider)
    assert "Only confirmed residents" in _text(client.get(f"/proposals/{thread.id}"))
    assert _say(thread, post_form, body="路过", stance="for").status_code == 403
    relogin(worker)
    assert _say(thread, post_form, body="工作人员", stance="for").status_code == 403
    assert _count() == 0


def test_a_closed_deliberation_takes_no_comment(client, login, post_form, make_proposal,
                                                residents, worker):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2, title="夜市")
    services.support_proposal(supporter, proposal)
    answers.answer_proposal(worker, proposal, "decline_not_feasible", "消防通道")
    db.session.commit()
    login(supporter)
    assert "The deliberation is closed" in _text(client.get(f"/proposals/{proposal.id}"))
    assert _say(proposal, post_form, body="还想说", stance="for").status_code == 409
    assert _count() == 0


def test_the_comment_form_needs_its_csrf_token(client, login, thread):
    login(thread.people[1])
    response = client.post(f"/proposals/{thread.id}/comments", data={"body": "好", "stance": "for"})
    assert response.status_code == 400 and _count() == 0


# --- editing and history ----------------------------------------------------------------------

def test_the_author_edits_and_everyone_reads_the_history(client, login, relogin, post_form,
                                                         thread):
    commenter, other = thread.people[1:3]
    comment = comments.post_comment(commenter, thread, "支持", "for")
    db.session.commit()
    login(commenter)
    edit = f"/proposals/comments/{comment.id}/edit"
    assert "Edit your comment" in _text(client.get(edit))
    assert post_form(edit, {"body": "", "stance": "for"}).status_code == 400
    response = post_form(edit, {"body": "有条件支持", "stance": "question"})
    assert response.headers["Location"].endswith(f"#comment-{comment.id}")
    relogin(other)
    assert client.get(edit).status_code == 403
    assert post_form(edit, {"body": "改别人的", "stance": "for"}, page="/").status_code == 403
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "有条件支持" in page and f"/proposals/comments/{comment.id}/history" in page
    history = _text(client.get(f"/proposals/comments/{comment.id}/history"))
    assert history.index("有条件支持") < history.index("支持</div>")
    assert client.get("/proposals/comments/99999/history").status_code == 404


# --- reports and moderation -----------------------------------------------------------------

def test_report_once_not_your_own_and_three_hide_it(client, login, relogin, post_form, thread):
    commenter, *reporters = thread.people[1:5]
    comment = comments.post_comment(commenter, thread, "骂人的话", "against")
    db.session.commit()
    report = f"/proposals/comments/{comment.id}/report"
    page = f"/proposals/{thread.id}"
    login(commenter)
    assert "cannot report your own" in _text(post_form(report, page=page, follow_redirects=True))
    relogin(reporters[0])
    assert "A moderator will look at it." in _text(post_form(report, page=page,
                                                              follow_redirects=True))
    again = _text(post_form(report, page=page, follow_redirects=True))
    assert "You already reported this comment." in again and "You reported it." in again
    relogin(reporters[1])
    post_form(report, page=page)
    relogin(reporters[2])
    hidden = _text(post_form(report, page=page, follow_redirects=True))
    assert "Three residents reported it" in hidden
    assert "Hidden until a moderator reviews it." in hidden and "骂人的话" not in hidden
    assert _count(CommentReport) == 3


def test_staff_see_a_reported_comment_marked_and_restore_it(client, login, relogin,
                                                            post_form, thread, worker):
    commenter, *reporters = thread.people[1:5]
    comment = comments.post_comment(commenter, thread, "有争议的话", "against")
    for reporter in reporters:
        comments.report_comment(reporter, comment)
    db.session.commit()
    login(worker)
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "Hidden until a moderator reviews it." in page and "有争议的话" in page
    restore = f"/proposals/comments/{comment.id}/restore"
    assert "Give the reason" in _text(post_form(restore, {"reason": " "},
                                                page=f"/proposals/{thread.id}",
                                                follow_redirects=True))
    post_form(restore, {"reason": "没有违规"}, page=f"/proposals/{thread.id}")
    relogin(reporters[0])
    assert "Hidden until" not in _text(client.get(f"/proposals/{thread.id}"))


def test_a_moderator_hides_with_a_reason_and_residents_see_it(client, login, relogin,
                                                              post_form, thread, worker):
    commenter, reader = thread.people[1:3]
    comment = comments.post_comment(commenter, thread, "广告内容", "for")
    db.session.commit()
    login(reader)
    hide = f"/proposals/comments/{comment.id}/hide"
    assert post_form(hide, {"reason": "广告"}, page=f"/proposals/{thread.id}").status_code == 403
    relogin(worker)
    post_form(hide, {"reason": ""}, page=f"/proposals/{thread.id}")
    assert db.session.get(ProposalComment, comment.id).hidden_at is None
    post_form(hide, {"reason": "广告"}, page=f"/proposals/{thread.id}")
    staff_page = _text(client.get(f"/proposals/{thread.id}"))
    assert "Hidden by moderators: 广告" in staff_page and "Read the hidden text" in staff_page
    relogin(reader)
    page = _text(client.get(f"/proposals/{thread.id}"))
    assert "Hidden by moderators: 广告" in page and "广告内容" not in page
    assert client.get(f"/proposals/comments/{comment.id}/history").status_code == 404
