"""The demo tells the proposals' story: one in each part of the loop, one traced to the past
meeting whose resolution has action items, and nothing doubled when it is loaded again."""

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.meetings.models import MeetingStatus
from govhub.proposals.models import Proposal
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
        ProposalState.WITHDRAWN}
    short = proposals[ProposalState.PUBLISHED]
    assert short.support_count == short.threshold - 1
    queued = proposals[ProposalState.QUEUED]
    assert queued.agenda_item.meeting.status == MeetingStatus.SCHEDULED
    assert queued.evaluator.username == "worker" and queued.answer_due_on is not None
    traced = proposals[ProposalState.ACCEPTED]
    resolution = db.session.scalar(sa.select(Resolution).where(
        Resolution.agenda_item_id == traced.agenda_item_id))
    assert resolution is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionItem).where(
        ActionItem.resolution_id == resolution.id)) >= 1
    assert traced.published_at < traced.agenda_item.meeting.starts_at
    for declined in (ProposalState.NOT_FEASIBLE, ProposalState.NOT_COMPETENT):
        assert proposals[declined].reason and proposals[declined].agenda_item_id is None

    load_demo(residents=45, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 7
