"""Reading hours: a worker's entries and days, the targets they log against, the workload
(summed in SQL by week, worker and type), measured hours of an item, the public figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.actions.models import ActionItem
from govhub.actions.rules import FINISHED, local_today
from govhub.admission.catalogue.models import StreetCommunity
from govhub.admission.catalogue.queries import current_version, street_id_of
from govhub.admission.hours import rules
from govhub.admission.hours.models import (
    ItemWeeklyHours,
    MonthlyHours,
    TimeEntry,
    WeeklyHours,
)
from govhub.admission.hours.permissions import can_view_hours_of
from govhub.admission.hours.rules import HoursType, TargetKind
from govhub.admission.requests.models import AdmissionRequest, AdmissionRequestCommunity
from govhub.admission.requests.rules import RequestState
from govhub.auth.models import User
from govhub.core.clock import clock
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.core.roles import Role
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.meetings.models import Meeting

RECENT_MEETING_DAYS = 31
RECENT_REQUESTS = 20
# Requests a worker spends time on: while the communities are consulted and the
# reviewers decide, an emergency in force, and a task admitted.
LOGGABLE_REQUESTS = (RequestState.SUBMITTED, RequestState.CONSULTATION,
                     RequestState.PENDING_REVIEW, RequestState.APPROVED,
                     RequestState.CONDITIONAL)


def today_of(worker) -> date:
    """The worker's day, in their community's time zone."""
    zone = worker.community.timezone if getattr(worker, "community", None) else "Asia/Shanghai"
    return local_today(clock().now(), zone)


def visible_entry(actor, entry_id) -> TimeEntry:
    """The entry, if the actor may see it; otherwise 404 (never telling whose it is)."""
    entry = db.session.get(TimeEntry, entry_id) if is_id(entry_id) else None
    if entry is None or not can_view_hours_of(actor, entry.worker_id):
        raise NotFound(_("There is no such time entry."))
    return entry


def entries_of(worker_id: int, since: date, until: date) -> list[TimeEntry]:
    return list(db.session.scalars(
        sa.select(TimeEntry).where(TimeEntry.worker_id == worker_id,
                                   TimeEntry.day.between(since, until))
        .order_by(TimeEntry.day.desc(), TimeEntry.id.desc())))


def day_total(worker_id: int, day: date, leaving_out: int | None = None) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(TimeEntry.minutes), 0)).where(
        TimeEntry.worker_id == worker_id, TimeEntry.day == day)
    if leaving_out is not None:
        query = query.where(TimeEntry.id != leaving_out)
    return int(db.session.scalar(query))


# --- targets -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    kind: TargetKind
    id: int | None
    label: str

    @property
    def key(self) -> str:
        return self.kind.value if self.id is None else f"{self.kind.value}:{self.id}"


def parse_key(key) -> tuple[TargetKind, int | None] | None:
    """"work_item:12" -> (WORK_ITEM, 12); "other" -> (OTHER, None); anything else None."""
    text = str(key or "")
    if text == TargetKind.OTHER.value:
        return TargetKind.OTHER, None
    kind, _sep, number = text.partition(":")
    if kind not in {k.value for k in TargetKind} - {TargetKind.OTHER.value}:
        return None
    if not number.isdigit() or not is_id(int(number)):
        return None
    return TargetKind(kind), int(number)


def targets_of(worker, locale: str = "zh") -> list[tuple[TargetKind, list[Target]]]:
    """What a worker logs against, by kind: their community's current catalogue, its open
    action items, its councils' meetings of the last month and the next day, other."""
    community = worker.community
    version = current_version(street_id_of(community))
    items = [Target(TargetKind.WORK_ITEM, i.id, f"{i.code} {i.display_name(locale)}")
             for i in (version.items if version else [])]
    actions = [Target(TargetKind.ACTION_ITEM, a.id, a.title) for a in db.session.scalars(
        sa.select(ActionItem).where(ActionItem.community_id == community.id,
                                    ActionItem.status.not_in(FINISHED))
        .order_by(ActionItem.due_on))]
    now = clock().now()
    meetings = [Target(TargetKind.MEETING, m.id, f"{m.title} ({m.starts_at.date()})")
                for m in db.session.scalars(
        sa.select(Meeting).join(Council, Council.id == Meeting.council_id)
        .where(Council.community_id == community.id,
               Meeting.starts_at.between(now - timedelta(days=RECENT_MEETING_DAYS),
                                         now + timedelta(days=1)))
        .order_by(Meeting.starts_at.desc()))]
    requests = [Target(TargetKind.REQUEST, r.id, r.title) for r in db.session.scalars(
        sa.select(AdmissionRequest).join(AdmissionRequestCommunity).where(
            AdmissionRequestCommunity.community_id == community.id,
            AdmissionRequest.state.in_(LOGGABLE_REQUESTS))
        .order_by(AdmissionRequest.id.desc()).limit(RECENT_REQUESTS))]
    other = [Target(TargetKind.OTHER, None, _("Other work (say what in the note)"))]
    return [(kind, found) for kind, found in ((TargetKind.WORK_ITEM, items),
            (TargetKind.ACTION_ITEM, actions), (TargetKind.MEETING, meetings),
            (TargetKind.REQUEST, requests), (TargetKind.OTHER, other)) if found]


def recent_keys(worker_id: int, limit: int = rules.SHEET_ROWS) -> list[str]:
    """The targets the worker logged against most recently (not "other"), newest first."""
    last = sa.func.max(TimeEntry.id).label("last")
    rows = db.session.execute(
        sa.select(TimeEntry.target_kind, TimeEntry.work_item_id, TimeEntry.action_item_id,
                  TimeEntry.meeting_id, TimeEntry.request_id, last)
        .where(TimeEntry.worker_id == worker_id, TimeEntry.target_kind != TargetKind.OTHER)
        .group_by(TimeEntry.target_kind, TimeEntry.work_item_id, TimeEntry.action_item_id,
                  TimeEntry.meeting_id, TimeEntry.request_id)
        .order_by(last.desc()).limit(limit))
    return [f"{kind.value}:{w or a or m or r}" for kind, w, a, m, r, _last in rows]


# --- the workload --------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One worker's week: minutes per hours type and per share, the total, and the share
    for departments in per cent."""

    monday: date
    minutes: dict
    shares: dict
    total: int
    percent: int

    @property
    def departments(self) -> int:
        return self.shares[rules.Share.FOR_DEPARTMENTS]


@dataclass
class WorkerWeeks:
    worker_id: int
    name: str
    weeks: dict[date, dict[HoursType, int]] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)      # one per Monday of the range
    by_share: dict = field(default_factory=dict)          # minutes per share, whole range

    def total(self, monday: date) -> int:
        return sum(self.weeks.get(monday, {}).values())

    def share(self, monday: date, share: rules.Share) -> int:
        return sum(m for kind, m in self.weeks.get(monday, {}).items()
                   if rules.SHARES[kind] == share)

    def finish(self, mondays: list[date]) -> None:
        """The cells the heat map, the table and the API show, in one pass."""
        self.by_share = dict.fromkeys(SHARE_LIST, 0)
        for monday in mondays:
            week = self.weeks.get(monday, {})
            shares = dict.fromkeys(SHARE_LIST, 0)
            for kind, minutes in week.items():
                shares[rules.SHARES[kind]] += minutes
            total = sum(week.values())
            for share, minutes in shares.items():
                self.by_share[share] += minutes
            self.cells.append(Cell(monday, week, shares, total, rules.percent(
                shares[rules.Share.FOR_DEPARTMENTS], total)))


TYPES_BY_VALUE = {kind.value: kind for kind in HoursType}
SHARE_LIST = tuple(rules.Share)


WORKERS_PER_PAGE = 50


def count_workers() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(User)
                             .where(User.role == Role.WORKER))


def workload(span: rules.WeekRange, worker_id: int | None = None,
             page: int | None = None, per_page: int = WORKERS_PER_PAGE) -> list[WorkerWeeks]:
    """Minutes per worker, week and hours type over the range, from the weekly sums; every
    worker (or the one asked for; or a page of them, by name) has a row, hours or not."""
    kind_text = sa.type_coerce(WeeklyHours.list_type, sa.String)  # no enum per row
    query = (sa.select(WeeklyHours.worker_id, WeeklyHours.week, kind_text, WeeklyHours.minutes)
             .where(WeeklyHours.week.between(span.first, span.last), WeeklyHours.minutes > 0))
    people = (sa.select(User.id, User.display_name).where(User.role == Role.WORKER)
              .order_by(User.display_name, User.id))
    if worker_id is not None:
        people = sa.select(User.id, User.display_name).where(User.id == worker_id)
    elif page is not None:
        people = people.limit(per_page).offset((max(page, 1) - 1) * per_page)
    rows = {uid: WorkerWeeks(uid, name) for uid, name in db.session.execute(people)}
    if worker_id is not None or page is not None:
        query = query.where(WeeklyHours.worker_id.in_(list(rows) or [0]))
    for uid, week, kind, total in db.session.execute(query):
        row = rows.get(uid)
        if row is not None:
            row.weeks.setdefault(week, {})[TYPES_BY_VALUE[kind]] = total
    mondays = span.mondays
    for row in rows.values():
        row.finish(mondays)
    return list(rows.values())


# --- measured against estimated ----------------------------------------------------------

def months_between(since: date, until: date) -> Decimal:
    """The length of a period in average months (365.25 / 12 days each)."""
    days = Decimal((until - since).days + 1)
    return days / (Decimal("365.25") / 12)


def measured_hours(work_item_code: str, community_ids, since: date, until: date) -> Decimal:
    """Hours per month per community logged against the item (by its code, across catalogue
    versions) from `since` to `until`: what the re-review of a request compares with the
    estimate. One decimal; 0 when there are no communities or the period is empty."""
    ids = list(community_ids)
    if not ids or until < since:
        return Decimal("0.0")
    total = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(TimeEntry.minutes), 0))
        .where(TimeEntry.work_item_code == work_item_code, TimeEntry.community_id.in_(ids),
               TimeEntry.day.between(since, until)))
    hours = Decimal(int(total)) / 60 / months_between(since, until) / len(ids)
    return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def street_community_ids(street_id: int) -> list[int]:
    return list(db.session.scalars(sa.select(StreetCommunity.community_id)
                                   .where(StreetCommunity.street_id == street_id)))


def estimated_and_measured(street_id: int, span: rules.WeekRange) -> list[tuple]:
    """(item, estimated hours per month, measured hours per month per community) for each
    item of the street's current catalogue over the range's weeks, from the weekly sums."""
    version = current_version(street_id)
    ids = street_community_ids(street_id)
    if version is None or not ids:
        return []
    sums = dict(db.session.execute(
        sa.select(ItemWeeklyHours.work_item_code, sa.func.sum(ItemWeeklyHours.minutes))
        .where(ItemWeeklyHours.community_id.in_(ids),
               ItemWeeklyHours.week.between(span.first, span.last))
        .group_by(ItemWeeklyHours.work_item_code)).all())
    months = months_between(span.first, span.last)
    return [(item, item.hours_per_month,
             (Decimal(int(sums.get(item.code) or 0)) / 60 / months / len(ids))
             .quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) for item in version.items]


# --- the public figures ----------------------------------------------------------------------

def monthly(community_ids, first_month: date, last_month: date) -> dict[date, dict]:
    """Minutes per month and hours type of those communities' workers (no one's own), from
    the monthly sums."""
    ids = list(community_ids)
    found: dict[date, dict[HoursType, int]] = {}
    if not ids:
        return found
    for month, kind, total in db.session.execute(
            sa.select(MonthlyHours.month, MonthlyHours.list_type,
                      sa.func.sum(MonthlyHours.minutes))
            .where(MonthlyHours.community_id.in_(ids),
                   MonthlyHours.month.between(first_month, last_month))
            .group_by(MonthlyHours.month, MonthlyHours.list_type)
            .having(sa.func.sum(MonthlyHours.minutes) > 0)):
        found.setdefault(month, {})[HoursType(kind)] = int(total)
    return found


def last_months(today: date, count: int = 12) -> list[date]:
    """The first days of the last `count` months, oldest first, today's month last."""
    months, month = [], rules.month_start(today)
    for _n in range(count):
        months.append(month)
        month = rules.month_start(month - timedelta(days=1))
    return months[::-1]
