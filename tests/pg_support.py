"""A throw-away PostgreSQL server on loopback, in a temp folder: for the tests (tests/conftest.py) and the
newsroom benchmark. Debian's server binaries (package `postgresql`), run as the `postgres` user when we
are root (initdb refuses root)."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_PACKAGE = "postgresql"


class PostgresUnavailable(Exception):
    """No server binaries or no driver: the message names what to install."""


class PostgresServer:
    """A running server: a superuser `postgres` with a password, on 127.0.0.1 and a free port."""

    def __init__(self, bindir: Path, folder: Path, port: int, password: str):
        self.bindir, self.folder, self.port, self.password = bindir, folder, port, password
        self.count = 0

    def url(self, database="postgres", user="postgres", password=None) -> str:
        """A SQLAlchemy URL of a database on this server."""
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements, database="postgres") -> None:
        """Runs statements as the superuser, outside a transaction."""
        import psycopg

        with psycopg.connect(self.url(database).replace("+psycopg", ""), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def new_database(self) -> str:
        """The name of a new, empty database."""
        self.count += 1
        name = f"library_{self.count}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
        return name

    def stop(self) -> None:
        """Stops the server and removes its folder."""
        subprocess.run(_as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                                        "immediate", "-w", "stop"]), check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start_postgres(max_connections: int = 60) -> PostgresServer:
    """initdb in a temp folder and pg_ctl start; PostgresUnavailable when the server or psycopg is missing."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise PostgresUnavailable(f"needs a PostgreSQL server: install the Debian package '{PG_PACKAGE}'")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PostgresUnavailable("needs psycopg: pip install 'psycopg[binary]'") from None
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
               f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={max_connections}")  # fmt: skip
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                    "-o", options, "-w", "start"]), **run)  # fmt: skip
    return PostgresServer(bindir, folder, port, password)
