"""Supporters follow the resolution their proposal led to, without doing anything."""

from datetime import timedelta

from govhub.accountability.queries import followers_of, is_following
from govhub.accountability.services import follow_resolution
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.proposals import services
from govhub.voting.models import Poll, PollStatus, Resolution


def _resolve(meeting, item) -> Resolution:
    """Store what a passed poll on `item` leaves (voting's close_poll writes the same rows)."""
    now = utcnow()
    poll = Poll(meeting_id=meeting.id, agenda_item_id=item.id, title=item.title,
                kind="yes_no_abstain", status=PollStatus.CLOSED, passed=True,
                opened_at=now - timedelta(minutes=5), closed_at=now, result={})
    db.session.add(poll)
    db.session.flush()
    resolution = Resolution(meeting_id=meeting.id, poll_id=poll.id, agenda_item_id=item.id,
                            text=item.title, tally={}, rule_set="organic_law", decided_at=now)
    db.session.add(resolution)
    db.session.commit()
    return resolution


def test_the_supporters_of_a_queued_proposal_follow_its_resolution(
        make_proposal, residents, make_meeting, council):
    meeting = make_meeting("scheduled", council=council)
    author, supporter, bystander = residents(3)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    assert proposal.agenda_item.meeting_id == meeting.id
    other_item = meeting.items[0]
    resolution = _resolve(meeting, proposal.agenda_item)
    assert {u.id for u in followers_of(resolution.id)} == {author.id, supporter.id}
    assert not is_following(bystander, resolution.id)
    unrelated = _resolve(meeting, other_item)  # another item: nobody follows it for them
    assert followers_of(unrelated.id) == []


def test_someone_already_following_is_not_added_twice(make_proposal, residents, make_meeting,
                                                       council):
    meeting = make_meeting("scheduled", council=council)
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    services.support_proposal(supporter, proposal)
    db.session.commit()
    first = _resolve(meeting, proposal.agenda_item)
    assert follow_resolution(author, first, meeting) is False  # already, automatically
    second = _resolve(meeting, proposal.agenda_item)  # a second poll on the same item
    assert sorted(u.id for u in followers_of(second.id)) == sorted([author.id, supporter.id])

