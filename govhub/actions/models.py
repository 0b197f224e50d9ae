"""Action items: what a resolution (or the community office) asked to be done,
who carries it out, by when, and the append-only trail of check-ins.

An ActionUpdate is never edited or deleted: a mistake is corrected by a new
update that names the one it corrects. The public timeline is read from
these rows, never from a field edited in place. Evidence files hang off an
update; the bytes live under the instance folder, named at random.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.actions.rules import FINISHED, OPEN, ActionCategory, ActionStatus
from govhub.core.models import Base, CreatedAtMixin, StoredFileMixin, enum_column, utcnow

action_item_helpers = sa.Table(
    "action_item_helpers",
    Base.metadata,
    sa.Column("item_id", sa.ForeignKey("action_items.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)


class ActionItem(CreatedAtMixin, Base):
    __tablename__ = "action_items"
    __table_args__ = (
        sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
        sa.CheckConstraint("estimated_hours IS NULL OR estimated_hours >= 0",
                           name="hours_not_negative"),
        sa.Index("ix_action_items_community_status_due", "community_id", "status", "due_on"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="RESTRICT"))
    # The council whose resolution this carries out; empty for the office's own work.
    # RESTRICT: the record of what was decided and done outlives nothing it points to.
    council_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="RESTRICT"), index=True)
    resolution_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("resolutions.id", ondelete="RESTRICT"), index=True)
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # A community worker answers for the item.
    owner_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    due_on: orm.Mapped[date] = orm.mapped_column(sa.Date)
    category: orm.Mapped[ActionCategory] = orm.mapped_column(
        enum_column(ActionCategory), default=ActionCategory.OTHER)
    # Hours of work expected, for the office's view of who carries how much.
    estimated_hours: orm.Mapped[Decimal | None] = orm.mapped_column(sa.Numeric(7, 2))
    status: orm.Mapped[ActionStatus] = orm.mapped_column(
        enum_column(ActionStatus), default=ActionStatus.PLANNED)
    progress: orm.Mapped[int] = orm.mapped_column(default=0)
    # The partner organization that helps carry it out (it accepted a worker's ask;
    # see partners.help.models). Its members may then check in on the item.
    organization_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("organizations.id", ondelete="RESTRICT"), index=True)
    # Public items are read by anyone, signed in or not.
    is_public: orm.Mapped[bool] = orm.mapped_column(default=False)
    created_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: orm.Mapped[datetime] = orm.mapped_column(default=utcnow, onupdate=utcnow)
    # Set when the item last became done, and when it was verified.
    done_at: orm.Mapped[datetime | None]
    verified_at: orm.Mapped[datetime | None]

    community: orm.Mapped[Community] = orm.relationship()  # noqa: F821
    council: orm.Mapped[Council | None] = orm.relationship()  # noqa: F821
    resolution: orm.Mapped[Resolution | None] = orm.relationship()  # noqa: F821
    owner: orm.Mapped[User] = orm.relationship(foreign_keys=[owner_id])  # noqa: F821
    organization: orm.Mapped[Organization | None] = orm.relationship()  # noqa: F821
    helpers: orm.Mapped[list[User]] = orm.relationship(  # noqa: F821
        secondary=action_item_helpers, order_by="User.id")
    updates: orm.Mapped[list[ActionUpdate]] = orm.relationship(
        back_populates="item", order_by="ActionUpdate.id", passive_deletes=True)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class ActionUpdate(Base):
    """One check-in: a note, perhaps a status change with its reason, a progress figure.

    Append-only (a listener in services refuses updates and deletes).
    """

    __tablename__ = "action_updates"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    item_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    author_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    note: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # Both empty when the status did not change.
    status_from: orm.Mapped[ActionStatus | None] = orm.mapped_column(enum_column(ActionStatus))
    status_to: orm.Mapped[ActionStatus | None] = orm.mapped_column(enum_column(ActionStatus))
    reason: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    # The progress figure reported here; empty when none was.
    progress: orm.Mapped[int | None]
    # An earlier update of the same item that this one corrects.
    corrects_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("action_updates.id", ondelete="SET NULL"))
    created_at: orm.Mapped[datetime] = orm.mapped_column(default=utcnow, index=True)

    item: orm.Mapped[ActionItem] = orm.relationship(back_populates="updates")
    author: orm.Mapped[User | None] = orm.relationship()  # noqa: F821
    evidence: orm.Mapped[list[Evidence]] = orm.relationship(
        back_populates="update", order_by="Evidence.id", passive_deletes=True)

    @property
    def changes_status(self) -> bool:
        return self.status_to is not None


class Evidence(StoredFileMixin, CreatedAtMixin, Base):
    """A photo or PDF attached to a check-in. The file name shown is cleaned; the
    stored one is random; the type is what the bytes are, whatever the name said."""

    __tablename__ = "action_evidence"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    update_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("action_updates.id", ondelete="CASCADE"), index=True)

    update: orm.Mapped[ActionUpdate] = orm.relationship(back_populates="evidence")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@sa.event.listens_for(orm.Session, "before_flush")
def _refuse_rewriting_the_timeline(session: orm.Session, flush_context, instances) -> None:
    """Check-ins and their evidence are append-only: an update or delete is a programming error."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, (ActionUpdate, Evidence)) and (
                obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("check-ins and evidence are append-only")
