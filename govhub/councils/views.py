"""Being written."""

from govhub.councils import bp  # noqa: F401
