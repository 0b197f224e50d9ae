"""Reading councils and memberships."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from sqlalchemy import orm

from govhub.core.models import is_id
from govhub.councils.models import Council, CouncilMembership
from govhub.extensions import db

MEMBERSHIPS = "govhub.active_memberships"


def active_membership(council_id: int, user_id: int) -> CouncilMembership | None:
    """The member's active seat on the council, if any.

    Read once per transaction: the permission checks of one page or live
    event ask for the same seat five to ten times. The memo is forgotten at
    every write, flush, commit and rollback, and not used while the session
    holds unflushed changes, so it never answers from before a change.
    """
    session = db.session()
    memo = session.info.setdefault(MEMBERSHIPS, {})
    key = (council_id, user_id)
    if key in memo and not (session.new or session.dirty or session.deleted):
        return memo[key]
    memo[key] = membership = db.session.scalar(
        sa.select(CouncilMembership).where(
            CouncilMembership.council_id == council_id,
            CouncilMembership.user_id == user_id,
            CouncilMembership.active.is_(True),
        )
    )
    return membership


def _forget_memberships(session: orm.Session, *_args) -> None:
    session.info.pop(MEMBERSHIPS, None)


for _moment in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    sa.event.listen(orm.Session, _moment, _forget_memberships)


@sa.event.listens_for(orm.Session, "do_orm_execute")
def _forget_at_writes(state: orm.ORMExecuteState) -> None:
    if not state.is_select:  # an UPDATE, INSERT or DELETE run directly, past the flush
        _forget_memberships(state.session)


def councils_of(community_id: int) -> list[Council]:
    return list(db.session.scalars(
        sa.select(Council).where(Council.community_id == community_id).order_by(Council.id)
    ))


def get_council_or_404(council_id: int) -> Council:
    council = db.session.get(Council, council_id) if is_id(council_id) else None
    if council is None:
        abort(404)
    return council


def members_of(council: Council, include_inactive: bool = False) -> list[CouncilMembership]:
    from govhub.auth.models import User

    query = (sa.select(CouncilMembership).join(User, User.id == CouncilMembership.user_id)
             .where(CouncilMembership.council_id == council.id)
             .order_by(CouncilMembership.active.desc(), CouncilMembership.role, User.display_name))
    if not include_inactive:
        query = query.where(CouncilMembership.active.is_(True))
    return list(db.session.scalars(query))


def membership_or_404(council: Council, membership_id: int) -> CouncilMembership:
    membership = db.session.get(CouncilMembership, membership_id) if is_id(
        membership_id) else None
    if membership is None or membership.council_id != council.id:
        abort(404)
    return membership


def coming_meetings(actor, community_id: int) -> list:
    """Meetings coming up or in session in the community, that the actor may see."""
    from govhub.meetings.models import MeetingStatus  # meetings read seats from this module
    from govhub.meetings.permissions import can_view
    from govhub.meetings.queries import meetings_of_councils

    council_ids = [council.id for council in councils_of(community_id)]
    meetings = meetings_of_councils(council_ids, {MeetingStatus.SCHEDULED,
                                                  MeetingStatus.IN_SESSION})
    return [meeting for meeting in meetings if can_view(actor, meeting)]


def seat_candidates(council: Council, search: str = "", limit: int = 100) -> list:
    """People of the council's community who do not sit on it now, by name; for the seat form."""
    from govhub.auth.models import User

    seated = sa.select(CouncilMembership.user_id).where(
        CouncilMembership.council_id == council.id, CouncilMembership.active.is_(True))
    query = (sa.select(User).where(User.community_id == council.community_id,
                                   User.disabled_at.is_(None), User.id.not_in(seated))
             .order_by(User.display_name, User.username).limit(limit))
    search = " ".join((search or "").split())[:80]
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(sa.or_(User.username.ilike(pattern, escape="\\"),
                                   User.display_name.ilike(pattern, escape="\\")))
    return list(db.session.scalars(query))


def residents_meeting_of(community_id: int) -> Council | None:
    """The community's residents' meeting (the first council of that kind): where a newly
    confirmed resident is seated unless the worker chooses otherwise."""
    from govhub.councils.models import CouncilKind

    return db.session.scalar(
        sa.select(Council).where(Council.community_id == community_id,
                                 Council.kind == CouncilKind.RESIDENTS_MEETING)
        .order_by(Council.id).limit(1))


def find_council(council_id) -> Council | None:
    """The council with this id, or None for anything that is not a sane id."""
    return db.session.get(Council, council_id) if is_id(council_id) else None


def pending_join_request(council_id: int, user_id: int):
    """The resident's request to join the council that waits for a decision, if any."""
    from govhub.councils.models import JoinRequest, JoinStatus

    return db.session.scalar(sa.select(JoinRequest).where(
        JoinRequest.council_id == council_id, JoinRequest.user_id == user_id,
        JoinRequest.status == JoinStatus.PENDING))


def last_join_request(council_id: int, user_id: int):
    """The resident's latest request to join the council, whatever became of it."""
    from govhub.councils.models import JoinRequest

    return db.session.scalar(sa.select(JoinRequest).where(
        JoinRequest.council_id == council_id, JoinRequest.user_id == user_id)
        .order_by(JoinRequest.id.desc()).limit(1))


def pending_join_requests(council: Council) -> list:
    """Requests to join the council that wait for a worker, oldest first."""
    from govhub.councils.models import JoinRequest, JoinStatus

    return list(db.session.scalars(
        sa.select(JoinRequest).options(orm.joinedload(JoinRequest.user))
        .where(JoinRequest.council_id == council.id, JoinRequest.status == JoinStatus.PENDING)
        .order_by(JoinRequest.id)))


def join_request_or_404(council: Council, request_id: int):
    from govhub.councils.models import JoinRequest

    found = db.session.get(JoinRequest, request_id) if is_id(request_id) else None
    if found is None or found.council_id != council.id:
        abort(404)
    return found


def seats_of(user_id: int) -> list[CouncilMembership]:
    """The person's active seats on councils."""
    return list(db.session.scalars(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == user_id, CouncilMembership.active.is_(True))))
