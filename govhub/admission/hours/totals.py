"""The sums the workload view and the public figures read: minutes per worker, week and
type (`hours_weekly`), per community, month and type (`hours_monthly`) and per community,
week and catalogue item (`hours_items_weekly`), kept by the
services with every entry they add, change or remove, in the same transaction.

`rebuild()` computes them again from the entries (after a bulk load, or to repair).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from govhub.admission.hours.models import ItemWeeklyHours, MonthlyHours, TimeEntry, WeeklyHours
from govhub.extensions import db


def _add(model, key: dict, minutes: int) -> None:
    """minutes += delta for the key's row, made when missing (a concurrent maker wins the
    insert, this one then adds to its row)."""
    where = [getattr(model, name) == value for name, value in key.items()]
    done = db.session.execute(sa.update(model).where(*where)
                              .values(minutes=model.minutes + minutes)
                              .execution_options(synchronize_session=False))
    if done.rowcount:
        return
    try:
        with db.session.begin_nested():
            db.session.execute(sa.insert(model).values(**key, minutes=minutes))
    except sa.exc.IntegrityError:
        db.session.execute(sa.update(model).where(*where)
                           .values(minutes=model.minutes + minutes)
                           .execution_options(synchronize_session=False))


def count(worker_id: int, community_id: int, week: date, month: date, list_type,
          minutes: int, code: str | None = None) -> None:
    """Add `minutes` (negative to take away) to the week's, the month's and (for a work
    item) the item's sums."""
    db.session.flush()
    _add(WeeklyHours, {"worker_id": worker_id, "week": week, "list_type": list_type}, minutes)
    _add(MonthlyHours, {"community_id": community_id, "month": month,
                        "list_type": list_type}, minutes)
    if code is not None:
        _add(ItemWeeklyHours, {"community_id": community_id, "week": week,
                               "work_item_code": code}, minutes)


def count_entry(entry: TimeEntry, sign: int = 1) -> None:
    count(entry.worker_id, entry.community_id, entry.week, entry.month, entry.list_type,
          sign * entry.minutes, entry.work_item_code)


def rebuild() -> None:
    """The sums from the entries, in INSERT … SELECT … GROUP BY statements."""
    db.session.execute(sa.delete(WeeklyHours))
    db.session.execute(sa.delete(MonthlyHours))
    db.session.execute(sa.delete(ItemWeeklyHours))
    minutes = sa.func.sum(TimeEntry.minutes)
    db.session.execute(sa.insert(WeeklyHours).from_select(
        ["worker_id", "week", "list_type", "minutes"],
        sa.select(TimeEntry.worker_id, TimeEntry.week, TimeEntry.list_type, minutes)
        .group_by(TimeEntry.worker_id, TimeEntry.week, TimeEntry.list_type)))
    db.session.execute(sa.insert(MonthlyHours).from_select(
        ["community_id", "month", "list_type", "minutes"],
        sa.select(TimeEntry.community_id, TimeEntry.month, TimeEntry.list_type, minutes)
        .group_by(TimeEntry.community_id, TimeEntry.month, TimeEntry.list_type)))
    db.session.execute(sa.insert(ItemWeeklyHours).from_select(
        ["community_id", "week", "work_item_code", "minutes"],
        sa.select(TimeEntry.community_id, TimeEntry.week, TimeEntry.work_item_code, minutes)
        .where(TimeEntry.work_item_code.is_not(None))
        .group_by(TimeEntry.community_id, TimeEntry.week, TimeEntry.work_item_code)))
