"""Merging duplicate proposals: the arithmetic of supports, the authors' consent, and every
refusal leaving everything as it was."""

import pytest
import sqlalchemy as sa

from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.proposals import merges, services
from govhub.proposals.merge_models import MergeStatus, ProposalMerge
from govhub.proposals.models import ProposalSupport, SupportSource
from govhub.proposals.rules import ProposalState


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id)))


def _keys(proposal) -> set[str]:
    return set(db.session.scalars(sa.select(ProposalSupport.person_key).where(
        ProposalSupport.proposal_id == proposal.id)))


def _support(users, proposal):
    for user in users:
        services.support_proposal(user, proposal)
    db.session.commit()


@pytest.fixture
def pair(make_proposal, residents):
    """Two open proposals by two authors, threshold 6: a duplicate and the one it joins."""
    a, b = residents(2)
    source = make_proposal(a, threshold=6, title="楼道装扶手")
    target = make_proposal(b, threshold=6, title="楼道加装扶手")
    return source, target


def _merge(worker, source, target):
    merge = merges.propose_merge(worker, source, target, "同一件事")
    db.session.commit()
    merges.answer_merge(source.author, merge, True)
    merges.answer_merge(target.author, merge, True)
    db.session.commit()
    return merge


def test_overlapping_supporters_are_counted_once(pair, worker, residents):
    source, target = pair
    both, only_source = residents(2)
    _support([both, only_source], source)
    _support([both], target)
    assert (source.support_count, target.support_count) == (3, 2)
    merge = _merge(worker, source, target)
    assert merge.status == MergeStatus.ACCEPTED
    assert (source.state, source.merged_into_id) == (ProposalState.MERGED, target.id)
    # target: its author, both; from the source: its author, only_source (both once)
    assert target.support_count == 4 == len(_keys(target))
    assert _keys(source) == set()
    db.session.expire_all()  # as stored: the merged one counts no supports of its own
    assert source.support_count == 0
    assert target.state == ProposalState.PUBLISHED


def test_reaching_the_threshold_by_the_merge_queues_once(make_proposal, worker, residents):
    a, b, *others = residents(5)
    source = make_proposal(a, threshold=5, title="楼道装扶手")
    target = make_proposal(b, threshold=5, title="楼道加装扶手")
    _support(others[:3], source)
    assert target.support_count == 1
    _merge(worker, source, target)
    assert target.support_count == 5
    assert target.state == ProposalState.QUEUED and target.reached_at is not None
    assert _kinds(b).count("proposals.waiting") == 1
    events = db.session.scalars(sa.text(
        "select count(*) from audit_events where action = 'proposal.threshold_reached'"))
    assert events.one() == 1


def test_supports_keep_how_they_were_given(pair, worker, residents):
    source, target = pair
    [paper] = residents(1)
    _support([paper], source)
    db.session.execute(sa.update(ProposalSupport).where(
        ProposalSupport.user_id == paper.id).values(source=SupportSource.PAPER))
    db.session.commit()
    _merge(worker, source, target)
    row = db.session.scalar(sa.select(ProposalSupport).where(ProposalSupport.user_id == paper.id))
    assert (row.proposal_id, row.source) == (target.id, SupportSource.PAPER)


def test_authors_are_asked_and_supporters_told(pair, worker, residents):
    source, target = pair
    [fan] = residents(1)
    _support([fan], source)
    merge = merges.propose_merge(worker, source, target, "")
    db.session.commit()
    assert "proposals.merge_proposed" in _kinds(source.author)
    assert "proposals.merge_proposed" in _kinds(target.author)
    merges.answer_merge(target.author, merge, True)
    db.session.commit()
    assert source.state == ProposalState.PUBLISHED  # one author is not all
    merges.answer_merge(source.author, merge, True)
    db.session.commit()
    assert "proposals.merged" in _kinds(fan)
    assert merges.joined_by(target) == [source]


def test_a_refusal_moves_nothing(pair, worker, residents):
    source, target = pair
    merge = merges.propose_merge(worker, source, target, "")
    merges.answer_merge(target.author, merge, True)
    merges.answer_merge(source.author, merge, False)
    db.session.commit()
    assert merge.status == MergeStatus.REFUSED
    assert (source.state, source.support_count, target.support_count) == (
        ProposalState.PUBLISHED, 1, 1)
    with pytest.raises(DomainError) as exc:
        merges.answer_merge(target.author, merge, True)
    assert exc.value.code == "merge_closed"


def _refused(call) -> DomainError | Forbidden:
    before = db.session.scalar(sa.select(sa.func.count()).select_from(ProposalMerge))
    with pytest.raises((DomainError, Forbidden)) as exc:
        call()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalMerge)) == before
    return exc.value


def test_refusals_change_nothing(pair, worker, residents, make_council, make_proposal):
    source, target = pair
    assert _refused(lambda: merges.propose_merge(worker, source, source, "")).code == \
        "merge_into_itself"
    assert isinstance(_refused(lambda: merges.propose_merge(source.author, source, target,
                                                            "")), Forbidden)
    merges.propose_merge(worker, source, target, "")
    db.session.commit()
    assert _refused(lambda: merges.propose_merge(worker, source, target, "")).code == \
        "merge_pending"
    services.withdraw_proposal(target.author, target, "算了")
    db.session.commit()
    [other] = residents(1)
    third = make_proposal(other, title="别的")
    error = _refused(lambda: merges.propose_merge(worker, third, target, ""))
    assert (error.code, error.status) == ("transition_not_allowed", 409)


def test_other_council_and_strangers(pair, worker, residents, make_council):
    source, target = pair
    elsewhere = make_council(members=1)
    target.council_id = elsewhere.id
    db.session.commit()
    assert _refused(lambda: merges.propose_merge(worker, source, target, "")).code == \
        "other_council"


def test_only_authors_answer_and_only_staff_cancel(pair, worker, residents):
    source, target = pair
    [stranger] = residents(1)
    merge = merges.propose_merge(worker, source, target, "")
    db.session.commit()
    assert isinstance(_refused(lambda: merges.answer_merge(stranger, merge, True)), Forbidden)
    assert isinstance(_refused(lambda: merges.answer_merge(worker, merge, True)), Forbidden)
    assert isinstance(_refused(lambda: merges.cancel_merge(source.author, merge)), Forbidden)
    merges.cancel_merge(worker, merge)
    db.session.commit()
    assert merge.status == MergeStatus.CANCELLED
    assert source.state == ProposalState.PUBLISHED


def test_a_queued_duplicate_leaves_the_agenda_it_was_on(make_proposal, worker, residents,
                                                        council, make_meeting):
    make_meeting("scheduled", council=council)
    a, b, fan = residents(3)
    source = make_proposal(a, threshold=2, title="楼道装扶手")
    _support([fan], source)
    assert source.state == ProposalState.QUEUED and source.agenda_item is not None
    target = make_proposal(b, threshold=5, title="楼道加装扶手")
    _merge(worker, source, target)
    assert source.state == ProposalState.MERGED and source.agenda_item is None
    assert target.support_count == 3 and target.state == ProposalState.PUBLISHED


def test_a_merge_waiting_to_join_a_proposal_that_joined_another_is_cancelled(pair, worker):
    source, target = pair
    opposite = merges.propose_merge(worker, target, source, "反过来")
    db.session.commit()
    _merge(worker, source, target)
    assert opposite.status == MergeStatus.CANCELLED and opposite.decided_at is not None
    assert target.state == ProposalState.PUBLISHED  # it stays, with both proposals' supports
