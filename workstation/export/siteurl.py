"""The site's base URL: where the web team serves the bundle (a library setting, or `export --base-url`).

With it, the addresses that leave the bundle (canonical, Open Graph, JSON-LD, the feed and the
sitemaps) are absolute; links between pages stay relative either way.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from workstation.library.store import Library

BASE_URL_SETTING = "base_url"


def normalize_base_url(text: str) -> str:
    """The base URL as pages use it (ending in "/"), "" for none; ValueError naming the reason."""
    value = (text or "").strip()
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        raise ValueError(f"The site base URL '{value}' is not a URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"The site base URL '{value}' must start with http:// or https:// and name a host.")
    if parts.query or parts.fragment or any(c.isspace() for c in value):
        raise ValueError(f"The site base URL '{value}' may not hold spaces, a query (?) or a fragment (#).")
    return value if value.endswith("/") else value + "/"


def saved_base_url(library: Library) -> str:
    """The base URL kept in the library's settings ("" when none is set)."""
    try:
        return library.setting(BASE_URL_SETTING)
    except KeyError:
        return ""


def save_base_url(library: Library, text: str) -> str:
    """Keeps the base URL in the library's settings (checked first; "" removes it); the value kept."""
    value = normalize_base_url(text)
    library.set_setting(BASE_URL_SETTING, value or None)
    return value


__all__ = ["BASE_URL_SETTING", "normalize_base_url", "save_base_url", "saved_base_url"]
