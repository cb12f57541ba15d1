"""Database URLs: the driver a server URL uses, its timeouts, its password kept out of every message.

A password may be written in the URL, kept in the system keyring (`remember_password`), or read by
libpq from `PGPASSFILE` (~/.pgpass) or a service file (`?service=NAME`): the last two need nothing
here, as libpq reads them itself. Other libpq options (`sslmode`, `sslrootcert` …) pass through.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import URL, make_url

CONNECT_TIMEOUT = 10  # seconds; a server that does not answer fails well within 15 s
# A connection waiting on a server that falls silent (a network that drops) is given up within 15 s:
# probes after 5 s idle, 3 of them 2 s apart. No `tcp_user_timeout`: Linux applies it to a server
# that is busy and reads nothing for a while too, which ended a large import's connection.
KEEPALIVES = {"keepalives": "1", "keepalives_idle": "5", "keepalives_interval": "2", "keepalives_count": "3"}
KEYRING_SERVICE = "EditorialWorkstation"
_SERVER_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
# user:password@ in any URL-like text (a driver's message may repeat what it was given).
_PASSWORD_IN_TEXT = re.compile(r"(\w[\w+.-]*://[^:/@\s]*:)([^@\s]*)(@)")
_PASSWORD_OPTION = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def server_url(location: str) -> URL:
    """The SQLAlchemy URL of a server location, with psycopg as the PostgreSQL driver and a connect timeout."""
    url = make_url(location)
    driver = _SERVER_DRIVERS.get(url.drivername)
    if driver is not None:
        url = url.set(drivername=driver)
    if url.get_backend_name() == "postgresql":
        if "connect_timeout" not in url.query:
            url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT)})
        if url.password is None and url.username:
            secret = keyring_password(url)
            if secret:
                url = url.set(password=secret)
    return url


def keepalive_options(given) -> dict[str, str]:
    """The KEEPALIVES options a connection's parameters (or a URL's query) do not set themselves."""
    return {name: value for name, value in KEEPALIVES.items() if name not in given}


def masked(location: str | URL) -> str:
    """The URL or text with any password in it shown as ***."""
    if isinstance(location, URL):
        return location.render_as_string(hide_password=True)
    text = _PASSWORD_IN_TEXT.sub(lambda m: m.group(1) + ("***" if m.group(2) else "") + m.group(3), location)
    return _PASSWORD_OPTION.sub(lambda m: m.group(1) + "***", text)


def driver_reason(exc: BaseException) -> str:
    """A database driver's failure in one sentence: its first line (a server adds DETAIL and HINT
    lines), never a password."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return masked(lines[0] if lines else type(exc).__name__)


def _keyring_name(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def keyring_password(url: URL) -> str | None:
    """The password the system keyring holds for this server account, if any (and if there is a keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_name(url))
    except (KeyringError, RuntimeError, OSError):
        return None


def remember_password(location: str, password: str) -> str:
    """Stores the password in the system keyring; gives back the URL without it (what settings may keep)."""
    import keyring

    url = make_url(location)
    keyring.set_password(KEYRING_SERVICE, _keyring_name(url), password)
    return url._replace(password=None).render_as_string(hide_password=False)
