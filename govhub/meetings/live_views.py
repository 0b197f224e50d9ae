"""Being written."""

from govhub.meetings import bp  # noqa: F401
