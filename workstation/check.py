"""Integrity of a library (database, search index, photo files) and consistent backups."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from workstation.models import Photo
from workstation.search_index import documents
from workstation.store import Library, LibraryError


def photo_path(library: Library, sha256: str, ext: str) -> Path:
    """Where the library keeps the file of a photo."""
    return library.photos_dir / sha256[:2] / f"{sha256}.{ext}"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_library(library: Library) -> list[str]:
    """Every problem found, one sentence each; an empty list for a sound library."""
    problems: list[str] = []
    with library.engine.connect() as conn:
        if library.is_sqlite:
            for (line,) in conn.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(f"database: {line}")
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"database: a row of {row[0]} points at a missing row of {row[2]}")
            try:
                conn.execute(text("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')"))
            except Exception as exc:  # the FTS module reports corruption as an error
                problems.append(f"search index: {exc}")
            problems += _index_drift(conn)
    with library.sessions() as session:
        for photo in session.scalars(select(Photo)):
            path = photo_path(library, photo.sha256, photo.ext)
            if not path.is_file():
                problems.append(f"photo {photo.sha256[:12]} ({photo.filename}): file missing at {path}")
            elif file_sha256(path) != photo.sha256:
                problems.append(f"photo {photo.sha256[:12]} ({photo.filename}): file content does not match its hash")
    return problems


def _index_drift(conn) -> list[str]:
    stored = {
        row[0]: tuple(row[1:])
        for row in conn.execute(text("SELECT rowid, headline, body, byline, keywords, captions FROM article_fts"))
    }
    problems = [
        f"search index: article {docid} is missing or out of date"
        for docid, expected in documents(conn)
        if stored.pop(docid, None) != expected
    ]
    problems += [f"search index: holds article {docid}, which is deleted or in the trash" for docid in stored]
    return problems


def backup_library(library: Library, target: Path) -> None:
    """A consistent copy of the library, taken with SQLite's online backup while others write."""
    if not library.is_sqlite or library.path is None:
        raise LibraryError("Backup of a server library is done with the server's own tools.")
    target = target.expanduser().resolve()
    if target == library.path:
        raise LibraryError(f"{target} is the library itself; choose another file for the backup.")
    if target.exists():
        raise LibraryError(f"{target} already exists; the backup will not overwrite it.")
    if not target.parent.is_dir():
        raise LibraryError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(library.path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        partial.rename(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LibraryError(f"Cannot write {target}: {exc.strerror}.") from None
    finally:
        source.close()
