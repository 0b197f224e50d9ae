"""Changing hours: log one entry, edit or delete your own, save a week's sheet at once.

Each service checks the actor, the target (of the worker's own community) and the rules
(a day not in the future, at most 24 hours a day), flushes, and records the change in the
audit trail. The events belong to no community on purpose: a community's workers read its
audit trail, and they must not read one another's hours there; administrators read all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.actions.models import ActionItem
from govhub.admission.catalogue.models import WorkItem
from govhub.admission.catalogue.queries import current_version, street_id_of
from govhub.admission.hours import labels, queries, rules, totals
from govhub.admission.hours.models import TimeEntry
from govhub.admission.hours.permissions import can_change_entry, can_log_hours
from govhub.admission.hours.rules import HoursError, TargetKind
from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.rules import RequestState
from govhub.audit.services import record
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import is_id, utcnow
from govhub.extensions import db
from govhub.meetings.models import Meeting


@dataclass(frozen=True)
class Resolved:
    kind: TargetKind
    columns: dict
    hours_type: rules.HoursType
    code: str | None = None


def _refuse(error: HoursError) -> DomainError:
    return DomainError(error.code, labels.problem(error.code), field=error.field)


def _wrong_target() -> DomainError:
    return DomainError("wrong_target", labels.problem("wrong_target"), field="target")


def resolve_target(worker, kind, target_id) -> Resolved:
    """The target a worker names, checked to be of their community (its current catalogue,
    its action items, its councils' meetings); `other` names none."""
    try:
        kind = TargetKind(kind)
    except ValueError:
        raise DomainError("no_target", labels.problem("no_target"), field="target") from None
    empty = {"work_item_id": None, "action_item_id": None, "meeting_id": None,
             "request_id": None}
    if kind == TargetKind.OTHER:
        if target_id is not None:
            raise _wrong_target()
        return Resolved(kind, empty, rules.hours_type(kind))
    if not is_id(target_id):
        raise DomainError("no_target", labels.problem("no_target"), field="target")
    community_id = worker.community_id
    if kind == TargetKind.WORK_ITEM:
        item = db.session.get(WorkItem, target_id)
        version = current_version(street_id_of(worker.community))
        if item is None or version is None or item.version_id != version.id:
            raise _wrong_target()
        return Resolved(kind, {**empty, "work_item_id": item.id},
                        rules.hours_type(kind, item.list_type), item.code)
    if kind == TargetKind.ACTION_ITEM:
        action = db.session.get(ActionItem, target_id)
        if action is None or action.community_id != community_id:
            raise _wrong_target()
        return Resolved(kind, {**empty, "action_item_id": action.id}, rules.hours_type(kind))
    if kind == TargetKind.REQUEST:
        return _resolve_request(worker, target_id, empty)
    meeting = db.session.get(Meeting, target_id)
    if meeting is None or meeting.council.community_id != community_id:
        raise _wrong_target()
    return Resolved(kind, {**empty, "meeting_id": meeting.id}, rules.hours_type(kind))


def _resolve_request(worker, request_id: int, empty: dict) -> Resolved:
    """A submitted admission request that concerns the worker's community. Its hours count
    as the list it asks for, and towards its catalogue item once admitted (by the item's
    code, as the item's own hours do: the re-review compares them with the estimate)."""
    request = db.session.get(AdmissionRequest, request_id)
    if (request is None or request.state == RequestState.DRAFT
            or worker.community_id not in request.community_ids):
        raise _wrong_target()
    admitted = db.session.get(WorkItem, request.work_item_id) if request.work_item_id else None
    code = admitted.code if admitted else None
    return Resolved(TargetKind.REQUEST, {**empty, "request_id": request.id},
                    rules.hours_type(TargetKind.REQUEST, request.list_type), code)


def _require_worker(actor) -> None:
    if not can_log_hours(actor):
        raise Forbidden(_("Only community workers log their hours."))


def _audit(actor, action: str, entry: TimeEntry, **fields) -> None:
    record(actor, action, None, community_id=None, entry_id=entry.id,
           worker_id=entry.worker_id, **fields)


def log_time(actor, kind, target_id, minutes, day: date | None = None,
             note: str = "") -> TimeEntry:
    """A worker logs minutes of a day (today by default) against a target; flushes only."""
    _require_worker(actor)
    target = resolve_target(actor, kind, target_id)
    today = queries.today_of(actor)
    day = today if day is None else day
    try:
        rules.check_minutes(minutes)
        rules.check_day(day, today)
        text = rules.check_entry(target.kind, minutes, day, note, today,
                                 queries.day_total(actor.id, day))
    except HoursError as error:
        raise _refuse(error) from None
    entry = TimeEntry(worker_id=actor.id, community_id=actor.community_id, day=day,
                      week=rules.week_start(day), month=rules.month_start(day),
                      minutes=minutes, target_kind=target.kind, list_type=target.hours_type,
                      work_item_code=target.code, note=text, **target.columns)
    db.session.add(entry)
    db.session.flush()
    totals.count_entry(entry)
    _audit(actor, "hours.logged", entry, day=day.isoformat(), minutes=minutes)
    return entry


def _require_change(actor, entry: TimeEntry) -> date:
    today = queries.today_of(actor)
    if not can_change_entry(actor, entry, today):
        raise Forbidden(_("You can change only your own entries of the last %(n)d days.",
                          n=rules.EDIT_DAYS))
    return today


def edit_entry(actor, entry: TimeEntry, minutes, day: date, note: str = "") -> TimeEntry:
    """The worker changes an entry's minutes, day or note (its target stays); flushes only."""
    today = _require_change(actor, entry)
    try:
        rules.check_minutes(minutes)
        rules.check_day(day, today)
        if not rules.editable(day, today):
            raise HoursError("day", "too_old")
        text = rules.check_entry(entry.target_kind, minutes, day, note, today,
                                 queries.day_total(actor.id, day, leaving_out=entry.id))
    except HoursError as error:
        raise _refuse(error) from None
    before = {"day": entry.day.isoformat(), "minutes": entry.minutes}
    totals.count_entry(entry, -1)
    entry.day, entry.week, entry.month = day, rules.week_start(day), rules.month_start(day)
    entry.minutes, entry.note, entry.updated_at = minutes, text, utcnow()
    db.session.flush()
    totals.count_entry(entry)
    _audit(actor, "hours.edited", entry, before=before,
           after={"day": day.isoformat(), "minutes": minutes})
    return entry


def delete_entry(actor, entry: TimeEntry) -> None:
    _require_change(actor, entry)
    _audit(actor, "hours.deleted", entry, day=entry.day.isoformat(), minutes=entry.minutes)
    totals.count_entry(entry, -1)
    db.session.delete(entry)
    db.session.flush()


def week_cells(worker_id: int, monday: date) -> dict[tuple[str, date], int]:
    """The minutes the worker logged per target and day of the week (not "other")."""
    cells: dict[tuple[str, date], int] = {}
    for entry in queries.entries_of(worker_id, monday, monday + timedelta(days=6)):
        if entry.target_kind != TargetKind.OTHER:
            key = (f"{entry.target_kind.value}:{entry.target_id}", entry.day)
            cells[key] = cells.get(key, 0) + entry.minutes
    return cells


def save_week(actor, monday: date, cells: dict[tuple[str, date], int]) -> int:
    """The week's sheet, all or nothing: each changed cell (target, day) becomes one entry
    of its minutes (or none at 0), replacing what that cell held and keeping its notes.
    Returns how many cells changed; flushes only."""
    _require_worker(actor)
    today = queries.today_of(actor)
    monday = rules.week_start(monday)
    days = set(rules.week_days(monday))
    before = week_cells(actor.id, monday)
    changed = {key: minutes for key, minutes in cells.items()
               if key[1] in days and minutes != before.get(key, 0)}
    targets = {}
    for key, day in changed:
        parsed = queries.parse_key(key)
        if parsed is None:
            raise _wrong_target()
        if not rules.editable(day, today) and day <= today:
            raise _refuse(HoursError("day", "too_old"))
        targets[key] = resolve_target(actor, *parsed)
    sheet = {key: before.get(key, 0) for key in before} | changed
    others = {day: queries.day_total(actor.id, day)
              - sum(m for (k, d), m in before.items() if d == day) for day in days}
    try:
        rules.check_sheet(changed, {}, today)
        rules.check_sheet(sheet, others, today)
    except HoursError as error:
        raise _refuse(error) from None
    for (key, day), minutes in changed.items():
        target = targets[key]
        _replace_cell(actor, target, day, minutes)
    if changed:
        record(actor, "hours.week_saved", None, community_id=None, worker_id=actor.id,
               week=monday.isoformat(), cells=len(changed))
    db.session.flush()
    return len(changed)


def _replace_cell(actor, target: Resolved, day: date, minutes: int) -> None:
    column = next(name for name, value in target.columns.items() if value is not None)
    notes: list[str] = []  # what the replaced entries said, kept on the new one
    for old in db.session.scalars(sa.select(TimeEntry).where(
            TimeEntry.worker_id == actor.id, TimeEntry.day == day,
            getattr(TimeEntry, column) == target.columns[column]).order_by(TimeEntry.id)):
        if old.note and old.note not in notes:
            notes.append(old.note)
        totals.count_entry(old, -1)
        db.session.delete(old)
    if minutes:
        entry = TimeEntry(
            worker_id=actor.id, community_id=actor.community_id, day=day,
            week=rules.week_start(day), month=rules.month_start(day), minutes=minutes,
            target_kind=target.kind, list_type=target.hours_type,
            work_item_code=target.code, note="; ".join(notes)[:rules.NOTE_MAX],
            **target.columns)
        db.session.add(entry)
        totals.count_entry(entry)
