"""Reading proposals: the one loader, a council's settings, the meeting a proposal goes to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.auth.models import User
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.proposals import rules
from govhub.proposals.models import Proposal, ProposalSettings, ProposalSupport
from govhub.proposals.permissions import can_view_proposal


@dataclass(frozen=True)
class Settings:
    """A council's proposal settings, its own or the documented defaults."""

    threshold_kind: rules.ThresholdKind
    threshold_value: Decimal
    time_limit_days: int
    answer_working_days: int
    supports_public: bool
    is_default: bool


DEFAULT_SETTINGS = Settings(
    threshold_kind=rules.DEFAULT_THRESHOLD[0], threshold_value=Decimal(rules.DEFAULT_THRESHOLD[1]),
    time_limit_days=rules.DEFAULT_TIME_LIMIT_DAYS,
    answer_working_days=rules.DEFAULT_ANSWER_WORKING_DAYS, supports_public=False,
    is_default=True)


def settings_of(council_id: int) -> Settings:
    row = db.session.get(ProposalSettings, council_id)
    if row is None:
        return DEFAULT_SETTINGS
    return Settings(rules.ThresholdKind(row.threshold_kind), row.threshold_value,
                    row.time_limit_days, row.answer_working_days, row.supports_public,
                    is_default=False)


def visible_proposal(actor, proposal_id) -> Proposal:
    """The proposal, if the actor may see it; a draft of someone else answers as one that
    does not exist (404), so that no answer tells it exists."""
    proposal = db.session.get(Proposal, proposal_id) if is_id(proposal_id) else None
    if proposal is None or not can_view_proposal(actor, proposal):
        raise NotFound(_("There is no such proposal."))
    return proposal


def confirmed_residents(community_id: int) -> int:
    """How many confirmed, active residents the community has: a share threshold's base."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(User).where(
        User.community_id == community_id, User.role == Role.RESIDENT,
        User.disabled_at.is_(None), User.confirmed_at.is_not(None)))


def next_meeting(council_id: int) -> Meeting | None:
    """The council's next meeting whose agenda can still take an item before it starts."""
    return db.session.scalar(
        sa.select(Meeting).where(Meeting.council_id == council_id,
                                 Meeting.status.in_([MeetingStatus.DRAFT,
                                                     MeetingStatus.SCHEDULED]))
        .order_by(Meeting.starts_at, Meeting.id).limit(1))


def supporter_ids(proposal_id: int) -> list[int]:
    """The accounts that support the proposal (paper signatures without one have none)."""
    return list(db.session.scalars(
        sa.select(ProposalSupport.user_id).where(ProposalSupport.proposal_id == proposal_id,
                                                 ProposalSupport.user_id.is_not(None))))


def supports(user, proposal: Proposal) -> bool:
    """Whether this signed-in user supports the proposal."""
    if getattr(user, "id", None) is None:
        return False
    return db.session.scalar(sa.select(sa.exists().where(
        ProposalSupport.proposal_id == proposal.id,
        ProposalSupport.person_key == person_key(user)))) or False


def person_key(user) -> str:
    """How a resident's support is keyed: one per person, however they signed."""
    return f"user:{user.id}"
