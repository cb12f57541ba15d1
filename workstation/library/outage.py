"""Telling a library server that cannot be reached from a refused statement or a locked file.

A server library is unreachable when no connection can be made or the one in use was dropped (the
server is down or restarting, the network is away, the database takes no connections, an
administrator ended the session): the work waits and is tried again. Anything else (a locked or
read-only file, a statement the database refused) has a reason of its own (`urls.driver_reason`).
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# SQLSTATE classes of a lost connection: connection exception (08), operator intervention (57P:
# the session was terminated, the server is shutting down or starting up).
_DROPPED_STATES = ("08", "57P")


def is_unreachable(exc: BaseException | None) -> bool:
    """Whether a failure means the library's server cannot be reached (as opposed to a refusal or a locked file).

    The driver's error is looked for through SQLAlchemy's wrapper and through the library's own
    errors, which keep it as their context (a change feed's lost connection, a library that could not open).
    """
    try:
        import psycopg
    except ImportError:
        return False
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        if isinstance(exc, psycopg.Error):
            if not isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
                return False
            state = getattr(exc, "sqlstate", None)
            # A failed connection attempt carries no SQLSTATE (libpq reports it before any server answer).
            return state is None or state.startswith(_DROPPED_STATES)
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def password_refusal(exc: BaseException | None) -> str | None:
    """Why a server refused a connection for its password: "missing" (one is needed, none was given), "wrong",
    or None when the failure is about something else."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        pgconn = getattr(exc, "pgconn", None)  # libpq's connection as it failed (psycopg keeps it on the error)
        if pgconn is not None:
            if getattr(pgconn, "needs_password", False):
                return "missing"
            return "wrong" if "password authentication failed" in str(exc) else None
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return None
