"""The incoming folder: where an ingest's copies wait for their rows, and who still claims them.

Each ingest claims its copies with a lock on a file of its own in the folder, held for as long
as it runs; its copies are named after that claim. A process killed with SIGKILL loses its lock
with it, so the next ingest, or `check`, can tell its copies from those of an ingest still at
work and remove them. Where the system has no such locks, copies a day old are removed.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

UNCLAIMED_AGE_S = 24 * 3600  # no live ingest takes that long


def incoming_dir(photos_dir: Path) -> Path:
    """Where copies wait for their database row: inside the photos folder, so a rename moves them."""
    return Path(photos_dir) / ".incoming"


@contextlib.contextmanager
def claim(photos_dir: Path) -> Iterator[str]:
    """A name for this ingest's staged copies (their prefix), claimed while the block runs."""
    owner = uuid.uuid4().hex
    if fcntl is None:  # no claim to hold: its copies are left to the age rule
        yield owner
        return
    path = incoming_dir(photos_dir) / f"{owner}.claim"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = path.open("wb")
    except OSError:
        yield owner  # staging will fail with the folder's reason
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield owner
    finally:
        path.unlink(missing_ok=True)
        fh.close()


def sweep(photos_dir: Path) -> int:
    """Removes the staged copies no running ingest claims; gives back how many."""
    incoming = incoming_dir(photos_dir)
    if not incoming.is_dir():
        return 0
    live: set[str] = set()
    dead: list[tuple[Path, object]] = []
    for path in incoming.glob("*.claim"):
        held = _take_if_abandoned(path)
        if held is None:
            live.add(path.stem)
        else:
            dead.append((path, held))
    gone = {path.stem for path, _ in dead}
    old = time.time() - UNCLAIMED_AGE_S
    removed = 0
    try:
        for part in incoming.glob("*.part"):
            owner = part.name.split(".", 1)[0]
            try:
                if owner in live or (owner not in gone and part.stat().st_mtime >= old):
                    continue
                part.unlink()
                removed += 1
            except OSError:
                pass  # taken meanwhile by its own ingest
    finally:
        for path, fh in dead:
            path.unlink(missing_ok=True)
            fh.close()
    return removed


def _take_if_abandoned(path: Path):
    """The claim file, open and locked by us, if no process holds it any more; None if one does."""
    if fcntl is None:
        return None
    try:
        fh = path.open("rb")
    except OSError:
        return None  # its ingest ended meanwhile
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        return None
    return fh
