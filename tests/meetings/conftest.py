"""The meetings JSON API's tests share test_api's `auth` fixture (a token's header)."""

from tests.meetings.test_api import auth  # noqa: F401
