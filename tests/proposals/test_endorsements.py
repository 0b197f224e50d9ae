"""Partner organizations' endorsements: their owners speak for them, once, apart from supports."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.proposals import endorsements
from tests.proposals.paper_fixtures import make_organization


def _events(action) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == action))


def test_an_owner_endorses_once_and_withdraws(make_proposal, residents, make_user, worker):
    [author] = residents(1)
    proposal = make_proposal(author)
    organization, owner = make_organization(make_user, worker)
    assert endorsements.organizations_for(owner, proposal) == [organization]
    endorsements.endorse(owner, proposal, organization)
    db.session.commit()
    assert [e.organization.name for e in endorsements.endorsements_of(proposal)] == [
        "幸福里志愿者协会"]
    assert proposal.support_count == 1  # an endorsement is not a support
    with pytest.raises(DomainError) as error:
        endorsements.endorse(owner, proposal, organization)
    assert error.value.status == 409
    db.session.rollback()
    endorsements.withdraw_endorsement(owner, proposal, organization)
    db.session.commit()
    assert endorsements.endorsements_of(proposal) == []
    with pytest.raises(DomainError) as error:
        endorsements.withdraw_endorsement(owner, proposal, organization)
    assert error.value.code == "not_endorsed"
    assert (_events("proposal.endorsed"), _events("proposal.endorsement_withdrawn")) == (1, 1)


def test_an_unverified_organization_or_a_stranger_cannot_endorse(
        make_proposal, residents, make_user, worker):
    author, resident = residents(2)
    proposal = make_proposal(author)
    pending, pending_owner = make_organization(make_user, worker, status="pending",
                                               name="待审核协会")
    verified, _owner = make_organization(make_user, worker)
    assert endorsements.organizations_for(pending_owner, proposal) == []
    for actor, organization in ((pending_owner, pending), (resident, verified),
                                (worker, verified), (pending_owner, verified)):
        with pytest.raises(Forbidden):
            endorsements.endorse(actor, proposal, organization)
    assert endorsements.endorsements_of(proposal) == []


def test_a_draft_cannot_be_endorsed(make_proposal, residents, make_user, worker):
    [author] = residents(1)
    proposal = make_proposal(author, publish=False)
    organization, owner = make_organization(make_user, worker)
    with pytest.raises(DomainError) as error:
        endorsements.endorse(owner, proposal, organization)
    assert error.value.status == 409
