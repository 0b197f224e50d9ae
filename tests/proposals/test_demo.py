"""The demo tells the proposals' story: one in each part of the loop, one traced to the past
meeting whose resolution has action items, deliberation in Chinese with every stance, a
duplicate merged into the queued proposal, and nothing doubled when it is loaded again."""

import re

import sqlalchemy as sa

from govhub.accountability.queries import followers_of
from govhub.actions.models import ActionItem
from govhub.audit.models import AuditEvent
from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.meetings.models import MeetingStatus
from govhub.proposals.merge_models import ConsentDecision, MergeStatus, ProposalMerge
from govhub.proposals.models import CommentRevision, Proposal, ProposalComment
from govhub.proposals.rules import ProposalState
from govhub.voting.models import Resolution
from tests.helpers import PASSWORD


def _by_state() -> dict:
    return {p.state: p for p in db.session.scalars(sa.select(Proposal))}


def test_the_demo_has_a_proposal_in_each_part_of_the_loop(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    proposals = _by_state()
    assert set(proposals) == {
        ProposalState.DRAFT, ProposalState.PUBLISHED, ProposalState.QUEUED,
        ProposalState.ACCEPTED, ProposalState.NOT_FEASIBLE, ProposalState.NOT_COMPETENT,
        ProposalState.WITHDRAWN, ProposalState.MERGED}
    short = proposals[ProposalState.PUBLISHED]
    assert short.support_count == short.threshold - 1
    queued = proposals[ProposalState.QUEUED]
    assert queued.agenda_item.meeting.status == MeetingStatus.SCHEDULED
    [coauthorship] = queued.coauthorships  # co-authored, its co-author's support counted
    assert coauthorship.status == "accepted" and coauthorship.user.username == "resident001"
    assert queued.evaluator.username == "worker" and queued.answer_due_on is not None
    traced = proposals[ProposalState.ACCEPTED]
    resolution = db.session.scalar(sa.select(Resolution).where(
        Resolution.agenda_item_id == traced.agenda_item_id))
    assert resolution is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionItem).where(
        ActionItem.resolution_id == resolution.id)) >= 1
    assert traced.published_at < traced.agenda_item.meeting.starts_at
    assert traced.author_id in {u.id for u in followers_of(resolution.id)}  # automatically
    for declined in (ProposalState.NOT_FEASIBLE, ProposalState.NOT_COMPETENT):
        assert proposals[declined].reason and proposals[declined].agenda_item_id is None

    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 8
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalComment)) == 11


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _comments_on(proposal: Proposal) -> list[ProposalComment]:
    return list(db.session.scalars(sa.select(ProposalComment).where(
        ProposalComment.proposal_id == proposal.id).order_by(ProposalComment.id)))


def test_the_demo_deliberates_in_chinese_with_every_stance_and_replies(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    proposals = _by_state()
    for proposal in (proposals[ProposalState.QUEUED], proposals[ProposalState.PUBLISHED]):
        thread = _comments_on(proposal)
        assert all(CHINESE.search(c.body) for c in thread)
        assert {c.stance for c in thread if c.parent_id is None} == {"for", "against",
                                                                     "question"}
        replies = [c for c in thread if c.parent_id is not None]
        assert replies and all(c.stance is None for c in replies)
        by_id = {c.id: c for c in thread}
        assert all(by_id[r.parent_id].parent_id is None for r in replies)  # one level deep
        authors = db.session.scalars(sa.select(User).where(
            User.id.in_({c.author_id for c in thread}))).all()
        assert len(authors) >= 4 and all(a.username.startswith("resident") for a in authors)
    assert len(_comments_on(proposals[ProposalState.MERGED])) == 1


def test_an_edited_demo_comment_keeps_what_it_said_before(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    edited = db.session.scalars(sa.select(ProposalComment).where(
        ProposalComment.edited_at.is_not(None))).one()
    revision = db.session.scalars(sa.select(CommentRevision).where(
        CommentRevision.comment_id == edited.id)).one()
    assert edited.body.startswith(revision.body) and edited.body != revision.body
    assert revision.stance == edited.stance == "against"


def test_a_demo_comment_is_hidden_by_moderators_with_its_reason(app, client):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    hidden = db.session.scalars(sa.select(ProposalComment).where(
        ProposalComment.hidden_at.is_not(None))).one()
    assert db.session.get(User, hidden.hidden_by_id).username == "worker"
    assert CHINESE.search(hidden.hidden_reason)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "proposal.comment_hidden",
        AuditEvent.actor_id == hidden.hidden_by_id)) == 1
    page = client.get(f"/proposals/{hidden.proposal_id}").get_data(as_text=True)
    assert f"Hidden by moderators: {hidden.hidden_reason}" in page
    assert hidden.body not in page


def test_the_demo_duplicate_is_merged_into_the_queued_proposal(app, client):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    proposals = _by_state()
    merged, queued = proposals[ProposalState.MERGED], proposals[ProposalState.QUEUED]
    assert merged.merged_into_id == queued.id
    merge = db.session.scalars(sa.select(ProposalMerge)).one()
    assert (merge.source_id, merge.target_id, merge.status) == (merged.id, queued.id,
                                                                MergeStatus.ACCEPTED)
    assert db.session.get(User, merge.proposed_by_id).username == "worker"
    authors = {merged.author_id, queued.author_id, queued.coauthorships[0].user_id}
    assert {(c.author_id, c.decision) for c in merge.consents} == {
        (author, ConsentDecision.ACCEPTED) for author in authors}  # its co-author's too
    page = client.get(f"/proposals/{merged.id}").get_data(as_text=True)
    assert f'href="/proposals/{queued.id}"' in page and queued.title in page


def test_the_merged_supports_count_each_person_once(app):
    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    proposals = _by_state()
    merged, queued = proposals[ProposalState.MERGED], proposals[ProposalState.QUEUED]
    supporters = {}
    for proposal in (merged, queued):
        supporters[proposal.id] = set(db.session.scalars(sa.select(AuditEvent.actor_id).where(
            AuditEvent.action == "proposal.supported", AuditEvent.target_id == proposal.id)))
    both = supporters[merged.id] & supporters[queued.id]
    assert both and supporters[merged.id] - supporters[queued.id]  # some shared, some new
    assert queued.support_count == len(supporters[merged.id] | supporters[queued.id])


def test_the_demo_stories_hold_with_the_fewest_residents_they_need(app):
    load_demo(residents=8, password=PASSWORD)
    db.session.commit()
    proposals = _by_state()
    assert ProposalState.MERGED in proposals and ProposalState.QUEUED in proposals
    short = proposals[ProposalState.PUBLISHED]
    assert short.support_count == short.threshold - 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalComment)) == 11
