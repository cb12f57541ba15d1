"""Writing a bundle's files into the staging folder or zip, reusing what the previous bundle has.

A file whose bytes did not change is hard-linked from the previous bundle instead of
written, so it keeps its modification time and the upload tools see only real changes.
The state of the last export (a fingerprint per page group and the size, mtime and inode
of every file) lives in the cache folder; when a fingerprint and the file on disk still
match, the page is not even rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from workstation.errors import LibraryError
from workstation.export.target import MANIFEST, read_manifest

STATE_FORMAT = 1
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_STORED_SUFFIXES = (".jpg", ".webp", ".png", ".ttf", ".woff2")

Files = list[tuple[str, bytes]]


class ExportCancelled(Exception):
    """The export was cancelled; the previous bundle is untouched."""


# -- where files go ------------------------------------------------------------------------------
class FolderSink:
    """Writes the bundle's files into the staging folder."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir()
        self._root = str(root) + os.sep
        self._dirs: set[str] = set()
        # Creating a file waits on the file system far more than on the processor: a few
        # threads keep that waiting out of the rendering's way.
        self._pool = ThreadPoolExecutor(max_workers=2)

    def _parent(self, rel: str) -> str:
        folder = rel.rpartition("/")[0]
        if folder and folder not in self._dirs:
            os.makedirs(self._root + folder, exist_ok=True)
            self._dirs.add(folder)
        return self._root + rel

    def write_many(self, files: list[tuple[str, bytes]]) -> Future:
        """Writes new files in the background; a future of (path, sha256, stat) for each."""
        return self._pool.submit(_write_files, [(rel, self._parent(rel), data) for rel, data in files])

    def link(self, rel: str, source: str) -> None:
        """Takes an unchanged file from the previous bundle (a hard link; a copy where links fail)."""
        path = self._parent(rel)
        try:
            os.link(source, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            shutil.copy2(source, path)

    def close(self) -> None:
        """Waits for every write; raises the first error of any."""
        self._pool.shutdown(wait=True)

    def dir_times(self) -> dict[str, int]:
        """The modification time of every folder of the bundle (after `close`)."""
        folders = {""}
        for rel in self._dirs:
            parts = rel.split("/")
            folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        return {rel: os.stat(self._root + rel if rel else self.root).st_mtime_ns for rel in folders}

    def abandon(self) -> None:
        """Stops writing (the staging folder is about to be removed)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _write_files(files: list[tuple[str, str, bytes]]) -> list[tuple[str, str, os.stat_result]]:
    out = []
    for rel, path, data in files:
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            st = os.fstat(fh.fileno())
        out.append((rel, hashlib.sha256(data).hexdigest(), st))
    return out


class ZipSink:
    """Writes the bundle as one zip with fixed dates and modes, so the same files give the same bytes."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path, "w")

    def write(self, rel: str, data: bytes) -> None:
        """Adds one entry (images and fonts stored, text deflated)."""
        info = zipfile.ZipInfo(rel, date_time=ZIP_DATE)
        info.external_attr = 0o100644 << 16
        info.create_system = 3
        stored = rel.endswith(_STORED_SUFFIXES)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data, compresslevel=None if stored else 6)

    def close(self) -> None:
        """Finishes the zip's central directory."""
        self.zip.close()

    def abandon(self) -> None:
        """Stops writing."""
        self.zip.close()


# -- the bundle being replaced -------------------------------------------------------------------
class PreviousBundle:
    """The bundle an export replaces, read only: a folder, a zip, or nothing."""

    def __init__(self, target: Path, zip_mode: bool):
        self.folder: Path | None = None
        self._prefix = ""
        self.zip: zipfile.ZipFile | None = None
        self.files: dict[str, tuple[str, int]] = {}
        if zip_mode and target.is_file():
            self.zip = zipfile.ZipFile(target)
            data = self.zip.read(MANIFEST) if MANIFEST in self.zip.namelist() else b""
            try:
                self.files = {p: (v["sha256"], int(v["bytes"])) for p, v in json.loads(data).items()}
            except (ValueError, TypeError, KeyError, AttributeError):
                self.files = {}
        elif not zip_mode and target.is_dir():
            self.folder = target
            self._prefix = str(target) + os.sep
            self.files = read_manifest(target / MANIFEST) or {}
            if self.files:  # the manifest does not list itself, but it is a file to reuse too
                data = (target / MANIFEST).read_bytes()
                self.files[MANIFEST] = (hashlib.sha256(data).hexdigest(), len(data))

    def read(self, rel: str) -> bytes | None:
        """The bytes of one of its files, None when it has none by that name."""
        if rel not in self.files:
            return None
        try:
            if self.zip is not None:
                return self.zip.read(rel)
            return (self.folder / rel).read_bytes()
        except (OSError, KeyError):
            return None

    def stat(self, rel: str) -> os.stat_result | None:
        """The stat of one of its files (folders only)."""
        if self.folder is None:
            return None
        try:
            return os.stat(self._prefix + rel)
        except OSError:
            return None

    def path(self, rel: str) -> str:
        """The file system path of one of its files (folders only)."""
        return self._prefix + rel

    def close(self) -> None:
        """Closes a zip."""
        if self.zip is not None:
            self.zip.close()


# -- the state of the last export ----------------------------------------------------------------
def state_file(cache: Path, target: Path) -> Path:
    """Where the state of exports to this target is kept."""
    key = hashlib.blake2b(str(target).encode(), digest_size=10).hexdigest()
    return cache / "export-state" / f"{key}.json"


def load_state(path: Path, target: Path) -> dict:
    """The state of the last export to the target, empty when there is none usable."""
    try:
        state = json.loads(path.read_text("utf-8"))
        if state.get("format") == STATE_FORMAT and state.get("target") == str(target):
            return state
    except (OSError, ValueError, AttributeError):
        pass
    return {"jobs": {}, "files": {}}


def save_state(path: Path, state: dict) -> None:
    """Writes the state through a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(state, separators=(",", ":")), "utf-8")
    os.replace(tmp, path)


# -- the writer ----------------------------------------------------------------------------------
class BundleWriter:
    """Produces every file of the new bundle, reusing what the previous one already has."""

    def __init__(self, sink: FolderSink | ZipSink, previous: PreviousBundle, old_state: dict,
                 cancel: Callable[[], bool] | None = None):  # fmt: skip
        self.sink = sink
        self.previous = previous
        self.old_jobs: dict = old_state.get("jobs", {})
        self.old_files: dict = old_state.get("files", {})
        self.cancel = cancel
        self.files: dict[str, tuple[str, int]] = {}
        self.stats: dict[str, list] = {}  # path -> [sha, size, mtime_ns, inode] for the next state
        self.jobs: dict[str, list] = {}
        self._batch: list[tuple[str, bytes]] = []
        self.placed: set[str] = set()
        self._pending: list[Future] = []
        self.written = 0
        self.reused = 0
        self.rendered_jobs = 0

    def check_cancel(self) -> None:
        """Raises ExportCancelled once the user asked to stop."""
        if self.cancel is not None and self.cancel():
            raise ExportCancelled("The export was cancelled; the previous bundle is untouched.")

    def done(self, key: str) -> bool:
        """Whether a job of this key already ran in this export."""
        return key in self.jobs

    def job(self, key: str, fingerprint: str | None, render: Callable[[], Files]) -> None:
        """Produces a group of files: taken as they are when the fingerprint is unchanged, else rendered."""
        if not self.reuse(key, fingerprint):
            self.record(key, fingerprint, render())

    def reuse(self, key: str, fingerprint: str | None) -> bool:
        """Takes a group of files from the previous bundle when the last export recorded the same
        fingerprint for it and its files are untouched since; whether it did."""
        self.check_cancel()
        if key in self.jobs:
            return True
        old = self.old_jobs.get(key)
        if fingerprint is not None and old and old[0] == fingerprint and self._reuse(old[1]):
            self.jobs[key] = [fingerprint, old[1]]
            return True
        return False

    def record(self, key: str, fingerprint: str | None, files: Files) -> None:
        """Adds a freshly rendered group of files."""
        self.rendered_jobs += 1
        for rel, data in files:
            self.put(rel, data)
        self.jobs[key] = [fingerprint, [rel for rel, _ in files]]

    def _reuse(self, rels: list[str]) -> bool:
        """Links every file of a group whose previous copy is still exactly as the last export left it."""
        if self.previous.folder is None:
            return False
        # The hot loop of an incremental export (every unchanged file passes here): kept plain.
        old_files, prefix, stat = self.old_files, self.previous._prefix, os.stat
        found = []
        for rel in rels:
            known = old_files.get(rel)
            if known is None:
                return False
            try:
                st = stat(prefix + rel)
            except OSError:
                return False
            if st.st_size != known[1] or st.st_mtime_ns != known[2] or st.st_ino != known[3]:
                return False
            found.append((rel, known))
        placed, files, stats, link = self.placed, self.files, self.stats, self.sink.link
        for rel, known in found:
            if rel not in placed:
                placed.add(rel)
                link(rel, prefix + rel)
                files[rel] = (known[0], known[1])
                stats[rel] = known
                self.reused += 1
        return True

    def _link(self, rel: str, sha: str, st: os.stat_result) -> None:
        if rel in self.placed:  # a photo kept with an untouched page and wanted by a story too
            return
        self.placed.add(rel)
        self.sink.link(rel, self.previous.path(rel))
        self.files[rel] = (sha, st.st_size)
        self.stats[rel] = [sha, st.st_size, st.st_mtime_ns, st.st_ino]
        self.reused += 1

    def put(self, rel: str, data: bytes) -> None:
        """Adds one file: linked from the previous bundle when its bytes are the same, else written."""
        if rel in self.placed:
            return
        if not isinstance(self.sink, FolderSink):
            self.placed.add(rel)
            self.sink.write(rel, data)
            self.files[rel] = (hashlib.sha256(data).hexdigest(), len(data))
            self.written += 1
            return
        known = self.previous.files.get(rel)
        if known is not None and known[1] == len(data):
            sha = hashlib.sha256(data).hexdigest()
            st = self.previous.stat(rel)
            recorded = self.old_files.get(rel)
            # The state vouches for the file when nothing touched it since; else compare bytes.
            if (
                known[0] == sha
                and st is not None
                and (recorded == [sha, st.st_size, st.st_mtime_ns, st.st_ino] or self.previous.read(rel) == data)
            ):
                self._link(rel, sha, st)
                return
        self.placed.add(rel)
        self._batch.append((rel, data))
        self.written += 1
        if len(self._batch) >= 16:
            self.flush()

    def flush(self) -> None:
        """Hands the files waiting to be written to the sink's writer threads (which hash them too)."""
        if self._batch:
            self._pending.append(self.sink.write_many(self._batch))
            self._batch = []

    def settle(self) -> dict[str, tuple[str, int]]:
        """Waits for every write handed out so far; every file of the bundle so far with its hash and size."""
        self.flush()
        for future in self._pending:
            for rel, sha, st in future.result():
                self.files[rel] = (sha, st.st_size)
                self.stats[rel] = [sha, st.st_size, st.st_mtime_ns, st.st_ino]
        self._pending = []
        return self.files

    def keep(self, rels: Iterable[str]) -> None:
        """Carries files of the previous bundle over unchanged (stories outside a narrowed export)."""
        for rel in rels:
            if rel in self.placed:
                continue
            if self.previous.folder is not None:
                st = self.previous.stat(rel)
                sha, size = self.previous.files[rel]
                # Only the state of the last export vouches for the manifest's hash: a file edited
                # in place since (same size or not) is read and hashed again below.
                if st is not None and self.old_files.get(rel) == [sha, size, st.st_mtime_ns, st.st_ino]:
                    self._link(rel, sha, st)
                    continue
            data = self.previous.read(rel)
            if data is None:
                raise LibraryError(
                    f"The previous bundle lost {rel}; export everything again without --section/--article."
                )
            self.put(rel, data)

    def state(self, target: Path, dirs: dict[str, int]) -> dict:
        """The state to keep for the next export to this target."""
        self.settle()
        return {"format": STATE_FORMAT, "target": str(target), "jobs": self.jobs, "files": self.stats, "dirs": dirs}
