"""The proposals' clock: archiving those whose time ran out, placing those that waited."""

from datetime import timedelta

import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db
from govhub.meetings.models import AgendaItem
from govhub.notifications.models import Notification
from govhub.proposals import services, timers
from govhub.proposals.rules import ProposalState


def _audited(action: str, proposal) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.target_id == proposal.id))


def test_a_proposal_past_its_last_day_is_archived_once(make_proposal, residents):
    author, supporter = residents(2)
    late = make_proposal(author, threshold=5, title="过期")
    today = make_proposal(author, threshold=5, title="今天截止")
    reached = make_proposal(author, threshold=2, title="已达门槛")
    services.support_proposal(supporter, reached)
    for proposal, last_day in ((late, -1), (today, 0), (reached, -1)):
        proposal.expires_on = services.today_of(proposal) + timedelta(days=last_day)
    db.session.commit()

    timers.archive_expired_proposals()
    timers.archive_expired_proposals()

    assert late.state == ProposalState.ARCHIVED and _audited("proposal.archived", late) == 1
    assert today.state == ProposalState.PUBLISHED  # its last day is not over
    assert reached.state == ProposalState.QUEUED
    db.session.expire_all()
    assert db.session.get(type(late), late.id).state == ProposalState.ARCHIVED  # stored


def test_a_waiting_proposal_goes_on_the_next_meeting_once(make_proposal, residents, council,
                                                          make_meeting):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    assert proposal.state == ProposalState.QUEUED and proposal.agenda_item_id is None
    timers.place_waiting_proposals()
    assert proposal.agenda_item_id is None  # still no meeting

    meeting = make_meeting("draft", council=council)
    timers.place_waiting_proposals()
    timers.place_waiting_proposals()

    db.session.expire_all()
    items = db.session.scalars(sa.select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.title == proposal.title)).all()
    assert len(items) == 1 and proposal.agenda_item_id == items[0].id
    assert _audited("proposal.placed_on_agenda", proposal) == 1
    told = db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == supporter.id).order_by(Notification.id)).all()
    assert told == ["proposals.waiting", "proposals.queued"]
