"""Being written."""

from govhub.councils import api_bp  # noqa: F401
