"""Being written."""

from govhub.notifications import bp  # noqa: F401
