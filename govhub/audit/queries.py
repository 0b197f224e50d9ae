"""Reading the audit trail."""

from __future__ import annotations

import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db


def events_for(target_type: str, target_id: int, limit: int = 50) -> list[AuditEvent]:
    query = (
        sa.select(AuditEvent)
        .where(AuditEvent.target_type == target_type, AuditEvent.target_id == target_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
