"""Time: the one clock the store keeps (naive UTC) and the site's default time zone."""

from __future__ import annotations

from datetime import UTC, datetime

DEFAULT_TIMEZONE = "Asia/Shanghai"
"""The site time zone a new library starts with (the reference page's, China Standard Time)."""


def utcnow() -> datetime:
    """The current time as a naive UTC datetime, the form the store keeps."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
