"""Integrity of a library (database, search index, photo files) and consistent backups."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from workstation.models import Photo
from workstation.search_index import documents
from workstation.store import Library, LibraryError, photos_dir_beside


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
    try:
        with library.engine.connect() as conn:
            if library.is_sqlite:
                for (line,) in conn.execute(text("PRAGMA integrity_check")):
                    if line != "ok":
                        problems.append(f"database: {line}")
                for row in conn.execute(text("PRAGMA foreign_key_check")):
                    problems.append(f"database: a row of {row[0]} points at a missing row of {row[2]}")
                try:
                    conn.execute(text("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')"))
                except SQLAlchemyError as exc:  # the FTS module reports corruption as an error
                    problems.append(f"search index: {getattr(exc, 'orig', None) or exc}")
                problems += _index_drift(conn)
        with library.sessions() as session:
            photos = [(p.sha256, p.ext, p.filename) for p in session.scalars(select(Photo))]
    except SQLAlchemyError as exc:
        # A damaged file stops the reading; what was found so far still counts.
        return problems + [f"database: cannot be read to the end ({getattr(exc, 'orig', None) or exc})"]
    for sha256, ext, filename in photos:
        path = photo_path(library, sha256, ext)
        try:
            if not path.is_file():
                problems.append(f"photo {sha256[:12]} ({filename}): file missing at {path}")
            elif file_sha256(path) != sha256:
                problems.append(f"photo {sha256[:12]} ({filename}): file content does not match its hash")
        except OSError as exc:
            problems.append(f"photo {sha256[:12]} ({filename}): cannot read {path}: {exc.strerror}")
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
    """A consistent copy of the library, taken with SQLite's online backup while others write,
    and its photo files beside it (hard links where the file system allows, else copies)."""
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
    try:
        source = sqlite3.connect(library.path)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        _copy_photo_files(library.photos_dir, photos_dir_beside(target))
        partial.rename(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(f"Cannot write the backup {target}: {reason}.") from None


def _copy_photo_files(source: Path, dest: Path) -> None:
    # Files are named by their content hash, so a file already there is the same file.
    for path in source.glob("??/*"):
        copy = dest / path.parent.name / path.name
        if copy.exists():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, copy)
        except OSError:
            shutil.copy2(path, copy)
