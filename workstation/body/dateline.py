"""The dateline in the house style of the site, and times in the site's time zone.

The reference page opens its first paragraph with `موسكو 13 أبريل 2017 (شينخوا)`: the
city, the day and month name and year with ASCII digits, the agency in parentheses.
The editor shows it and the export prints it, so both call `format_dateline`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


def site_zone(name: str) -> ZoneInfo:
    """The time zone called `name`; a ValueError names it when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"Unknown time zone '{name}' in the library settings.") from None


def to_site_time(when_utc: datetime, tz: str) -> datetime:
    """A stored (naive UTC) time as a naive wall-clock time in the site's time zone."""
    aware = when_utc.replace(tzinfo=UTC) if when_utc.tzinfo is None else when_utc
    return aware.astimezone(site_zone(tz)).replace(tzinfo=None)


def from_site_time(local: datetime, tz: str) -> datetime:
    """A wall-clock time in the site's time zone as the naive UTC time the store keeps."""
    aware = local.replace(tzinfo=site_zone(tz)) if local.tzinfo is None else local
    return aware.astimezone(UTC).replace(tzinfo=None)


def house_date(when: datetime) -> str:
    """A date in the house style: `13 أبريل 2017` (day without a leading zero, ASCII digits)."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def format_date(when_utc: datetime, tz: str) -> str:
    """The date part of a dateline: a stored (UTC) time as its date in the site's time zone."""
    return house_date(to_site_time(when_utc, tz))


def format_dateline(city: str, when_utc: datetime | None, agency: str, tz: str) -> str:
    """The dateline opening the first paragraph, e.g. `موسكو 13 أبريل 2017 (شينخوا)`.

    Missing parts are left out; an empty string when there is nothing to show.
    """
    parts = [city.strip()]
    if when_utc is not None:
        parts.append(format_date(when_utc, tz))
    agency = agency.strip()
    if agency:
        parts.append(f"({agency})")
    return " ".join(p for p in parts if p)
