"""Partner organizations' endorsements: a verified organization of the proposal's community
stands behind it, in its own name, shown apart from the residents' supports (an
endorsement never counts towards the threshold). Its owners speak for it."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners.organizations import permissions as organizations
from govhub.partners.organizations.models import MemberRole, Organization, OrganizationMember
from govhub.proposals.models import Proposal, ProposalEndorsement
from govhub.proposals.rules import ProposalState


def can_endorse_as(user, proposal: Proposal, organization: Organization) -> bool:
    """An owner of a verified organization of the proposal's community."""
    return (organization.is_verified and organization.community_id == proposal.community_id
            and organizations.is_owner(user, organization))


def endorse(actor, proposal: Proposal, organization: Organization) -> ProposalEndorsement:
    require(can_endorse_as(actor, proposal, organization), _(
        "Only an owner of a verified organization of this community can endorse in its name."))
    if proposal.state in (ProposalState.DRAFT, ProposalState.WITHDRAWN):
        raise DomainError("not_endorsable", _("This proposal cannot be endorsed."), status=409)
    endorsement = ProposalEndorsement(proposal_id=proposal.id, organization_id=organization.id,
                                      endorsed_by_id=actor.id)
    try:
        with db.session.begin_nested():
            db.session.add(endorsement)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("already_endorsed", _("%(organization)s already endorses it.",
                                                organization=organization.name),
                          status=409) from None
    record(actor, "proposal.endorsed", proposal, organization_id=organization.id)
    return endorsement


def withdraw_endorsement(actor, proposal: Proposal, organization: Organization) -> None:
    require(can_endorse_as(actor, proposal, organization))
    deleted = db.session.execute(sa.delete(ProposalEndorsement).where(
        ProposalEndorsement.proposal_id == proposal.id,
        ProposalEndorsement.organization_id == organization.id),
        execution_options={"synchronize_session": False}).rowcount
    if deleted != 1:
        raise DomainError("not_endorsed", _("%(organization)s does not endorse it.",
                                            organization=organization.name), status=409)
    record(actor, "proposal.endorsement_withdrawn", proposal, organization_id=organization.id)


def endorsements_of(proposal: Proposal) -> list[ProposalEndorsement]:
    return list(db.session.scalars(
        sa.select(ProposalEndorsement).where(ProposalEndorsement.proposal_id == proposal.id)
        .order_by(ProposalEndorsement.id)))


def organizations_for(user, proposal: Proposal) -> list[Organization]:
    """The organizations the user may endorse in the name of, for this proposal."""
    if getattr(user, "id", None) is None:
        return []
    candidates = db.session.scalars(
        sa.select(Organization).join(OrganizationMember).where(
            OrganizationMember.user_id == user.id, OrganizationMember.role == MemberRole.OWNER,
            OrganizationMember.accepted_at.is_not(None),
            Organization.community_id == proposal.community_id)
        .order_by(Organization.name))
    return [org for org in candidates if can_endorse_as(user, proposal, org)]
