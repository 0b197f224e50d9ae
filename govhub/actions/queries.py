"""Reading action items: lookups, the timeline, the office's lists and load, and the
public record of resolutions with their items.

Every list loads what its page shows in a fixed number of queries, however many
rows there are (tests/actions/test_queries.py counts them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import abort
from sqlalchemy import orm

from govhub.actions import permissions, rules
from govhub.actions.models import ActionItem, ActionUpdate, Evidence, action_item_helpers
from govhub.actions.rules import OPEN, ActionCategory, ActionStatus
from govhub.auth.models import User
from govhub.core.models import is_id
from govhub.core.roles import Role, is_admin, is_signed_in
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.voting.models import Resolution

PER_PAGE = 25
SORTS = {
    "due": (ActionItem.due_on.asc(), ActionItem.id.asc()),
    "-due": (ActionItem.due_on.desc(), ActionItem.id.desc()),
    "updated": (ActionItem.updated_at.desc(), ActionItem.id.desc()),
    "created": (ActionItem.created_at.desc(), ActionItem.id.desc()),
    "progress": (ActionItem.progress.asc(), ActionItem.due_on.asc(), ActionItem.id.asc()),
}
DUE_FILTERS = ("overdue", "this_week", "later")


# --- lookups -------------------------------------------------------------------------------

def find_item(item_id) -> ActionItem | None:
    return db.session.get(ActionItem, item_id) if is_id(item_id) else None


def get_item_or_404(item_id: int) -> ActionItem:
    item = find_item(item_id)
    if item is None:
        abort(404)
    return item


def find_update(item: ActionItem, update_id) -> ActionUpdate | None:
    update = db.session.get(ActionUpdate, update_id) if is_id(update_id) else None
    return update if update is not None and update.item_id == item.id else None


def find_evidence(evidence_id) -> Evidence | None:
    if not is_id(evidence_id):
        return None
    return db.session.scalar(sa.select(Evidence).where(Evidence.id == evidence_id)
                             .options(orm.joinedload(Evidence.update)
                                      .joinedload(ActionUpdate.item)))


def find_resolution(resolution_id) -> Resolution | None:
    return db.session.get(Resolution, resolution_id) if is_id(resolution_id) else None


def timeline(item: ActionItem) -> list[ActionUpdate]:
    """Every check-in of the item, oldest first, with its author and evidence."""
    return list(db.session.scalars(
        sa.select(ActionUpdate).where(ActionUpdate.item_id == item.id)
        .options(orm.joinedload(ActionUpdate.author), orm.selectinload(ActionUpdate.evidence))
        .order_by(ActionUpdate.created_at, ActionUpdate.id)))


def chair_ids(council_id: int | None) -> frozenset[int]:
    """Who chairs the council (active members with the chair's role)."""
    if council_id is None:
        return frozenset()
    return frozenset(db.session.scalars(sa.select(CouncilMembership.user_id).where(
        CouncilMembership.council_id == council_id, CouncilMembership.active.is_(True),
        CouncilMembership.role == MemberRole.CHAIR)))


def workers_of(community_id: int) -> list[User]:
    """Who may own items: the community's active workers, by name."""
    return list(db.session.scalars(
        sa.select(User).where(User.community_id == community_id, User.role == Role.WORKER,
                              User.disabled_at.is_(None))
        .order_by(User.display_name, User.id)))


# --- what a viewer may list ---------------------------------------------------------------

def visible_clause(actor):
    """SQL for "the actor may read this item", the same as permissions.can_view_item."""
    if is_admin(actor):
        return sa.true()
    clauses = [ActionItem.is_public.is_(True)]
    if is_signed_in(actor) and actor.is_active:
        chaired = sa.select(CouncilMembership.council_id).where(
            CouncilMembership.user_id == actor.id, CouncilMembership.active.is_(True),
            CouncilMembership.role == MemberRole.CHAIR)
        helping = sa.select(action_item_helpers.c.item_id).where(
            action_item_helpers.c.user_id == actor.id)
        clauses += [ActionItem.owner_id == actor.id, ActionItem.id.in_(helping),
                    ActionItem.council_id.in_(chaired)]
        if actor.role == Role.WORKER and actor.community_id is not None:
            clauses.append(ActionItem.community_id == actor.community_id)
        if actor.role == Role.PARTNER:  # items their organization helps with
            from govhub.partners.organizations.models import OrganizationMember

            clauses.append(ActionItem.organization_id.in_(
                sa.select(OrganizationMember.organization_id).where(
                    OrganizationMember.user_id == actor.id,
                    OrganizationMember.accepted_at.is_not(None))))
    return sa.or_(*clauses)


# --- filtered lists -------------------------------------------------------------------------

@dataclass
class Filters:
    """What a list shows; anything unknown in the query string is ignored."""

    council: int | str | None = None     # a council's id, or "none": items of no council
    status: ActionStatus | None = None
    category: ActionCategory | None = None
    owner: int | None = None
    due: str | None = None               # "overdue", "this_week", "later"
    open_only: bool = False
    sort: str = "due"

    @classmethod
    def from_args(cls, args) -> Filters:
        found = cls()
        council = args.get("council", "")
        if council == "none":
            found.council = "none"
        elif council.isdigit() and is_id(int(council)):
            found.council = int(council)
        found.status = _enum(ActionStatus, args.get("status"))
        found.category = _enum(ActionCategory, args.get("category"))
        owner = args.get("owner", "")
        found.owner = int(owner) if owner.isdigit() and is_id(int(owner)) else None
        found.due = args.get("due") if args.get("due") in DUE_FILTERS else None
        found.open_only = args.get("open") == "1"
        found.sort = args.get("sort") if args.get("sort") in SORTS else "due"
        return found

    def args(self, **changes) -> dict:
        """The filters as query-string values (for links that keep them)."""
        values = {"council": self.council, "status": self.status, "category": self.category,
                  "owner": self.owner, "due": self.due, "open": "1" if self.open_only else None,
                  "sort": self.sort if self.sort != "due" else None, **changes}
        return {key: str(value) for key, value in values.items() if value not in (None, "")}


def _enum(kind, value):
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def filtered(query: sa.Select, filters: Filters, today: date) -> sa.Select:
    if filters.council == "none":
        query = query.where(ActionItem.council_id.is_(None))
    elif filters.council is not None:
        query = query.where(ActionItem.council_id == filters.council)
    if filters.status is not None:
        query = query.where(ActionItem.status == filters.status)
    if filters.open_only:
        query = query.where(ActionItem.status.in_(OPEN))
    if filters.category is not None:
        query = query.where(ActionItem.category == filters.category)
    if filters.owner is not None:
        query = query.where(ActionItem.owner_id == filters.owner)
    sunday = rules.week_of(today)[1]
    if filters.due == "overdue":
        query = query.where(ActionItem.status.in_(OPEN), ActionItem.due_on < today)
    elif filters.due == "this_week":
        query = query.where(ActionItem.status.in_(OPEN), ActionItem.due_on >= today,
                            ActionItem.due_on <= sunday)
    elif filters.due == "later":
        query = query.where(ActionItem.due_on > sunday)
    return query.order_by(*SORTS[filters.sort])


def _with_people(query: sa.Select) -> sa.Select:
    return query.options(orm.joinedload(ActionItem.owner), orm.joinedload(ActionItem.council),
                         orm.joinedload(ActionItem.organization),
                         orm.selectinload(ActionItem.helpers))


def items_page(actor, community_id: int | None, filters: Filters, today: date,
               page: int = 1, per_page: int | None = None):
    """One page of the items the actor may read, filtered and sorted."""
    query = sa.select(ActionItem).where(visible_clause(actor))
    if community_id is not None:
        query = query.where(ActionItem.community_id == community_id)
    query = _with_people(filtered(query, filters, today))
    return db.paginate(query, page=max(page or 1, 1), per_page=per_page or PER_PAGE,
                       error_out=False, count=True)


def meeting_followup(actor, meeting: Meeting) -> dict:
    """The meeting page's resolutions, each with its items the actor may read, and whether
    the actor may create items for them."""
    resolutions = list(db.session.scalars(
        sa.select(Resolution).where(Resolution.meeting_id == meeting.id)
        .order_by(Resolution.decided_at, Resolution.id)))
    items = []
    if resolutions:
        items = db.session.scalars(
            sa.select(ActionItem).where(
                ActionItem.resolution_id.in_([r.id for r in resolutions]),
                visible_clause(actor))
            .options(orm.joinedload(ActionItem.owner)).order_by(ActionItem.id)).all()
    return {
        "resolutions": [(resolution, [i for i in items if i.resolution_id == resolution.id])
                        for resolution in resolutions],
        "can_create": permissions.can_create_items(actor, meeting.council.community_id,
                                                   meeting.council),
    }


# --- the office's dashboard ------------------------------------------------------------------

@dataclass
class Section:
    items: list[ActionItem]
    total: int


def _section(query: sa.Select, limit: int) -> Section:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(_with_people(query).limit(limit)).unique().all()
    return Section(list(rows), total or 0)


def dashboard(community_id: int, user: User, today: date, limit: int = 10) -> dict[str, Section]:
    """Mine (owned or helping, open), due this week, overdue, blocked: the first few of each."""
    base = sa.select(ActionItem).where(ActionItem.community_id == community_id)
    helping = sa.select(action_item_helpers.c.item_id).where(
        action_item_helpers.c.user_id == user.id)
    by_due = (ActionItem.due_on, ActionItem.id)
    sunday = rules.week_of(today)[1]
    open_items = base.where(ActionItem.status.in_(OPEN))
    return {
        "mine": _section(open_items.where(sa.or_(ActionItem.owner_id == user.id,
                                                 ActionItem.id.in_(helping))).order_by(*by_due),
                         limit),
        "this_week": _section(open_items.where(ActionItem.due_on >= today,
                                               ActionItem.due_on <= sunday).order_by(*by_due),
                              limit),
        "overdue": _section(open_items.where(ActionItem.due_on < today).order_by(*by_due),
                            limit),
        "blocked": _section(base.where(ActionItem.status == ActionStatus.BLOCKED)
                            .order_by(*by_due), limit),
    }


@dataclass
class Load:
    worker: User
    open_items: int = 0
    hours: object = 0
    overdue: int = 0
    blocked: int = 0
    helping: int = 0
    share: int = 0       # percent of the heaviest load in hours, for a bar


def workload(community_id: int, today: date) -> list[Load]:
    """Each active worker's open items, estimated hours, overdue and blocked ones, and the
    open items they help with, heaviest first."""
    workers = workers_of(community_id)
    loads = {worker.id: Load(worker) for worker in workers}
    is_open = ActionItem.status.in_(OPEN)
    rows = db.session.execute(
        sa.select(ActionItem.owner_id, sa.func.count(ActionItem.id),
                  sa.func.coalesce(sa.func.sum(ActionItem.estimated_hours), 0),
                  sa.func.count(ActionItem.id).filter(ActionItem.due_on < today),
                  sa.func.count(ActionItem.id).filter(ActionItem.status == ActionStatus.BLOCKED))
        .where(ActionItem.community_id == community_id, is_open)
        .group_by(ActionItem.owner_id))
    for owner_id, count, hours, overdue, blocked in rows:
        if owner_id in loads:
            load = loads[owner_id]
            load.open_items, load.hours, load.overdue, load.blocked = count, hours, overdue, blocked
    helping = db.session.execute(
        sa.select(action_item_helpers.c.user_id, sa.func.count())
        .join(ActionItem, ActionItem.id == action_item_helpers.c.item_id)
        .where(ActionItem.community_id == community_id, is_open)
        .group_by(action_item_helpers.c.user_id))
    for user_id, count in helping:
        if user_id in loads:
            loads[user_id].helping = count
    heaviest = max((load.hours for load in loads.values()), default=0) or 0
    for load in loads.values():
        load.share = math.ceil(load.hours * 100 / heaviest) if heaviest else 0
    return sorted(loads.values(), key=lambda load: (-load.hours, -load.open_items,
                                                    load.worker.display_name))


# --- the public record: resolutions and their items ------------------------------------------

@dataclass
class ResolutionRecord:
    resolution: Resolution
    meeting: Meeting
    items: list[ActionItem] = field(default_factory=list)


@dataclass
class Page:
    """The few things a pager needs (like Flask-SQLAlchemy's pagination)."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def public_resolutions(council_ids: list[int], page: int = 1, per_page: int = 20) -> Page:
    """The public meetings' resolutions of these councils, latest first, each with its
    public items: four queries, however many there are."""
    page = max(page, 1)
    public = (sa.select(Resolution.id).join(Meeting, Meeting.id == Resolution.meeting_id)
              .where(Meeting.council_id.in_(council_ids), Meeting.is_public.is_(True)))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(public.subquery())) or 0
    rows = db.session.execute(
        sa.select(Resolution, Meeting).join(Meeting, Meeting.id == Resolution.meeting_id)
        .where(Resolution.id.in_(public))
        .options(orm.joinedload(Meeting.council))
        .order_by(Resolution.decided_at.desc(), Resolution.id.desc())
        .limit(per_page).offset((page - 1) * per_page)).all()
    records = {resolution.id: ResolutionRecord(resolution, meeting)
               for resolution, meeting in rows}
    if records:
        for item in db.session.scalars(
                sa.select(ActionItem).where(ActionItem.resolution_id.in_(records),
                                            ActionItem.is_public.is_(True))
                .options(orm.joinedload(ActionItem.owner)).order_by(ActionItem.id)):
            records[item.resolution_id].items.append(item)
    return Page(list(records.values()), page, per_page, total)


def public_items_without_resolution(community_id: int, council_id: int | None = None,
                                    page: int = 1, per_page: int = 20) -> Page:
    """Public items that carry out no resolution (the office's own work), latest due first."""
    page = max(page, 1)
    query = sa.select(ActionItem).where(ActionItem.community_id == community_id,
                                        ActionItem.is_public.is_(True),
                                        ActionItem.resolution_id.is_(None))
    if council_id is not None:
        query = query.where(ActionItem.council_id == council_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    items = db.session.scalars(
        query.options(orm.joinedload(ActionItem.owner))
        .order_by(ActionItem.due_on.desc(), ActionItem.id.desc())
        .limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), page, per_page, total)
