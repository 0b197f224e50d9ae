"""Times are stored in UTC and shown in the community's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from flask_babel import get_locale, get_timezone


def to_local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def from_local(naive: datetime, timezone: str) -> datetime:
    """A wall-clock time typed in the community's zone, as an aware UTC datetime."""
    return naive.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def format_local(moment: datetime | None, timezone: str, style: str = "medium") -> str:
    """A time for people: in the community's zone and the reader's language. "medium" (the
    default) is `format_when`'s; "long" and "full" are Babel's."""
    if moment is None:
        return ""
    if style == "medium":
        return format_when(moment, timezone)
    return format_datetime(moment, style, tzinfo=ZoneInfo(timezone), locale=get_locale())


def format_when(moment: datetime | date | None, timezone: str | None = None) -> str:
    """How GovHub writes a moment, everywhere (the `when` template filter): the reader's
    locale's medium date and its time without seconds, in the community's zone (else the
    reader's): "Dec 7, 2026, 3:05 PM", "2026年12月7日 15:05"; a date alone: "Dec 7, 2026".
    Never the short form ("12/7/26"), which reads differently in each country."""
    if moment is None:
        return ""
    locale = get_locale()
    if not isinstance(moment, datetime):
        return format_date(moment, "medium", locale=locale)
    local = moment.astimezone(ZoneInfo(timezone) if timezone else get_timezone())
    pattern = locale.datetime_formats.get("medium", "{1} {0}")
    return str(pattern).format(format_time(local, "short", locale=locale),
                               format_date(local, "medium", locale=locale))
