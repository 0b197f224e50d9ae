"""Being written."""

from govhub.voting import api_bp  # noqa: F401
