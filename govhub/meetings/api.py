"""Being written."""

from govhub.meetings import api_bp  # noqa: F401
