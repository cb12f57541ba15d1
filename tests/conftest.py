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


# -- a throw-away PostgreSQL server ----------------------------------------------------------------
PG_PACKAGE = "postgresql"


class PostgresServer:
    """A PostgreSQL server of the test session: loopback only, in a temp folder, a superuser with a password."""

    def __init__(self, bindir, folder, port, password):
        self.bindir, self.folder, self.port, self.password = bindir, folder, port, password

    def url(self, database="postgres", user="postgres", password=None):
        """A SQLAlchemy URL of a database on this server."""
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements, database="postgres"):
        """Runs statements as the superuser, outside a transaction."""
        import psycopg

        with psycopg.connect(self.url(database).replace("+psycopg", ""), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def new_database(self):
        """The name of a new, empty database."""
        self.count = getattr(self, "count", 0) + 1
        name = f"library_{self.count}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
        return name


def _as_server_user(command):
    """The command run as the `postgres` user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def pg_server():
    """Starts a PostgreSQL server for the session and stops it at the end (skips when there is none)."""
    import glob
    import secrets
    import shutil
    import socket
    import subprocess
    import tempfile
    from pathlib import Path

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip(f"needs a PostgreSQL server: install the Debian package '{PG_PACKAGE}'")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("needs psycopg: pip install 'psycopg[binary]'")
    bindir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="workstation-pg-"))
    password = secrets.token_hex(12)
    (folder / "pw").write_text(password + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(folder / "pw", "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = folder / "data"
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=folder)
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
                                    "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                                    f"--pwfile={folder / 'pw'}", "--no-sync"]), **run)  # fmt: skip
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")  # fmt: skip
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                    "-o", options, "-w", "start"]), **run)  # fmt: skip
    try:
        yield PostgresServer(bindir, folder, port, password)
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the session's server (its owner: the superuser)."""
    return pg_server.url(pg_server.new_database())
