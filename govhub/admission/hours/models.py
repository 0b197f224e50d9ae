"""A worker's time entry (工时记录): how many minutes of which day went to what.

The target is one of a few kinds, each with its own nullable column and a check that
exactly the kind's column is set: a work item, an action item, a meeting or an admission
request. The entry keeps the hours type its target had when the time was logged
(`list_type`): catalogue items are copied into every new version, and last month's hours
must not move when this month's catalogue moves an item to another list. It also keeps
the work item's code (measured hours per item across versions), and the Monday and first
of the month of its day, so the workload view and the public figures group by plain
columns on both databases.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.admission.hours.rules import MINUTES_A_DAY, HoursType, TargetKind
from govhub.core.models import Base, CreatedAtMixin, enum_column

# Each kind's column; exactly the kind's is set (none for other), one clause per kind.
TARGET_COLUMNS = {TargetKind.WORK_ITEM: "work_item_id", TargetKind.ACTION_ITEM: "action_item_id",
                  TargetKind.MEETING: "meeting_id", TargetKind.REQUEST: "request_id"}
TARGET_CHECK = " OR ".join(
    f"(target_kind = '{kind.value}' AND "
    + " AND ".join(f"{column} IS {'NOT ' if other == kind else ''}NULL"
                   for other, column in TARGET_COLUMNS.items()) + ")"
    for kind in TargetKind)


class TimeEntry(CreatedAtMixin, Base):
    __tablename__ = "time_entries"
    __table_args__ = (
        sa.CheckConstraint(f"minutes > 0 AND minutes <= {MINUTES_A_DAY}",
                           name="minutes_in_a_day"),
        sa.CheckConstraint(TARGET_CHECK, name="one_target"),
        # A worker's days and weeks (their list, the day's total, the workload's rows).
        sa.Index("ix_time_entries_worker_day", "worker_id", "day"),
        # Measured hours of catalogue items in some communities over some days, likewise.
        sa.Index("ix_time_entries_community_day", "community_id", "day", "work_item_code",
                 "minutes"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    worker_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"))
    # The worker's community when the time was logged: the public figures count it there.
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"))
    day: orm.Mapped[date]
    week: orm.Mapped[date]    # the Monday of `day`
    month: orm.Mapped[date]   # the first of `day`'s month
    minutes: orm.Mapped[int]
    target_kind: orm.Mapped[TargetKind] = orm.mapped_column(enum_column(TargetKind))
    work_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("work_items.id", ondelete="RESTRICT"))
    action_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("action_items.id", ondelete="RESTRICT"), index=True)
    meeting_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True)
    request_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("admission_requests.id", ondelete="RESTRICT"), index=True)
    work_item_code: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    list_type: orm.Mapped[HoursType] = orm.mapped_column(enum_column(HoursType))
    note: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    updated_at: orm.Mapped[datetime | None]

    worker: orm.Mapped[User] = orm.relationship()  # noqa: F821
    work_item: orm.Mapped[WorkItem | None] = orm.relationship()  # noqa: F821
    action_item: orm.Mapped[ActionItem | None] = orm.relationship()  # noqa: F821
    meeting: orm.Mapped[Meeting | None] = orm.relationship()  # noqa: F821
    request: orm.Mapped[AdmissionRequest | None] = orm.relationship()  # noqa: F821

    @property
    def target_id(self) -> int | None:
        return {TargetKind.WORK_ITEM: self.work_item_id,
                TargetKind.ACTION_ITEM: self.action_item_id,
                TargetKind.MEETING: self.meeting_id,
                TargetKind.REQUEST: self.request_id}.get(self.target_kind)


class WeeklyHours(Base):
    """Minutes per worker, week and hours type: the workload view's sums, kept by the
    services on every change (services.count_in), so that the view reads a few thousand
    rows rather than summing a year of entries."""

    __tablename__ = "hours_weekly"

    worker_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    week: orm.Mapped[date] = orm.mapped_column(primary_key=True)
    list_type: orm.Mapped[HoursType] = orm.mapped_column(enum_column(HoursType),
                                                         primary_key=True)
    minutes: orm.Mapped[int] = orm.mapped_column(default=0)

    __table_args__ = (sa.Index("ix_hours_weekly_week", "week", "worker_id", "list_type",
                               "minutes"),)


class MonthlyHours(Base):
    """Minutes per community, month and hours type: the public figures, kept likewise."""

    __tablename__ = "hours_monthly"

    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    month: orm.Mapped[date] = orm.mapped_column(primary_key=True)
    list_type: orm.Mapped[HoursType] = orm.mapped_column(enum_column(HoursType),
                                                         primary_key=True)
    minutes: orm.Mapped[int] = orm.mapped_column(default=0)


class ItemWeeklyHours(Base):
    """Minutes per community, week and catalogue item (by code): the workload page's
    measured hours of each item over whole weeks, kept likewise."""

    __tablename__ = "hours_items_weekly"

    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    week: orm.Mapped[date] = orm.mapped_column(primary_key=True)
    work_item_code: orm.Mapped[str] = orm.mapped_column(sa.String(32), primary_key=True)
    minutes: orm.Mapped[int] = orm.mapped_column(default=0)
