"""The audit trail: append-only, who did what to what, when."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin


class AuditEvent(CreatedAtMixin, Base):
    __tablename__ = "audit_events"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    # Kept when the actor's account is deleted: the trail outlives accounts.
    actor_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: orm.Mapped[str] = orm.mapped_column(sa.String(60), index=True)
    target_type: orm.Mapped[str] = orm.mapped_column(sa.String(40), default="")
    target_id: orm.Mapped[int | None]
    community_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="SET NULL"), index=True
    )
    data: orm.Mapped[dict[str, Any]] = orm.mapped_column(sa.JSON, default=dict)

    actor: orm.Mapped[User | None] = orm.relationship()  # noqa: F821
