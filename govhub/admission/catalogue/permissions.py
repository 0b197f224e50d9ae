"""Who may do what with the work-item catalogue: yes/no functions over the core role helpers."""

from __future__ import annotations

from govhub.core.roles import is_admin


def can_view_catalogue(user, community) -> bool:
    """A community's catalogue is public: residents and departments alike may read it."""
    return True


def can_import_catalogue(user, street) -> bool:
    """Only the office's admins publish a street's catalogue (a new version)."""
    return is_admin(user)
