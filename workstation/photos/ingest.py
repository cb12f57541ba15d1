"""Ingest: files and folders into the library (by content hash) and into an article's gallery.

The slow part (reading, hashing, decoding, rendering) runs in worker processes; this
process renames and records. Atomic per drop: workers copy into the photos folder's
`.incoming/`, and a copy is renamed to its final place only inside the transaction that
commits its row (undone if that fails), so there is never a row without a file nor a
photo file without a row; copies a killed ingest left in `.incoming/` are swept by the next ingest or `check`
(workstation.photos.staging).
The user's source files are only ever read.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from workstation.body.plaintext import clean_text
from workstation.clock import utcnow
from workstation.errors import Problem, Progress, no_such_article
from workstation.library.models import Article, GalleryItem, Photo
from workstation.library.store import Library, write_lock
from workstation.photos import renditions, staging
from workstation.photos.files import photo_path
from workstation.photos.renditions import NAMES, Processed, Refused, os_reason
from workstation.search.index import reindex
from workstation.workers import BrokenProcessPool, WorkerPool

WORKERS = 2


@dataclass(frozen=True)
class Added:
    """A file that is in the gallery: its photo and its gallery item."""

    where: str
    sha256: str
    item_id: int


@dataclass
class IngestReport:
    """What an ingest did: files added, files already in the gallery, files refused, cancelled or not."""

    added: list[Added] = field(default_factory=list)
    already: list[Added] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def new_item_ids(self) -> list[int]:
        """The gallery items this ingest created, in story order."""
        return [a.item_id for a in self.added]


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The files to ingest, folders walked recursively in sorted order; plus what was refused."""
    files: list[Path] = []
    refused: list[Problem] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            files.append(path)  # missing or unreadable ones are refused with their reason later
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if any(part.startswith(".") for part in relative.parts) or child.is_dir():
                continue  # hidden files (.DS_Store, ._x.jpg) are the system's, not photos
            if child.suffix.lower() in NAMES:
                files.append(child)
            else:
                refused.append(Problem(str(child), f"is not a photo (the library takes {renditions.taken_formats()})"))
    return files, refused


def ingest(
    library: Library,
    docid: int,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    duplicates: bool = False,
    cache_dir: Path | None = None,
) -> IngestReport:
    """Adds files and folders to the article's gallery; returns what was added and refused.

    The same content twice is one photo, and one gallery item unless `duplicates` is set.
    `progress(done, total, where)` is called as files finish; when `cancel()` turns true the
    files not yet started are left out and those finished are still added.
    """
    with library.sessions() as session:
        if session.get(Article, docid) is None:
            raise no_such_article(docid)
    staging.sweep(library.photos_dir)
    files, refused = collect_files(paths)
    report = IngestReport(refused=refused)
    cache_dir = Path(cache_dir) if cache_dir is not None else renditions.default_cache_dir()
    results: dict[int, Processed] = {}
    with staging.claim(library.photos_dir) as owner:  # its copies, while it runs
        try:
            _run_workers(library, files, cache_dir, owner, results, report, progress, cancel)
            ordered = [results[i] for i in sorted(results)]
            _record(library, docid, ordered, duplicates, report)
            report.refused.sort(key=lambda p: _order_key(p.where, files))
        finally:
            for processed in results.values():  # whatever was not renamed into place
                if processed.staged:
                    Path(processed.staged).unlink(missing_ok=True)
    return report


def _order_key(where: str, files: list[Path]) -> int:
    try:
        return files.index(Path(where))
    except ValueError:
        return -1


def _run_workers(library, files, cache_dir, owner, results, report, progress, cancel) -> None:
    total = len(files)
    if not total:
        return
    pool = _pool()
    args = (str(library.photos_dir), str(cache_dir), owner)
    pending: dict[Future, int] = {}
    queue = list(enumerate(files))
    done = 0
    try:
        # Only a few files are in flight at once, so a cancel stops soon and memory stays flat.
        while queue or pending:
            while queue and len(pending) < WORKERS * 2 and not (cancel and cancel()):
                index, path = queue.pop(0)
                pending[pool.submit(renditions.process, str(path), *args)] = index
            if cancel and cancel() and queue:
                report.cancelled = True
                queue.clear()
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                where = str(files[index])
                try:
                    results[index] = future.result()
                except Refused as exc:
                    report.refused.append(Problem(where, str(exc)))
                except BrokenProcessPool:
                    _reset_pool()
                    report.refused.append(
                        Problem(where, "could not be read: the worker reading it stopped (out of memory?)")
                    )
                except MemoryError:
                    report.refused.append(Problem(where, "is too large to decode in the memory available"))
                except OSError as exc:
                    report.refused.append(Problem(where, f"could not be added: {os_reason(exc)}"))
                except Exception as exc:  # a fault in one file's work must not stop the others
                    report.refused.append(Problem(where, f"could not be added ({type(exc).__name__}: {exc})"))
                done += 1
                if progress:
                    progress(done, total, where)
    except BaseException:
        _abandon(pending)
        raise


def _abandon(pending: dict[Future, int]) -> None:
    """Stops what has not started and removes what the running ones stage (after an interrupt)."""
    for future in pending:
        if future.cancel():
            continue
        try:
            staged = future.result().staged
        except BaseException:  # refused or broken: nothing was staged
            continue
        if staged:
            Path(staged).unlink(missing_ok=True)


def _record(library: Library, docid: int, ordered: list[Processed], duplicates: bool, report: IngestReport) -> None:
    """Renames the staged copies into place and commits their rows, as the library's one writer.

    Under the write lock nobody else places or records photos, so what is read (the next
    position, whether a photo's row exists) stays true until the commit, and a file is placed
    only for a photo no committed row owns. If the transaction fails, exactly those files are
    removed, still under the lock: a file a committed row owns is never removed. A copy that
    cannot be renamed into place (folder not writable, disk full) refuses its file and is
    removed; the other files still land.
    """
    if not ordered:
        return
    placed: list[Path] = []
    with library.sessions.begin() as session:
        write_lock(session)
        try:
            _record_locked(session, library, docid, ordered, duplicates, report, placed)
        except BaseException:
            for final in placed:
                final.unlink(missing_ok=True)
            report.added.clear()
            report.already.clear()
            raise


def _record_locked(session, library, docid, ordered, duplicates, report, placed: list[Path]) -> None:
    if session.get(Article, docid) is None:
        raise no_such_article(docid)
    position = session.scalar(select(func.max(GalleryItem.position)).where(GalleryItem.article_id == docid)) or 0
    now = utcnow()
    placed_items: list[tuple[Processed, GalleryItem]] = []
    already: list[tuple[Processed, int | None]] = []
    existing = dict(session.execute(
        select(GalleryItem.photo_sha256, GalleryItem.id).where(GalleryItem.article_id == docid)
    ).all())  # fmt: skip
    in_gallery = set(existing)
    for p in ordered:
        final = photo_path(library, p.sha256, p.ext)
        owned = session.get(Photo, p.sha256) is not None
        try:
            if p.staged and _place(Path(p.staged), final) and not owned:
                placed.append(final)
        except OSError as exc:
            Path(p.staged).unlink(missing_ok=True)
            report.refused.append(Problem(
                p.source, f"cannot be placed in the library folder {final.parent}: {os_reason(exc)}"
            ))  # fmt: skip
            continue
        if not final.is_file():  # the worker found it in place, but a failed ingest has since taken it back
            report.refused.append(Problem(p.source, "could not be added: the library's copy went away; add it again"))
            continue
        if not owned:
            session.add(_photo_row(p, now))
            session.flush()
        if p.sha256 in in_gallery and not duplicates:
            already.append((p, existing.get(p.sha256)))
            continue
        in_gallery.add(p.sha256)
        position += 1
        item = GalleryItem(
            article_id=docid, photo_sha256=p.sha256, position=position, caption=clean_text(p.meta.get("caption", "")),
            alt="", credit=clean_text(p.meta.get("credit") or p.meta.get("creator", "")),
            slug=clean_text(p.meta.get("headline", "")),
        )  # fmt: skip
        session.add(item)
        placed_items.append((p, item))
    session.flush()
    report.added.extend(Added(p.source, p.sha256, item.id) for p, item in placed_items)
    items_by_sha = {p.sha256: item.id for p, item in placed_items}
    report.already.extend(Added(p.source, p.sha256, i or items_by_sha[p.sha256]) for p, i in already)
    reindex(session.connection(), [docid])


def _place(staged: Path, final: Path) -> bool:
    """Renames a staged copy to its final place; False if the library has the file already."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.is_file():
        staged.unlink(missing_ok=True)
        return False
    os.replace(staged, final)
    return True


def _photo_row(p: Processed, now: datetime) -> Photo:
    return Photo(
        sha256=p.sha256, filename=Path(p.source).name, ext=p.ext, bytes=p.bytes, width=p.width, height=p.height,
        orientation=p.orientation, taken_at=datetime.fromisoformat(p.taken_at) if p.taken_at else None,
        meta=p.meta, added_at=now,
    )  # fmt: skip


# -- the worker pool -----------------------------------------------------------------------------
# One pool per process, started on first use: spawning workers costs a fraction of a second,
# which a second drop should not pay again.
_pool_lock = threading.Lock()
_workers: WorkerPool | None = None


def _pool() -> WorkerPool:
    global _workers
    with _pool_lock:
        if _workers is None:
            _workers = WorkerPool(min(WORKERS, os.cpu_count() or 1), initializer=renditions.worker_init)
        return _workers


def _reset_pool() -> None:
    global _workers
    with _pool_lock:
        if _workers is not None:
            _workers.close(wait=False)
        _workers = None


def shutdown_workers() -> None:
    """Stops the worker processes (they start again on the next ingest)."""
    global _workers
    with _pool_lock:
        if _workers is not None:
            _workers.close()
        _workers = None


atexit.register(shutdown_workers)
