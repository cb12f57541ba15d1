"""Copying a whole library into an empty one, on either backend: how a desk moves onto a server and back.

Everything is read in one snapshot of the source (a read transaction on SQLite, REPEATABLE READ
on PostgreSQL), so editors may keep working meanwhile: settings, the newsroom dictionary and
code replacements, sections, photos, articles, galleries, related links, revisions and the
publish log keep their ids (the change log and presence marks are of the moment: not copied); the photo files are copied (each
once: they are named by their content hash); the search index is rebuilt in the destination
by the caller's `reindex`. At the end every table is counted and hashed on both sides and
every photo file hashed again; any difference is an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, delete, func, insert, select

from workstation.errors import LibraryError, Progress
from workstation.library.models import Base
from workstation.library.store import PHOTOS_SETTING, Library, file_sha256

# In the order rows may be written: what a row points at comes first.
TABLES = (
    "settings", "newsroom_words", "shortcuts", "sections", "photos", "articles", "gallery_items", "related_links",
    "revisions", "publish_log",
)  # fmt: skip
BATCH = 1000
# Settings of the library's place, not of its content: a server's photo folder is a path of that
# server's desk; the search vocabulary's marks that the destination's own vocabulary table is built.
_PLACE_SETTINGS = frozenset({PHOTOS_SETTING, "search_vocabulary"})
Reindex = Callable[[Connection, list[int]], None]


@dataclass
class CopyReport:
    """What was copied: rows a table, photo files and their bytes."""

    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.rows.get('articles', 0)} articles, {self.rows.get('revisions', 0)} revisions, "
            f"{self.rows.get('photos', 0)} photos ({self.files} files copied), "
            f"{self.rows.get('sections', 0)} sections, {self.rows.get('settings', 0)} settings; verified"
        )


def _table(name: str):
    return Base.metadata.tables[name]


def _ordered(name: str):
    table = _table(name)
    return select(table).order_by(*table.primary_key.columns)


def is_empty(library: Library) -> bool:
    """Whether the library holds no articles, photos or revisions (a new one has only its seed)."""
    with library.engine.connect() as conn:
        return not any(
            conn.execute(select(func.count()).select_from(_table(name))).scalar()
            for name in ("articles", "photos", "revisions")
        )


def copy_into(
    source: Library,
    location: str,
    reindex: Reindex,
    photos: str | None = None,
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[str, CopyReport]:
    """Copies the library into the (new or empty) library at `location`; where that is, and the report.

    `photos`: a server destination's photo folder, kept as its setting; else the one it has,
    else `photos` in `data_dir`.
    """
    from workstation.library.store import open_library

    default = Path(photos).expanduser().resolve() if photos else (data_dir / "photos" if data_dir else None)
    dest = open_library(location, default_photos_dir=default)
    try:
        if dest.url == source.url and dest.path == source.path:
            raise LibraryError("The destination is the library itself.")
        if photos and dest.path is None:
            dest.photos_dir = default
        report = copy_library(source, dest, reindex, progress)
        if photos and dest.path is None:
            dest.set_setting(PHOTOS_SETTING, str(default))
        return dest.display_url, report
    finally:
        dest.close()


def copy_library(source: Library, dest: Library, reindex: Reindex, progress: Progress | None = None) -> CopyReport:
    """Copies the source library into the empty destination and verifies it; LibraryError when it cannot."""
    if not is_empty(dest):
        raise LibraryError(f"{dest.display_url} is not empty; a library is copied only into an empty one.")
    report = CopyReport()
    with source.engine.connect() as src:
        source.backend.begin_snapshot(src)
        with dest.engine.connect() as out:
            dest.backend.begin_write(out)
            keep = out.execute(
                select(_table("settings").c.value).where(_table("settings").c.key == PHOTOS_SETTING)
            ).scalar()
            for name in reversed(TABLES):
                out.execute(delete(_table(name)))
            for name in TABLES:
                report.rows[name] = _copy_rows(src, out, name, progress)
            sections = _table("sections")
            for section_id, parent_id in src.execute(select(sections.c.id, sections.c.parent_id)):
                if parent_id is not None:  # a parent may have a later id than its child: linked once all are in
                    out.execute(sections.update().where(sections.c.id == section_id).values(parent_id=parent_id))
            # A server library's photo folder is a path of that server's desk, not of the destination.
            settings = _table("settings")
            out.execute(delete(settings).where(settings.c.key == PHOTOS_SETTING))
            if keep is not None:
                out.execute(insert(settings).values(key=PHOTOS_SETTING, value=keep))
            dest.backend.after_explicit_ids(out, [n for n in TABLES if "id" in _table(n).c])
            docids = list(out.execute(select(_table("articles").c.id).order_by("id")).scalars())
            for start in range(0, len(docids), BATCH):
                reindex(out, docids[start : start + BATCH])
                if progress:
                    progress(start + BATCH, len(docids), "search index")
            out.exec_driver_sql("DELETE FROM changes")  # the copy itself is nobody's change
            out.commit()
        files = list(src.execute(select(_table("photos").c.sha256, _table("photos").c.ext)))
        report.files, report.file_bytes = _copy_files(source, dest, files)
        _verify(src, dest)
    return report


def _copy_rows(src: Connection, out: Connection, name: str, progress: Progress | None) -> int:
    table = _table(name)
    total = src.execute(select(func.count()).select_from(table)).scalar()
    done = 0
    batch: list[dict] = []
    for row in src.execute(_ordered(name)).mappings():
        values = dict(row)
        if name == "settings" and values["key"] in _PLACE_SETTINGS:
            total -= 1
            continue
        if name == "sections":
            values["parent_id"] = None
        batch.append(values)
        if len(batch) >= BATCH:
            out.execute(insert(table), batch)
            done += len(batch)
            batch.clear()
            if progress:
                progress(done, total, name)
    if batch:
        out.execute(insert(table), batch)
        done += len(batch)
    return done


def _copy_files(source: Library, dest: Library, files) -> tuple[int, int]:
    """Copies each photo file the destination lacks; (files copied, bytes)."""
    copied = size = 0
    for sha256, ext in files:
        origin, target = source.photo_file(sha256, ext), dest.photo_file(sha256, ext)
        if target.exists() and file_sha256(target) == sha256:
            continue
        if not origin.is_file():
            raise LibraryError(f"The photo file {origin} is missing; run `workstation check` on the source library.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            os.link(origin, partial)
        except OSError:
            shutil.copyfile(origin, partial)
        partial.replace(target)
        copied += 1
        size += target.stat().st_size
    return copied, size


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def table_digest(conn: Connection, name: str) -> tuple[int, str]:
    """The number of rows of a table and a hash of their values, the same on either backend."""
    digest = hashlib.sha256()
    count = 0
    for row in conn.execute(_ordered(name)).mappings():
        if name == "settings" and row["key"] in _PLACE_SETTINGS:
            continue
        values = {k: _plain(v) for k, v in row.items()}
        digest.update(json.dumps(values, sort_keys=True, ensure_ascii=False).encode() + b"\n")
        count += 1
    return count, digest.hexdigest()


def _verify(src: Connection, dest: Library) -> None:
    with dest.engine.connect() as out:
        for name in TABLES:
            expected, found = table_digest(src, name), table_digest(out, name)
            if expected != found:
                raise LibraryError(
                    f"The copy does not match its source: table {name} has {found[0]} rows "
                    f"where the source has {expected[0]}, or their contents differ."
                )
        for sha256, ext in out.execute(select(_table("photos").c.sha256, _table("photos").c.ext)):
            path = dest.photo_file(sha256, ext)
            if not path.is_file() or file_sha256(path) != sha256:
                raise LibraryError(f"The copy of photo file {path} does not match its hash.")
