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


def council_history(council: Council, limit: int = 200):
    """The council's audit trail: founding, rule changes, members seated and unseated."""
    from govhub.audit.models import AuditEvent

    return list(db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.target_type == "councils",
                                    AuditEvent.target_id == council.id)
        .order_by(AuditEvent.id.desc()).limit(limit)))


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
