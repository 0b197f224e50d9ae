"""Times are stored in UTC and shown in the community's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import get_locale


def to_local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def from_local(naive: datetime, timezone: str) -> datetime:
    """A wall-clock time typed in the community's zone, as an aware UTC datetime."""
    return naive.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def format_local(moment: datetime | None, timezone: str, style: str = "medium") -> str:
    """A time for people: in the community's zone and the reader's language."""
    if moment is None:
        return ""
    return format_datetime(moment, style, tzinfo=ZoneInfo(timezone), locale=get_locale())
