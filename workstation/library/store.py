"""Opening a library: locating it, refusing what is not one, migrating it, connecting to it."""

from __future__ import annotations

import getpass
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from workstation.errors import LibraryError, PasswordRefused
from workstation.library.backends import Backend, backend_for
from workstation.library.outage import password_refusal
from workstation.library.urls import driver_reason, masked, server_url

SCHEMA_HEAD = "0008"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
# Revisions that change only a server library's schema: a library file they alone would migrate is
# not copied first (it can be large, and nothing in it changes but the recorded revision).
SERVER_ONLY_REVISIONS = {"0008"}
INSUFFICIENT_PRIVILEGE = "42501"  # the SQLSTATE of a statement the role may not run
PHOTOS_SETTING = "photos_folder"  # a server library's photo folder, as every workstation mounts it
PHOTOS_ENV = "WORKSTATION_PHOTOS"  # this workstation's own path to it
EDITOR_ENV = "WORKSTATION_EDITOR"
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Library:
    """An open library: its engine, a session factory and the folder of its photo files."""

    url: str  # password masked: the engine holds the real one
    engine: Engine
    sessions: sessionmaker[Session]
    photos_dir: Path
    path: Path | None  # the SQLite file, when the library is one
    editor: str = ""  # who is working: the name others see on changes and presence
    backend: Backend = field(init=False)

    def __post_init__(self) -> None:
        self.backend = backend_for(self.engine.dialect.name)

    @property
    def is_sqlite(self) -> bool:
        """Whether the library is a SQLite file."""
        return self.engine.dialect.name == "sqlite"

    @property
    def display_url(self) -> str:
        """The library's location for messages: the file, or the URL with its password masked."""
        return str(self.path) if self.path is not None else masked(self.url)

    def photo_file(self, sha256: str, ext: str) -> Path:
        """Where the library keeps the file of a photo: named by its content hash."""
        return self.photos_dir / sha256[:2] / f"{sha256}.{ext}"

    def setting(self, key: str) -> str:
        """A library setting such as the time zone."""
        with self.engine.connect() as conn:
            value = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": key}).scalar()
        if value is None:
            raise KeyError(key)
        return value

    def set_setting(self, key: str, value: str | None) -> None:
        """Sets a library setting (None removes it)."""
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM settings WHERE key = :k"), {"k": key})
            if value is not None:
                conn.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": key, "v": value})

    def close(self) -> None:
        """Closes every connection."""
        self.engine.dispose()


def write_lock(session: Session) -> None:
    """Makes the session's transaction the library's one writer from here until it ends.

    Everything read after it is the latest committed state, so a writer that reads, decides and
    writes (the next gallery position, whether a photo row exists) cannot race another process
    doing the same; files placed beside the rows are placed under the same lock. Call it first
    in a transaction. SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level advisory lock.
    """
    conn = session.connection()
    backend_for(conn.dialect.name).lock_writes(conn)


def photos_dir_beside(path: Path) -> Path:
    """The folder of photo files that belongs to the library file at `path`."""
    return path.with_name(f"{path.stem}-photos")


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (the name a library gives a photo's file)."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_url(location: str) -> bool:
    return "://" in location


def _check_sqlite_file(path: Path) -> str | None:
    """The schema revision of an existing library file, None for a new one; refuses anything else."""
    if not path.exists():
        folder = path.parent
        while not folder.exists():
            folder = folder.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            raise LibraryError(f"Cannot create a library at {path}: the folder {folder} is not writable.")
        return None
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise LibraryError(f"Cannot read {path}: {exc.strerror}.") from None
    if not header:
        raise LibraryError(f"{path} is an empty file, not a library.")
    if header != _SQLITE_MAGIC:
        raise LibraryError(f"{path} is not a library: it is not a SQLite database.")
    if not os.access(path.parent, os.W_OK | os.X_OK) or not os.access(path, os.W_OK):
        raise LibraryError(f"Cannot open {path} for writing: the file or its folder is read-only.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables or "articles" not in tables:
                raise LibraryError(f"{path} is a SQLite database but not an Editorial Workstation library.")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path} is not a usable library: {exc}.") from None
    if not revision or revision[0] not in KNOWN_REVISIONS:
        found = revision[0] if revision else "none"
        raise LibraryError(f"{path} was made by a newer or unknown version of the app (schema {found}).")
    return revision[0]


def _pending(revision: str) -> tuple[str, ...]:
    """The revisions a library at `revision` goes through to reach the head."""
    return KNOWN_REVISIONS[KNOWN_REVISIONS.index(revision) + 1 :]


def _safety_copy(path: Path, copy: Path) -> None:
    """A whole copy of the library before a migration, its write-ahead log included (online backup)."""
    from workstation.library.backup import sqlite_copy

    try:
        sqlite_copy(path, copy)
    except sqlite3.Error as exc:
        raise LibraryError(f"Cannot keep a copy of {path} before upgrading it: {exc}.") from None


def default_editor() -> str:
    """Who is working: `WORKSTATION_EDITOR`, else the user name of the operating system."""
    name = os.environ.get(EDITOR_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "editor"


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_library(location: str, default_photos_dir: Path | None = None, editor: str | None = None,
                 password: str | None = None) -> Library:  # fmt: skip
    """Opens (creating or migrating as needed) the library at a path or SQLAlchemy URL.

    A server library's photo folder is `WORKSTATION_PHOTOS`, else the library's own setting,
    else `default_photos_dir`. `password` (one the editor typed) replaces any the URL or the
    keyring gives; a server that refuses the password raises PasswordRefused.
    """
    path: Path | None = None
    shown = masked(location)
    if _is_url(location):
        try:
            url = server_url(location)
        except Exception:
            raise LibraryError(f"{shown} is neither a file path nor a database URL.") from None
        if password is not None:
            url = url.set(password=password)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            path = Path(url.database).expanduser().resolve()
    else:
        path = Path(location).expanduser().resolve()
        url = make_url(f"sqlite:///{path}")

    revision = _check_sqlite_file(path) if path is not None else "unknown"
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create a library at {path}: {exc.strerror}.") from None
        if revision not in (None, SCHEMA_HEAD) and not set(_pending(revision)) <= SERVER_ONLY_REVISIONS:
            _safety_copy(path, path.with_name(f"{path.name}.before-{SCHEMA_HEAD}"))

    editor = editor or default_editor()
    try:
        engine = create_engine(url, pool_pre_ping=url.get_backend_name() != "sqlite")
        backend = backend_for(engine.dialect.name)
    except LibraryError:
        raise
    except Exception as exc:
        raise LibraryError(f"Cannot use the database {shown}: {masked(str(exc))}") from None
    backend.prepare(engine, editor)
    try:
        if revision != SCHEMA_HEAD and _needs_migration(engine):
            try:
                _migrate(engine)
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:  # an editor role, not the owner
                    raise LibraryError(f"it needs an upgrade to schema {SCHEMA_HEAD}, which only the role owning its "
                                       f"tables can make ({_reason(exc)}); open it once as that role") from None  # fmt: skip
                raise
            engine.dispose()  # connections made while migrating predate the change log
        photos_setting = _photos_setting(engine) if path is None else None
    except Exception as exc:
        engine.dispose()
        message = f"Cannot open the library at {shown}: {_reason(exc)}"
        refusal = password_refusal(exc)
        if refusal is not None:
            raise PasswordRefused(message, missing=refusal == "missing") from None
        raise LibraryError(message) from None

    if path is not None:
        photos_dir = photos_dir_beside(path)
    elif os.environ.get(PHOTOS_ENV):
        photos_dir = Path(os.environ[PHOTOS_ENV]).expanduser()
    elif photos_setting:
        photos_dir = Path(photos_setting).expanduser()
    elif default_photos_dir is not None:
        photos_dir = default_photos_dir
    else:
        raise LibraryError("A library in memory or on a server needs a folder for its photo files.")
    return Library(
        url.render_as_string(hide_password=True),
        engine,
        sessionmaker(engine, expire_on_commit=False),
        photos_dir,
        path,
        editor,
    )


def _needs_migration(engine: Engine) -> bool:
    """Whether the schema is older than the code's (a server library is asked; an editor's role may not alter it)."""
    if engine.dialect.name == "sqlite":
        return True
    with engine.connect() as conn:
        exists = conn.exec_driver_sql("SELECT to_regclass('alembic_version') IS NOT NULL").scalar()
        found = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if exists else None
    if found is not None and found not in KNOWN_REVISIONS:
        raise LibraryError(f"the library was made by a newer or unknown version of the app (schema {found})")
    return found != SCHEMA_HEAD


def _photos_setting(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": PHOTOS_SETTING}).scalar()


def _reason(exc: Exception) -> str:
    """One sentence for a failure to open: the driver's first line, never a password."""
    if isinstance(exc, LibraryError):
        return str(exc)
    return driver_reason(exc)
