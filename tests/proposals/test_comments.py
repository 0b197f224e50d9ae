"""The deliberation: comments with stances, replies, edits with history, reports, moderation."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.proposals import answers, comments, services
from govhub.proposals.models import CommentRevision, ProposalComment


@pytest.fixture
def thread(make_proposal, residents):
    author, *others = residents(5)
    proposal = make_proposal(author, threshold=9)
    proposal.test_people = [author, *others]
    return proposal


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_comment_with_a_stance_and_a_reply(thread):
    author, first, second = thread.test_people[:3]
    comment = comments.post_comment(first, thread, "电梯井放北侧更好。", "for")
    reply = comments.post_comment(second, thread, "北侧挡光吗？", "against", parent=comment)
    db.session.commit()
    assert (comment.stance, reply.stance, reply.parent_id) == ("for", None, comment.id)
    with pytest.raises(DomainError) as deeper:
        comments.post_comment(author, thread, "再回复", parent=reply)
    assert deeper.value.code == "invalid_parent"


@pytest.mark.parametrize(("body", "stance", "code"), [
    ("", "for", "body_required"), ("x" * 5001, "for", "body_too_long"),
    ("好", "maybe", "invalid_stance"), ("好", None, "invalid_stance"),
])
def test_bad_comments_change_nothing(thread, body, stance, code):
    with pytest.raises(DomainError) as refused:
        comments.post_comment(thread.test_people[1], thread, body, stance)
    assert refused.value.code == code
    db.session.rollback()
    assert _count(ProposalComment) == 0


def test_only_residents_of_the_community_deliberate(thread, worker, make_user, make_community):
    for outsider in (worker, make_user(confirmed=False), make_user(community=make_community())):
        with pytest.raises(Forbidden):
            comments.post_comment(outsider, thread, "路过", "question")


def test_an_answered_or_withdrawn_proposal_takes_no_comment(make_proposal, residents, worker):
    author, supporter = residents(2)
    declined = make_proposal(author, threshold=2, title="夜市")
    services.support_proposal(supporter, declined)
    answers.answer_proposal(worker, declined, "decline_not_feasible", "消防通道")
    withdrawn = make_proposal(author, threshold=5, title="广告")
    services.withdraw_proposal(author, withdrawn, "已解决")
    for proposal in (declined, withdrawn):
        with pytest.raises(DomainError) as closed:
            comments.post_comment(supporter, proposal, "还想说", "question")
        assert closed.value.code == "deliberation_closed"


def test_an_edit_keeps_what_was_said(thread):
    commenter = thread.test_people[1]
    comment = comments.post_comment(commenter, thread, "支持", "for")
    comments.edit_comment(commenter, comment, "有条件支持：先做噪音评估", "question")
    db.session.commit()
    assert (comment.body, comment.stance) == ("有条件支持：先做噪音评估", "question")
    [before] = db.session.scalars(sa.select(CommentRevision)).all()
    assert (before.body, before.stance) == ("支持", "for") and comment.edited_at
    with pytest.raises(Forbidden):
        comments.edit_comment(thread.test_people[2], comment, "改别人的", "for")


def test_three_reports_hide_it_until_a_worker_keeps_it(thread, worker):
    author, commenter, *reporters = thread.test_people
    comment = comments.post_comment(commenter, thread, "广告：上门开锁", "for")
    assert [comments.report_comment(r, comment) for r in (author, *reporters[:2])] == [
        False, False, True]
    assert comments.is_hidden(comment)
    with pytest.raises(DomainError) as again:
        comments.report_comment(author, comment)
    assert again.value.code == "already_reported"
    with pytest.raises(DomainError) as own:
        comments.report_comment(commenter, comment)
    assert own.value.code == "own_comment"
    comments.restore_comment(worker, comment, "内容没有问题")
    assert not comments.is_hidden(comment)
    assert comments.report_comment(reporters[2], comment) is False  # reviewed: stays shown
    assert not comments.is_hidden(comment)


def test_moderators_hide_and_restore_with_a_reason_on_record(thread, worker):
    commenter = thread.test_people[1]
    comment = comments.post_comment(commenter, thread, "人身攻击", "against")
    with pytest.raises(DomainError) as no_reason:
        comments.hide_comment(worker, comment, " ")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(Forbidden):
        comments.hide_comment(commenter, comment, "我自己藏")
    comments.hide_comment(worker, comment, "含有人身攻击")
    db.session.commit()
    assert comments.is_hidden(comment) and comment.hidden_reason == "含有人身攻击"
    with pytest.raises(DomainError) as locked:
        comments.edit_comment(commenter, comment, "改一下", "against")
    assert locked.value.code == "comment_hidden"
    comments.restore_comment(worker, comment, "误判")
    actions = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.action.like("proposal.comment%")).order_by(AuditEvent.id)).all()
    assert actions == ["proposal.commented", "proposal.comment_hidden",
                       "proposal.comment_restored"]
