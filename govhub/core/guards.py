"""Turning a permission's yes/no into a refusal, the same way everywhere."""

from __future__ import annotations

from flask_babel import gettext as _

from govhub.core.errors import Forbidden


def require(allowed: bool, message: str | None = None) -> None:
    """Raise Forbidden unless `allowed`; adapters render it as 403."""
    if not allowed:
        raise Forbidden(message or _("You are not allowed to do that."))
