"""A proposal's deliberation over the JSON API: reading (public, placeholders for hidden
comments), commenting and replying, editing, reporting and moderating, each refusal."""

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import answers, comments, services
from govhub.proposals.models import CommentReport, CommentRevision, ProposalComment
from tests.helpers.api import api_error, api_ok


@pytest.fixture
def thread(make_proposal, residents):
    author, *others = residents(6)
    proposal = make_proposal(author, threshold=9)
    proposal.people = [author, *others]
    return proposal


def _count(model=ProposalComment) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _url(thread) -> str:
    return f"/api/v1/proposals/{thread.id}/comments"


def _comment(thread, who=1, body="说得好", stance="for"):
    comment = comments.post_comment(thread.people[who], thread, body, stance)
    db.session.commit()
    return comment


# --- reading ----------------------------------------------------------------------------

def test_anyone_reads_the_thread_with_replies_and_counts(client, thread):
    first = _comment(thread)
    comments.post_comment(thread.people[2], thread, "同意", parent=first)
    _comment(thread, 3, "谁出钱？", "question")
    body = api_ok(client.get(_url(thread)))
    assert body["counts"] == {"for": 1, "against": 0, "question": 1}
    assert body["total"] == 3 and body["open"] is True and body["may_comment"] is False
    [one, two] = body["items"]
    assert (one["body"], one["stance"], one["visibility"]) == ("说得好", "for", "shown")
    assert one["author"] == {"display_name": thread.people[1].display_name}
    assert [reply["body"] for reply in one["replies"]] == ["同意"]
    assert one["replies"][0]["stance"] is None and two["replies"] == []


def test_a_draft_or_unknown_proposal_has_no_thread(client, make_proposal, residents):
    author, = residents(1)
    draft = make_proposal(author, publish=False)
    assert api_error(client.get(_url(draft)), 404)["code"] == "not_found"
    assert api_error(client.get("/api/v1/proposals/99999/comments"), 404)


def test_hidden_comments_are_placeholders_with_the_reason(client, auth, thread, worker):
    by_moderator = _comment(thread, 1, "广告内容")
    comments.hide_comment(worker, by_moderator, "广告")
    by_reports = _comment(thread, 2, "有争议", "against")
    for reporter in thread.people[3:6]:
        comments.report_comment(reporter, by_reports)
    db.session.commit()
    public = api_ok(client.get(_url(thread)))
    assert public["counts"] == {"for": 0, "against": 0, "question": 0}
    first, second = public["items"]
    assert first["body"] is None and first["hidden_reason"] == "广告"
    assert first["placeholder"] == "Hidden by moderators: 广告"
    assert second["body"] is None and second["visibility"] == "hidden_by_reports"
    staff = api_ok(client.get(_url(thread), headers=auth(worker)))
    assert staff["items"][0]["body"] is None and staff["items"][1]["body"] == "有争议"


def test_the_thread_costs_the_same_statements_with_many_comments(thread, statements):
    _comment(thread)
    few = statements(_url(thread))
    for n in range(8):
        parent = _comment(thread, 2, f"意见{n}", "against")
        comments.post_comment(thread.people[3], thread, f"回复{n}", parent=parent)
    db.session.commit()
    assert statements(_url(thread)) == few


# --- writing --------------------------------------------------------------------------------

def test_a_resident_comments_and_replies(client, auth, thread):
    first = api_ok(client.post(_url(thread), headers=auth(thread.people[1]),
                               json={"body": "<script>x</script>", "stance": "against"}), 201)
    assert first["body"] == "<script>x</script>" and first["may_edit"] is True
    reply = api_ok(client.post(_url(thread), headers=auth(thread.people[2]), json={
        "body": "为什么？", "stance": "for", "parent_id": first["id"]}), 201)
    assert reply["parent_id"] == first["id"] and reply["stance"] is None
    deeper = client.post(_url(thread), headers=auth(thread.people[1]),
                         json={"body": "再回复", "parent_id": reply["id"]})
    assert api_error(deeper, 400)["code"] == "invalid_parent" and _count() == 2


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"body": "   ", "stance": "for"}, 400, "body_required"),
    ({"body": "x" * 5001, "stance": "for"}, 400, "body_too_long"),
    ({"body": "好"}, 400, "invalid_stance"),
    ({"body": "好", "stance": "maybe"}, 422, "validation_error"),
    ({"stance": "for"}, 422, "validation_error"),
    ({"body": "好", "parent_id": 99999}, 400, "invalid_parent"),
])
def test_a_bad_comment_changes_nothing(client, auth, thread, payload, status, code):
    response = client.post(_url(thread), headers=auth(thread.people[1]), json=payload)
    assert api_error(response, status)["code"] == code
    assert _count() == 0


@pytest.mark.parametrize("role", ["worker", "partner"])
def test_only_residents_comment(client, auth, thread, make_user, role):
    response = client.post(_url(thread), headers=auth(make_user(role=role)),
                           json={"body": "路过", "stance": "for"})
    assert api_error(response, 403)["code"] == "forbidden" and _count() == 0


def test_an_outsider_and_a_visitor_cannot_comment(client, auth, thread, make_user,
                                                  make_community):
    outsider = make_user(community=make_community())
    response = client.post(_url(thread), headers=auth(outsider), json={"body": "x",
                                                                       "stance": "for"})
    assert api_error(response, 403)["code"] == "forbidden"
    assert api_error(client.post(_url(thread), json={"body": "x", "stance": "for"}), 401)
    assert _count() == 0


def test_a_closed_deliberation_answers_409(client, auth, make_proposal, residents, worker):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2, title="夜市")
    services.support_proposal(supporter, proposal)
    answers.answer_proposal(worker, proposal, "decline_not_feasible", "消防通道")
    db.session.commit()
    response = client.post(_url(proposal), headers=auth(supporter),
                           json={"body": "还想说", "stance": "for"})
    assert api_error(response, 409)["code"] == "deliberation_closed" and _count() == 0
    assert api_ok(client.get(_url(proposal)))["open"] is False


def test_the_author_edits_and_others_cannot(client, auth, thread):
    comment = _comment(thread)
    url = f"/api/v1/proposals/comments/{comment.id}"
    edited = api_ok(client.patch(url, headers=auth(thread.people[1]),
                                 json={"body": "有条件支持", "stance": "question"}))
    assert (edited["body"], edited["stance"], edited["edited"]) == ("有条件支持", "question", True)
    other = client.patch(url, headers=auth(thread.people[2]), json={"body": "改", "stance": "for"})
    assert api_error(other, 403)["code"] == "forbidden"
    empty = client.patch(url, headers=auth(thread.people[1]), json={"body": "", "stance": "for"})
    assert api_error(empty, 400)["code"] == "body_required"
    assert _count(CommentRevision) == 1
    missing = client.patch("/api/v1/proposals/comments/99999", headers=auth(thread.people[1]),
                           json={"body": "x", "stance": "for"})
    assert api_error(missing, 404)["code"] == "not_found"


# --- reports and moderation -----------------------------------------------------------------

def _report(client, auth, comment, who):
    return client.post(f"/api/v1/proposals/comments/{comment.id}/report", headers=auth(who))


def test_three_reports_hide_it_once_each_never_your_own(client, auth, thread):
    comment = _comment(thread, 1, "骂人的话", "against")
    own = _report(client, auth, comment, thread.people[1])
    assert api_error(own, 400)["code"] == "own_comment"
    assert api_ok(_report(client, auth, comment, thread.people[2])) == {
        "reported": True, "hidden": False}
    twice = _report(client, auth, comment, thread.people[2])
    assert api_error(twice, 409)["code"] == "already_reported"
    _report(client, auth, comment, thread.people[3])
    assert api_ok(_report(client, auth, comment, thread.people[4]))["hidden"] is True
    assert _count(CommentReport) == 3
    mine = api_ok(client.get(_url(thread), headers=auth(thread.people[2])))["items"][0]
    assert mine["body"] is None and mine["reported"] is True and mine["may_report"] is False


def test_a_worker_hides_with_a_reason_and_restores(client, auth, thread, worker):
    comment = _comment(thread, 1, "广告内容")
    url = f"/api/v1/proposals/comments/{comment.id}"
    refused = client.post(f"{url}/hide", headers=auth(thread.people[2]), json={"reason": "广告"})
    assert api_error(refused, 403)["code"] == "forbidden"
    no_reason = client.post(f"{url}/hide", headers=auth(worker), json={"reason": "  "})
    assert api_error(no_reason, 400)["code"] == "reason_required"
    assert api_error(client.post(f"{url}/hide", headers=auth(worker), json={}), 422)
    hidden = api_ok(client.post(f"{url}/hide", headers=auth(worker), json={"reason": "广告"}))
    assert hidden["visibility"] == "hidden_by_moderators" and hidden["body"] is None
    edit = client.patch(url, headers=auth(thread.people[1]), json={"body": "改", "stance": "for"})
    assert api_error(edit, 409)["code"] == "comment_hidden"
    shown = api_ok(client.post(f"{url}/restore", headers=auth(worker),
                               json={"reason": "误判"}))
    assert shown["visibility"] == "shown" and shown["body"] == "广告内容"


def test_the_thread_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    thread = paths["/api/v1/proposals/{proposal_id}/comments"]
    assert thread["get"]["summary"] and "201" in thread["post"]["responses"]
    assert "409" in paths["/api/v1/proposals/comments/{comment_id}/report"]["post"]["responses"]
    assert "patch" in paths["/api/v1/proposals/comments/{comment_id}"]
