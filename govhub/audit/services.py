"""Writing the audit trail; every sensitive service calls record()."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.audit.models import AuditEvent
from govhub.extensions import db


def record(
    actor: Any,
    action: str,
    target: Any = None,
    *,
    community_id: int | None = None,
    **data: Any,
) -> AuditEvent:
    """Append an audit event; `target` is any model with an id."""
    actor, target = _unproxied(actor), _unproxied(target)
    event = AuditEvent(
        actor_id=getattr(actor, "id", None) if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=type(target).__tablename__ if target is not None else "",
        target_id=getattr(target, "id", None),
        community_id=community_id if community_id is not None else _community_of(target),
        data=data,
    )
    db.session.add(event)
    return event


def _unproxied(obj: Any) -> Any:
    """Views hand services `current_user`, a proxy; its type is not the model's."""
    unwrap = getattr(obj, "_get_current_object", None)
    return unwrap() if unwrap is not None else obj


def _community_of(target: Any) -> int | None:
    if target is None:
        return None
    if type(target).__tablename__ == "communities":
        return target.id
    return getattr(target, "community_id", None)


@sa.event.listens_for(orm.Session, "before_flush")
def _refuse_rewriting_history(session: orm.Session, flush_context, instances) -> None:
    """Audit events are append-only: an update or delete is a programming error."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("audit events are append-only")
