"""DomainError: how services say that a business rule was broken."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; adapters turn it into a form error, JSON error or socket ack.

    `message` is translated (services call gettext; a lazy_gettext message is
    worded when read, in the locale active then), `code` is stable for
    machines, `field` names the form field at fault, if one is.
    """

    status = 400

    def __init__(self, code: str, message: str, field: str | None = None,
                 status: int | None = None):
        super().__init__(message)
        self.code = code
        self._message = message
        self.field = field
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        return str(self._message)

    def to_dict(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return error


class NotFound(DomainError):
    status = 404

    def __init__(self, message: str):
        super().__init__("not_found", message)


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str):
        super().__init__("forbidden", message)


class TooManyAttempts(DomainError):
    """Refused until later: `retry_after` seconds, sent as the Retry-After header too."""

    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__("rate_limited", message)
        self.retry_after = retry_after

    def to_dict(self) -> dict:
        return {**super().to_dict(), "retry_after": self.retry_after}
