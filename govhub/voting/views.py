"""Being written."""

from govhub.voting import bp  # noqa: F401
