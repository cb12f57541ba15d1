"""Telling a server that went away from a refused statement or a locked file, on the real backends."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from workstation.errors import LibraryError
from workstation.library.outage import is_unreachable
from workstation.library.store import open_library
from workstation.library.urls import driver_reason


def failure(library, statement: str) -> SQLAlchemyError:
    with pytest.raises(SQLAlchemyError) as caught, library.engine.connect() as conn:
        conn.execute(text(statement))
    return caught.value


def test_a_dropped_or_refused_connection_is_unreachable_a_bad_statement_is_not(pg_server, pg_url, tmp_path):
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    database = make_url(pg_url).database
    try:
        refused = failure(library, "SELECT * FROM no_such_table")
        assert not is_unreachable(refused)
        assert driver_reason(refused).startswith('relation "no_such_table" does not exist')
        with library.engine.connect() as conn:
            pg_server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
            with pytest.raises(SQLAlchemyError) as dropped:
                conn.execute(text("SELECT 1"))
        assert is_unreachable(dropped.value)
        feed = library.backend.change_feed(library.engine)
        pg_server.execute(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false")
        pg_server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
        with pytest.raises(LibraryError) as feed_lost:
            feed.poll(0.5)
        assert is_unreachable(feed_lost.value)  # the feed's own error keeps the driver's as its context
        feed.close()
        blocked = failure(library, "SELECT 1")
        assert is_unreachable(blocked)
        assert "\n" not in driver_reason(blocked) and "SELECT" not in driver_reason(blocked)
    finally:
        pg_server.execute(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
        library.close()


def test_a_locked_file_is_not_unreachable(tmp_path):
    library = open_library(str(tmp_path / "library.sqlite"))
    other = sqlite3.connect(tmp_path / "library.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with library.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout = 100")
            with pytest.raises(SQLAlchemyError) as locked:
                conn.execute(text("UPDATE settings SET value = value"))
        assert not is_unreachable(locked.value)
        assert driver_reason(locked.value) == "database is locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
        library.close()


def test_a_bug_raised_while_handling_a_lost_connection_is_not_the_server_away():
    import psycopg

    lost = psycopg.OperationalError("server closed the connection unexpectedly")
    try:
        try:
            raise lost
        except psycopg.OperationalError:
            raise LibraryError("The connection to the library's server was lost") from None
    except LibraryError as exc:
        told = exc
    assert is_unreachable(told)  # the library's own error keeps the driver's as its context
    try:
        try:
            raise lost
        except psycopg.OperationalError:
            {}["missing"]  # a bug in the code that handles it
    except KeyError as exc:
        bug = exc
    assert bug.__context__ is lost and not is_unreachable(bug)
