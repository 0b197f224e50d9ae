"""Co-authors: invited by the author, each accepts or declines; an accepted co-author's
support counts once, and every refusal changes nothing."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden, NotFound
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.proposals import coauthors, merges, queries, services
from govhub.proposals.models import CoauthorStatus, ProposalCoauthor, ProposalSupport
from govhub.proposals.rules import ProposalState


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id)))


def _rows(proposal) -> list[tuple[int, str]]:
    return list(db.session.execute(sa.select(ProposalCoauthor.user_id, ProposalCoauthor.status)
                                   .where(ProposalCoauthor.proposal_id == proposal.id)
                                   .order_by(ProposalCoauthor.id)))


def _supports(proposal) -> list[str]:
    return list(db.session.scalars(sa.select(ProposalSupport.person_key).where(
        ProposalSupport.proposal_id == proposal.id)))


def _invite(author, proposal, *people):
    for person in people:
        coauthors.invite(author, proposal, person.username)
    db.session.commit()


def _answer(person, proposal, accept=True):
    coauthors.answer(person, proposal, accept)
    db.session.commit()


def test_an_invited_resident_is_told_and_accepting_a_published_proposal_adds_their_support(
        make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=5)
    _invite(author, proposal, friend)
    assert "proposals.coauthor_invited" in _kinds(friend)
    assert proposal.support_count == 1  # an invitation is not a support
    _answer(friend, proposal)
    assert proposal.support_count == 2
    assert sorted(_supports(proposal)) == sorted([f"user:{author.id}", f"user:{friend.id}"])
    assert _rows(proposal) == [(friend.id, CoauthorStatus.ACCEPTED)]
    assert "proposals.coauthor_accepted" in _kinds(author)


def test_a_supporter_who_becomes_a_coauthor_is_counted_once(make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=5)
    services.support_proposal(friend, proposal)
    _invite(author, proposal, friend)
    _answer(friend, proposal)
    assert proposal.support_count == 2
    assert len(_supports(proposal)) == 2


def test_coauthors_of_a_draft_count_when_it_is_published(make_proposal, residents):
    author, first, second = residents(3)
    draft = make_proposal(author, threshold=5, publish=False)
    _invite(author, draft, first, second)
    _answer(first, draft)
    _answer(second, draft, accept=False)
    services.publish_proposal(author, draft)
    db.session.commit()
    assert draft.support_count == 2  # the author and the one who accepted
    assert f"user:{second.id}" not in _supports(draft)


def test_the_coauthor_whose_support_reaches_the_threshold_queues_the_proposal(
        make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=2)
    _invite(author, proposal, friend)
    _answer(friend, proposal)
    assert proposal.state == ProposalState.QUEUED
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "proposal.threshold_reached")) == 1


def test_a_coauthor_edits_the_draft_but_only_the_author_publishes_it(make_proposal, residents):
    author, friend = residents(2)
    draft = make_proposal(author, publish=False)
    _invite(author, draft, friend)
    assert queries.visible_proposal(friend, draft.id) is draft  # to read what they accept
    _answer(friend, draft)
    services.update_draft(friend, draft, title="各楼道加装扶手", body="更清楚的说明。",
                          category="facilities")
    db.session.commit()
    assert draft.title == "各楼道加装扶手"
    with pytest.raises(Forbidden):
        services.publish_proposal(friend, draft)
    assert draft.state == ProposalState.DRAFT


def test_a_coauthor_cannot_withdraw_their_support(make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=5)
    _invite(author, proposal, friend)
    _answer(friend, proposal)
    with pytest.raises(DomainError) as refused:
        services.withdraw_support(friend, proposal)
    assert refused.value.code == "author_support"
    db.session.rollback()
    assert proposal.support_count == 2


def test_a_declined_draft_is_no_longer_shown_to_the_one_who_declined(make_proposal, residents):
    author, friend = residents(2)
    draft = make_proposal(author, publish=False)
    _invite(author, draft, friend)
    assert queries.drafts_of(friend) == [draft]
    _answer(friend, draft, accept=False)
    assert queries.drafts_of(friend) == []
    with pytest.raises(NotFound):
        queries.visible_proposal(friend, draft.id)
    assert "proposals.coauthor_declined" in _kinds(author)


def test_the_author_takes_back_an_unanswered_invitation(make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author)
    _invite(author, proposal, friend)
    coauthors.cancel(author, proposal, friend.id)
    db.session.commit()
    assert _rows(proposal) == []
    with pytest.raises(DomainError) as refused:
        coauthors.answer(friend, proposal, True)
    assert refused.value.code == "no_invitation"


def test_coauthors_answer_merges_with_the_authors(make_proposal, residents, worker):
    author, friend, other = residents(3)
    source = make_proposal(author, threshold=9, title="楼道装扶手")
    target = make_proposal(other, threshold=9, title="楼道加装扶手")
    _invite(author, source, friend)
    _answer(friend, source)
    merge = merges.propose_merge(worker, source, target)
    db.session.commit()
    assert merges.author_ids(merge) == {author.id, friend.id, other.id}
    for person in (author, other):
        merges.answer_merge(person, merge, True)
    db.session.commit()
    assert source.state != ProposalState.MERGED  # the co-author has not answered yet
    merges.answer_merge(friend, merge, True)
    db.session.commit()
    assert source.state == ProposalState.MERGED and target.support_count == 3


@pytest.mark.parametrize("who, code", [
    ("self", "own_proposal"), ("nobody", "not_a_resident"), ("unconfirmed", "not_a_resident"),
    ("worker", "not_a_resident"), ("other community", "not_a_resident"),
    ("twice", "already_invited"),
])
def test_who_cannot_be_invited(make_proposal, residents, make_user, make_community, worker,
                               who, code):
    author, friend = residents(2)
    proposal = make_proposal(author)
    _invite(author, proposal, friend)
    username = {
        "self": author.username, "nobody": "no-such-user",
        "unconfirmed": make_user(confirmed=False).username if who == "unconfirmed" else "",
        "worker": worker.username,
        "other community": make_user(community=make_community()).username
        if who == "other community" else "",
        "twice": friend.username,
    }[who]
    with pytest.raises(DomainError) as refused:
        coauthors.invite(author, proposal, username)
    assert refused.value.code == code
    db.session.rollback()
    assert _rows(proposal) == [(friend.id, CoauthorStatus.INVITED)]


def test_at_most_five_coauthors(make_proposal, residents):
    author, *people = residents(7)
    proposal = make_proposal(author, threshold=20)
    _invite(author, proposal, *people[:5])
    with pytest.raises(DomainError) as refused:
        coauthors.invite(author, proposal, people[5].username)
    assert refused.value.code == "too_many_coauthors"
    db.session.rollback()
    _answer(people[0], proposal, accept=False)  # a declined invitation frees its place
    _invite(author, proposal, people[5])
    assert len(_rows(proposal)) == 6


def test_only_the_author_invites(make_proposal, residents):
    author, friend, stranger = residents(3)
    proposal = make_proposal(author)
    _invite(author, proposal, friend)
    _answer(friend, proposal)
    for someone in (friend, stranger):  # not even a co-author
        with pytest.raises(Forbidden):
            coauthors.invite(someone, proposal, stranger.username)
        db.session.rollback()
    assert _rows(proposal) == [(friend.id, CoauthorStatus.ACCEPTED)]


def test_invitations_close_once_the_threshold_signs_the_proposal(make_proposal, residents):
    author, friend, late = residents(3)
    proposal = make_proposal(author, threshold=2)
    _invite(author, proposal, late)
    services.support_proposal(friend, proposal)
    db.session.commit()
    assert proposal.state == ProposalState.QUEUED
    for attempt in (lambda: coauthors.invite(author, proposal, friend.username),
                    lambda: coauthors.answer(late, proposal, True)):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == "coauthors_closed"
        db.session.rollback()
    assert _rows(proposal) == [(late.id, CoauthorStatus.INVITED)]


def test_answering_twice_is_refused(make_proposal, residents):
    author, friend = residents(2)
    proposal = make_proposal(author, threshold=5)
    _invite(author, proposal, friend)
    _answer(friend, proposal)
    with pytest.raises(DomainError) as refused:
        coauthors.answer(friend, proposal, False)
    assert refused.value.code == "no_invitation"
    db.session.rollback()
    assert proposal.support_count == 2


def test_every_step_is_audited(make_proposal, residents):
    author, friend, other = residents(3)
    proposal = make_proposal(author, threshold=9)
    _invite(author, proposal, friend, other)
    _answer(friend, proposal)
    coauthors.cancel(author, proposal, other.id)
    db.session.commit()
    actions = set(db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.action.like("proposal.coauthor%"))))
    assert actions == {"proposal.coauthor_invited", "proposal.coauthor_accepted",
                       "proposal.coauthor_invitation_cancelled"}
