"""Who may read the audit trail. Yes/no functions over the role helpers, as the accounts
page decides who sees which accounts.

- Admins (the street office's staff) read every event, those of every community and
  those of none (a failed sign-in with an unknown name, a device signed out).
- A community worker reads the events of their own community.
- Residents, partners, department officers and anyone signed out: never.
"""

from __future__ import annotations

from govhub.core.roles import is_admin, is_signed_in, is_staff_of, is_worker_of


def can_read_audit(actor) -> bool:
    """The audit page and its CSV export."""
    return is_admin(actor) or (is_signed_in(actor) and is_worker_of(actor, actor.community_id))


def can_read_event(actor, community_id: int | None) -> bool:
    """One event, by the community it belongs to (None: it belongs to none)."""
    return is_staff_of(actor, community_id)


def readable_communities(actor) -> frozenset[int] | None:
    """The communities whose events the actor reads: None for all (and those of none)."""
    if is_admin(actor):
        return None
    if can_read_audit(actor):
        return frozenset({actor.community_id})
    return frozenset()
