"""Test setup: headless Qt, every user folder inside the test's own tmp_path, and an sshd for the publish tests."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from workstation.library.store import open_library  # noqa: E402


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Points data, cache, config and log folders (and the default library) into tmp_path."""
    for kind in ("DATA", "CACHE", "CONFIG", "LOG"):
        monkeypatch.setenv(f"WORKSTATION_{kind}_DIR", str(tmp_path / "user" / kind.lower()))
    monkeypatch.delenv("WORKSTATION_DB", raising=False)
    return tmp_path / "user"


@pytest.fixture
def library(tmp_path):
    """A new, empty library in a SQLite file of its own."""
    lib = open_library(str(tmp_path / "library.sqlite"))
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """OpenSSH's sshd on 127.0.0.1 (a free port, a throw-away host key), accepting one throw-away
    user key; stopped at the end. Skipped without openssh-server."""
    from tests.sshd_support import SshdUnavailable, start_sshd

    try:
        server, proc = start_sshd(tmp_path_factory.mktemp("sshd"))
    except SshdUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    proc.terminate()
    proc.wait(timeout=10)


# -- a throw-away PostgreSQL server (tests/pg_support.py, shared with the newsroom benchmark) --------
@pytest.fixture(scope="session")
def pg_server():
    """Starts a PostgreSQL server for the session and stops it at the end (skips when there is none)."""
    from tests.pg_support import PostgresUnavailable, start_postgres

    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the session's server (its owner: the superuser)."""
    return pg_server.url(pg_server.new_database())
