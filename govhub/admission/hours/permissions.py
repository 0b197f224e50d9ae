"""Who may see and change whose hours. Yes/no functions over the core role helpers.

A worker's hours are theirs and their supervisors': the office's administrators. Nobody
else sees one worker's figures — not a colleague of the same community (a worker is not
the supervisor of another), not a department officer, not the street's reviewers (their
review reads the measured hours of an item per community, which are aggregates). The
public sees hours summed per community and per street, never per worker.
"""

from __future__ import annotations

from govhub.admission.hours import rules
from govhub.core.roles import Role, is_admin, is_signed_in


def is_a_worker(user) -> bool:
    """An active community worker, the only accounts that log time."""
    return (is_signed_in(user) and user.is_active and user.role == Role.WORKER
            and user.community_id is not None)


def can_log_hours(user) -> bool:
    return is_a_worker(user)


def can_view_hours_of(user, worker_id: int) -> bool:
    """One worker's entries and weeks: the worker themselves and the administrators."""
    if is_admin(user):
        return True
    return is_a_worker(user) and user.id == worker_id


def can_view_workload(user) -> bool:
    """The workload page: administrators see every worker's row, a worker their own."""
    return is_admin(user) or is_a_worker(user)


def sees_every_worker(user) -> bool:
    return is_admin(user)


def can_change_entry(user, entry, today) -> bool:
    """A worker edits or deletes their own entries of the last 14 days."""
    return (is_a_worker(user) and entry.worker_id == user.id
            and rules.editable(entry.day, today))


def can_view_public_hours(user) -> bool:
    """Hours per community and per street, by list type and month: anyone."""
    return True
