"""Who may do what with communities."""

from __future__ import annotations

from govhub.core.roles import is_admin


def can_create_community(actor) -> bool:
    return is_admin(actor)
