"""Admission requests (准入申请): a department asks its street to let it hand communities a
task; the communities' workers give their view; the street's reviewers decide.

One request names the communities it concerns (among those its department covers); each
of them gives at most one view. A reminder row per request and kind makes the reminder
command safe to rerun.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.admission.catalogue.rules import ListType
from govhub.admission.requests.rules import Emergency, Reminder, RequestState, Stance
from govhub.core.models import Base, CreatedAtMixin, enum_column, utcnow


class AdmissionRequest(CreatedAtMixin, Base):
    __tablename__ = "admission_requests"
    __table_args__ = (
        sa.CheckConstraint("hours_per_month >= 0", name="hours_not_negative"),
        sa.CheckConstraint("period_to IS NULL OR period_to >= period_from",
                           name="period_ordered"),
        sa.Index("ix_admission_requests_street_state", "street_id", "state"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    street_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("streets.id", ondelete="CASCADE"))
    department_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    officer_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    law: orm.Mapped[str] = orm.mapped_column(sa.String(300))
    article: orm.Mapped[str] = orm.mapped_column(sa.String(100))
    why_not_itself: orm.Mapped[str] = orm.mapped_column(sa.Text)
    data_fields: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")  # one a line
    hours_per_month: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(6, 2), default=0)
    period_from: orm.Mapped[date]
    period_to: orm.Mapped[date | None]
    resources: orm.Mapped[str] = orm.mapped_column(sa.String(500), default="")
    list_type: orm.Mapped[ListType] = orm.mapped_column(
        enum_column(ListType), default=ListType.ASSISTING_GOVERNMENT)
    emergency: orm.Mapped[Emergency | None] = orm.mapped_column(enum_column(Emergency))
    state: orm.Mapped[RequestState] = orm.mapped_column(
        enum_column(RequestState), default=RequestState.DRAFT)
    submitted_at: orm.Mapped[datetime | None]
    # The decision's due day (an emergency's after-the-fact review's), in working days.
    decision_due_on: orm.Mapped[date | None] = orm.mapped_column(sa.Date)
    consultation_closes_on: orm.Mapped[date | None] = orm.mapped_column(sa.Date)
    decided_at: orm.Mapped[datetime | None]
    decided_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    reasons: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    conditions: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    rereview_on: orm.Mapped[date | None] = orm.mapped_column(sa.Date)
    work_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("work_items.id", ondelete="SET NULL"))
    withdrawn_reason: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")

    department: orm.Mapped[Department] = orm.relationship()  # noqa: F821
    communities: orm.Mapped[list[AdmissionRequestCommunity]] = orm.relationship(
        cascade="all, delete-orphan", order_by="AdmissionRequestCommunity.community_id")
    views: orm.Mapped[list[AdmissionView]] = orm.relationship(
        cascade="all, delete-orphan", order_by="AdmissionView.community_id")

    @property
    def field_list(self) -> list[str]:
        return [line for line in self.data_fields.splitlines() if line.strip()]

    @property
    def community_ids(self) -> list[int]:
        return [link.community_id for link in self.communities]


class AdmissionRequestCommunity(Base):
    """A community the request concerns."""

    __tablename__ = "admission_request_communities"

    request_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("admission_requests.id", ondelete="CASCADE"), primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True, index=True)


class AdmissionView(Base):
    """A community's view of a request (one per community, changed until the window closes)."""

    __tablename__ = "admission_views"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "community_id"),
        sa.CheckConstraint("burden_hours >= 0", name="burden_not_negative"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    request_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("admission_requests.id", ondelete="CASCADE"))
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="CASCADE"))
    worker_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    burden_hours: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(6, 2), default=0)
    stance: orm.Mapped[Stance] = orm.mapped_column(enum_column(Stance))
    comment: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    updated_at: orm.Mapped[datetime] = orm.mapped_column(default=utcnow)

    community: orm.Mapped[Community] = orm.relationship()  # noqa: F821


class AdmissionReminder(CreatedAtMixin, Base):
    """A reminder sent for a request (once per kind): what the command remembers."""

    __tablename__ = "admission_reminders"
    __table_args__ = (sa.UniqueConstraint("request_id", "kind"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    request_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("admission_requests.id", ondelete="CASCADE"))
    kind: orm.Mapped[Reminder] = orm.mapped_column(enum_column(Reminder))
