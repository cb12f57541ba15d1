"""Consistent copies of a live library: SQLite's online backup, and the photo files beside it."""

from __future__ import annotations

import os
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


def backup_library(library: Library, target: Path, reindex: Reindex | None = None) -> None:
    """A consistent copy of the library and its photo files beside it (hard links where the file
    system allows, else copies): of a SQLite file with SQLite's online backup while others write;
    of a server library as a new SQLite library file, read in one snapshot transaction (its search
    index rebuilt with `reindex`). Either way the file opens with `--db FILE`."""
    target = target.expanduser().resolve()
    if library.path is None:
        _backup_server_library(library, target, reindex)
        return
    target = target.expanduser().resolve()
    if target == library.path:
        raise LibraryError(f"{target} is the library itself; choose another file for the backup.")
    if target.exists():
        raise LibraryError(f"{target} already exists; the backup will not overwrite it.")
    if not target.parent.is_dir():
        raise LibraryError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    try:
        sqlite_copy(library.path, partial)
        _copy_photo_files(library.photos_dir, photos_dir_beside(target))
        partial.rename(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(f"Cannot write the backup {target}: {reason}.") from None


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
