from govhub.proposals.api import errors  # noqa: F401
