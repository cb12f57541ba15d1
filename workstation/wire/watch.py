"""A watched folder: agencies drop files into it; each is imported once, when it is completely written.

A file counts as written when its size and modification time have not moved for `settle`
seconds (a file renamed into place from a hidden or `.tmp`/`.part` name is complete at once, as
it is old enough). An imported file moves to `done/`; a file with any refusal moves to `refused/`
with `NAME.reason.txt` beside it naming each refused item and why. Moving it out of the folder
is what makes sure nothing is imported twice. A file that cannot be moved, or that never settles,
is reported once and left alone until it changes.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workstation.errors import Problem
from workstation.library.store import Library
from workstation.wire.importer import import_files

DONE, REFUSED = "done", "refused"
SETTLE_S = 2.0  # unchanged this long: completely written
GIVE_UP_S = 600.0  # still changing after this long: reported (once)
_PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".filepart", ".crdownload", ".download")


@dataclass
class FileOutcome:
    """What became of one file of the watched folder."""

    name: str
    moved_to: Path | None  # None when it could not be moved
    created: int = 0
    updated: int = 0
    refused: list[Problem] = field(default_factory=list)
    note: str = ""  # a problem with the file itself (it could not be moved, it never settles)

    def summary(self) -> str:
        """One line for the terminal or the status bar."""
        if self.note:
            return f"{self.name}: {self.note}"
        counts = f"{self.created} created, {self.updated} updated, {len(self.refused)} refused"
        where = f"; moved to {self.moved_to.parent.name}/" if self.moved_to else ""
        return f"{self.name}: {counts}{where}"


def is_partial(name: str) -> bool:
    """Whether a name is one a file has while it is being written (hidden, or a temporary suffix)."""
    return name.startswith((".", "~")) or name.lower().endswith(_PARTIAL_SUFFIXES)


class FolderWatch:
    """Imports the settled files of one folder each time `poll` is called."""

    def __init__(self, library: Library, folder: Path, *, settle: float = SETTLE_S, give_up: float = GIVE_UP_S,
                 workers: int | None = None):  # fmt: skip
        self.library, self.folder = library, Path(folder)
        self.settle, self.give_up, self.workers = settle, give_up, workers
        if not self.folder.is_dir():
            raise NotADirectoryError(f"{self.folder} is not a folder")
        for sub in (DONE, REFUSED):
            (self.folder / sub).mkdir(exist_ok=True)
        self._seen: dict[str, tuple[tuple[int, int], float]] = {}  # name -> (size, mtime), first seen so
        self._changing_since: dict[str, float] = {}
        self._left: dict[str, tuple[int, int]] = {}  # reported and left alone while it stays as it was
        self._given_up: set[str] = set()  # reported as never settling

    def poll(self) -> Iterator[FileOutcome]:
        """Imports each file that is completely written, one at a time, telling what became of each."""
        now = time.time()
        present = set()
        for path in sorted(self.folder.iterdir()):
            name = path.name
            try:
                if is_partial(name) or not path.is_file():
                    continue
                stat = path.stat()
            except OSError:
                continue  # gone between the listing and now
            present.add(name)
            signature = (stat.st_size, stat.st_mtime_ns)
            if self._left.get(name) == signature:
                continue
            self._left.pop(name, None)
            if not self._settled(name, signature, stat.st_mtime, now):
                if now - self._changing_since.setdefault(name, now) > self.give_up and name not in self._given_up:
                    self._given_up.add(name)  # told once; still imported if it settles one day
                    yield FileOutcome(name, None, note=f"still being written after {self.give_up:.0f} s; left alone")
                continue
            yield self._import(path, signature)
        for gone in set(self._seen) - present:
            self._seen.pop(gone, None)
            self._changing_since.pop(gone, None)
            self._given_up.discard(gone)

    def _settled(self, name: str, signature: tuple[int, int], mtime: float, now: float) -> bool:
        seen = self._seen.get(name)
        if seen is None or seen[0] != signature:
            self._seen[name] = (signature, now)
            # A file untouched for the settle time (there before the watch, or renamed into place) is whole.
            return now - mtime >= self.settle
        return now - seen[1] >= self.settle

    def _import(self, path: Path, signature: tuple[int, int]) -> FileOutcome:
        name = path.name
        self._seen.pop(name, None)
        self._changing_since.pop(name, None)
        self._given_up.discard(name)
        report = import_files(self.library, [path], workers=self.workers)
        outcome = FileOutcome(name, None, report.created, report.updated, report.refused)
        target = _free_name(self.folder / (REFUSED if report.refused else DONE), name)
        try:
            os.replace(path, target)
        except OSError as exc:
            self._left[name] = signature
            outcome.note = f"imported, but it cannot be moved out of the folder ({exc.strerror}); left as it is"
            return outcome
        outcome.moved_to = target
        if report.refused:
            lines = [f"{p.where.replace(str(path), target.name, 1)}: {p.reason}" for p in report.refused]
            summary = f"{report.created} created, {report.updated} updated, {len(report.refused)} refused"
            try:
                target.with_name(target.name + ".reason.txt").write_text(
                    "\n".join([summary, *lines]) + "\n", encoding="utf-8"
                )
            except OSError as exc:
                outcome.note = f"refused items, and the reasons cannot be written ({exc.strerror})"
        return outcome


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`… before the suffix when a file of that name was there before."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while target.exists() or target.with_name(target.name + ".reason.txt").exists():
        number += 1
        target = folder / f"{stem}-{number}{suffix}"
    return target


def watch(watcher: FolderWatch, stopped: Callable[[], bool], tell: Callable[[FileOutcome], None],
          interval: float = 1.0) -> None:  # fmt: skip
    """Polls until `stopped()` says so, telling each outcome; checks `stopped` between files and naps."""
    while not stopped():
        for outcome in watcher.poll():
            tell(outcome)
            if stopped():
                return
        deadline = time.monotonic() + interval
        while not stopped() and time.monotonic() < deadline:
            time.sleep(0.05)


def watch_until_signalled(watcher: FolderWatch, tell: Callable[[FileOutcome], None]) -> None:
    """Watches until Ctrl+C or SIGTERM (from the main thread). The file being imported is finished
    first; a second signal stops at once (that file stays in the folder and is read again next time,
    which updates what it had already made)."""
    stop: list[int] = []

    def on_signal(signum, _frame) -> None:
        if stop:
            raise KeyboardInterrupt
        stop.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        watch(watcher, lambda: bool(stop), tell)
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
