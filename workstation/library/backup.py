"""Consistent copies of a live library: SQLite's online backup, and the photo files beside it."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path

from workstation.errors import LibraryError
from workstation.library.copy import Reindex, copy_library
from workstation.library.store import Library, open_library, photos_dir_beside


def sqlite_copy(source_path: Path, dest_path: Path) -> None:
    """A whole, consistent copy of a live SQLite file, its write-ahead log included, as one file."""
    source = sqlite3.connect(source_path)
    try:
        dest = sqlite3.connect(dest_path)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def backup_library(library: Library, target: Path, reindex: Reindex | None = None) -> str | None:
    """A consistent copy of the library and its photo files beside it (hard links where the file
    system allows, else copies): of a SQLite file with SQLite's online backup while others write;
    of a server library as a new SQLite library file, read in one snapshot transaction (its search
    index rebuilt with `reindex`). Either way the file opens with `--db FILE`.

    Gives back None, or the first sign of damage found in the copy of a SQLite file: the copy is
    still written (it is the best there is), but whoever made it must hear that it is damaged.
    """
    target = target.expanduser().resolve()
    if library.path is None:
        _backup_server_library(library, target, reindex)
        return None
    target = target.expanduser().resolve()
    if target == library.path:
        raise LibraryError(f"{target} is the library itself; choose another file for the backup.")
    if target.exists():
        raise LibraryError(f"{target} already exists; the backup will not overwrite it.")
    if not target.parent.is_dir():
        raise LibraryError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    photos = photos_dir_beside(target)
    added: list[Path] = []
    try:
        sqlite_copy(library.path, partial)
        damage = _quick_check(partial)
        _copy_photo_files(library.photos_dir, photos, added)
        partial.rename(target)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        _take_back(added)
        if not isinstance(exc, (OSError, sqlite3.Error)):
            raise
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(f"Cannot write the backup {target}: {reason}.") from None
    return damage


def _quick_check(path: Path) -> str | None:
    """The first problem SQLite's quick check finds in a database file, or None."""
    try:
        conn = sqlite3.connect(path)
        try:
            first = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if first and first[0] == "ok" else (first[0] if first else "it cannot be read")


def _check_target(target: Path) -> None:
    if target.exists():
        raise LibraryError(f"{target} already exists; the backup will not overwrite it.")
    if not target.parent.is_dir():
        raise LibraryError(f"Cannot write {target}: the folder {target.parent} does not exist.")


def _backup_server_library(library: Library, target: Path, reindex: Reindex | None) -> None:
    if reindex is None:
        raise LibraryError("A backup of a server library needs the search index builder.")
    _check_target(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = open_library(str(partial))
        try:
            copy.photos_dir = photos_dir_beside(target)
            copy_library(library, copy, reindex)
            with copy.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            copy.close()
        partial.with_name(partial.name + "-wal").unlink(missing_ok=True)
        partial.with_name(partial.name + "-shm").unlink(missing_ok=True)
        partial.rename(target)
    except (OSError, sqlite3.Error, LibraryError) as exc:
        partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(f"Cannot write the backup {target}: {reason}") from None


# The store's own files: <first two hex digits>/<sha256>.<ext>. Anything else in the folder is not
# the library's (a stray export, a note) and is left out of the backup.
_STORED = re.compile(r"([0-9a-f]{2})[0-9a-f]{62}\.[a-z0-9]{1,8}")


def _copy_photo_files(source: Path, dest: Path, added: list[Path]) -> None:
    # Files are named by their content hash, so a file already there is the same file.
    for path in source.glob("??/*"):
        found = _STORED.fullmatch(path.name)
        if found is None or found.group(1) != path.parent.name or not path.is_file():
            continue
        copy = dest / path.parent.name / path.name
        if copy.exists():
            continue
        for folder in (dest, copy.parent):
            if not folder.is_dir():
                folder.mkdir()
                added.append(folder)
        try:
            os.link(path, copy)
        except OSError:
            shutil.copy2(path, copy)
        added.append(copy)


def _take_back(added: list[Path]) -> None:
    """Removes what a failed backup added beside it, files first, then the folders it made."""
    for path in reversed(added):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # a folder someone else also wrote into stays
