"""Real time: rooms, socket authentication, and the after-commit publisher."""

from govhub.realtime.publisher import publish

__all__ = ["publish"]
