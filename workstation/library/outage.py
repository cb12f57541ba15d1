"""Telling a library server that cannot be reached from a refused statement or a locked file.

A server library is unreachable when no connection can be made or the one in use was dropped (the
server is down or restarting, the network is away, the database takes no connections, an
administrator ended the session): the work waits and is tried again. Anything else (a locked or
read-only file, a statement the database refused) has a reason of its own (`urls.driver_reason`).
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from workstation.errors import LibraryError

# SQLSTATE classes of a lost connection: connection exception (08), operator intervention (57P:
# the session was terminated, the server is shutting down or starting up).
_DROPPED_STATES = ("08", "57P")


def _driver_error(exc: BaseException | None):
    """The driver's own error behind a failure: through SQLAlchemy's wrapper, or through the library's
    own errors, which keep it as their cause or context (a change feed's lost connection, a library
    that could not open). Any other failure is itself: a bug raised while a lost connection was
    being handled is a bug, not the server away."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DBAPIError):
            return exc if exc.connection_invalidated else exc.orig
        if not isinstance(exc, LibraryError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def is_unreachable(exc: BaseException | None) -> bool:
    """Whether a failure means the library's server cannot be reached (as opposed to a refusal, a locked
    file or a refused password)."""
    try:
        import psycopg
    except ImportError:
        return False
    error = _driver_error(exc)
    if isinstance(error, DBAPIError):  # SQLAlchemy saw the connection go
        return True
    if not isinstance(error, psycopg.OperationalError | psycopg.InterfaceError) or password_refusal(error):
        return False
    state = getattr(error, "sqlstate", None)
    # A failed connection attempt carries no SQLSTATE (libpq reports it before any server answer).
    return state is None or state.startswith(_DROPPED_STATES)


def password_refusal(exc: BaseException | None) -> str | None:
    """Why a server refused a connection for its password: "missing" (one is needed, none was given), "wrong",
    or None when the failure is about something else."""
    error = _driver_error(exc)
    pgconn = getattr(error, "pgconn", None)  # libpq's connection as it failed (psycopg keeps it on the error)
    if pgconn is None:
        return None
    if getattr(pgconn, "needs_password", False):
        return "missing"
    # libpq gives no SQLSTATE for a failed connection: the server's words are all there is (in English
    # unless the server's lc_messages says otherwise; then its own sentence is shown instead of a dialog).
    sent = getattr(pgconn, "used_password", False)
    return "wrong" if sent and "password authentication failed" in str(error) else None
