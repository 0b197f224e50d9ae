"""Reading proposals: the one loader, a council's settings, the meeting a proposal goes to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.auth.models import User
from govhub.core.errors import NotFound
from govhub.core.models import is_id, utcnow
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.proposals import rules, search
from govhub.proposals.models import (
    CoauthorStatus,
    Proposal,
    ProposalCoauthor,
    ProposalSettings,
    ProposalSupport,
)
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


PER_PAGE = 20
# How a list may be ordered: newest first, most supported, or closest to its threshold
# (those still collecting, fewest supports missing first).
SORTS = ("newest", "most_supported", "closest")


@dataclass(frozen=True)
class ListFilters:
    council_id: int | None = None
    community_id: int | None = None
    states: tuple[rules.ProposalState, ...] = ()
    category: str | None = None
    sort: str = "newest"
    query: str = ""  # keywords: every word (or a synonym) in the title or body (search.py)


def proposals_page(filters: ListFilters, page: int = 1, per_page: int = PER_PAGE):
    """One page of public proposals (never drafts), with their authors, in two statements
    (the page and its count) whatever its length."""
    query = (sa.select(Proposal).where(Proposal.state != rules.ProposalState.DRAFT)
             .options(orm.joinedload(Proposal.author)))
    if filters.council_id is not None:
        query = query.where(Proposal.council_id == filters.council_id)
    if filters.community_id is not None:
        query = query.where(Proposal.community_id == filters.community_id)
    if filters.states:
        query = query.where(Proposal.state.in_(filters.states))
    if filters.category:
        query = query.where(Proposal.category == filters.category)
    matching = search.matching_ids(filters.query)
    if matching is not None:
        query = query.where(Proposal.id.in_(matching))
    query = query.order_by(*_order(filters.sort))
    if filters.sort == "closest":
        query = query.where(Proposal.state == rules.ProposalState.PUBLISHED)
    return db.paginate(query, page=max(page or 1, 1), per_page=per_page, error_out=False,
                       count=True)


def _order(sort: str) -> tuple:
    if sort == "most_supported":
        return Proposal.support_count.desc(), Proposal.id.desc()
    if sort == "closest":
        return (Proposal.threshold - Proposal.support_count).asc(), Proposal.id.desc()
    return Proposal.published_at.desc(), Proposal.id.desc()


def drafts_of(user) -> list[Proposal]:
    """The drafts the user wrote or is asked to co-author (not declined), newest first."""
    coauthoring = sa.select(ProposalCoauthor.proposal_id).where(
        ProposalCoauthor.user_id == user.id,
        ProposalCoauthor.status != CoauthorStatus.DECLINED)
    return list(db.session.scalars(
        sa.select(Proposal).where(sa.or_(Proposal.author_id == user.id,
                                         Proposal.id.in_(coauthoring)),
                                  Proposal.state == rules.ProposalState.DRAFT)
        .order_by(Proposal.id.desc())))


def possibly_expired() -> list[Proposal]:
    """Published proposals whose last day may have passed somewhere (the services decide on
    each community's own calendar day): those whose last day is before tomorrow in UTC."""
    tomorrow = (utcnow() + timedelta(days=1)).date()
    return list(db.session.scalars(sa.select(Proposal).where(
        Proposal.state == rules.ProposalState.PUBLISHED, Proposal.expires_on < tomorrow)
        .order_by(Proposal.expires_on, Proposal.id)))


def waiting_for_a_meeting() -> list[Proposal]:
    """Queued proposals that no meeting's agenda has taken yet, whose council now has a
    meeting that can take them."""
    open_meeting = sa.exists().where(
        Meeting.council_id == Proposal.council_id,
        Meeting.status.in_([MeetingStatus.DRAFT, MeetingStatus.SCHEDULED]))
    return list(db.session.scalars(sa.select(Proposal).where(
        Proposal.state == rules.ProposalState.QUEUED, Proposal.agenda_item_id.is_(None),
        open_meeting).order_by(Proposal.reached_at, Proposal.id)))


SUPPORTERS_PER_PAGE = 100


@dataclass(frozen=True)
class Supporter:
    display_name: str | None  # none for a paper signature that no account is known for
    source: str
    supported_at: datetime


def supporters_page(proposal_id: int, page: int = 1,
                    per_page: int = SUPPORTERS_PER_PAGE) -> tuple[list[Supporter], int]:
    """One page of a proposal's supporters, oldest first, and how many there are in all:
    two statements whatever the page's length."""
    where = ProposalSupport.proposal_id == proposal_id
    total = db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSupport)
                              .where(where))
    rows = db.session.execute(
        sa.select(User.display_name, ProposalSupport.source, ProposalSupport.created_at)
        .outerjoin(User, User.id == ProposalSupport.user_id).where(where)
        .order_by(ProposalSupport.created_at, ProposalSupport.id)
        .limit(per_page).offset((max(page, 1) - 1) * per_page))
    return [Supporter(name, str(source), at) for name, source, at in rows], total
