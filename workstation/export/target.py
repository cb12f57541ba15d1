"""The export's target: refusing what must not be replaced, building beside it, swapping in.

A folder bundle is built in `OUT.tmp-<pid>-<random>` in the same parent folder, then
exchanged with the old one in a single rename (Linux `renameat2(RENAME_EXCHANGE)`; two
renames elsewhere, undone on the next run if a kill falls between them). A zip is written
to a temporary file beside it and swapped the same way. So a kill at any moment leaves the
previous bundle whole; what a killed export leaves beside the target is tidied next time.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import secrets
import shutil
import sys
import threading
import zipfile
from pathlib import Path

from workstation.errors import LibraryError

MANIFEST = "manifest.json"
_TMP = re.compile(r"\.tmp-(\d+)-[0-9a-f]+$")
_OLD = re.compile(r"\.old-(\d+)-[0-9a-f]+$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def tidy_target(target: Path) -> None:
    """Finishes what a killed export left beside the target: restores an old bundle moved
    aside, removes half-built ones of processes that are gone."""
    parent = target.parent
    if not parent.is_dir():
        return
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith(target.name + "."))
    for path in leftovers:
        suffix = path.name[len(target.name) :]
        old = _OLD.fullmatch(suffix)
        tmp = _TMP.fullmatch(suffix)
        if old and not _alive(int(old.group(1))):
            if not target.exists():
                os.rename(path, target)  # killed between the two renames of a swap: undo
            else:
                remove(path)
        elif tmp and not _alive(int(tmp.group(1))):
            remove(path)


def remove(path: Path) -> None:
    """Deletes a file or a folder tree, whatever is left of it."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def check_target(target: Path, zip_mode: bool, dirs: dict[str, int] | None = None) -> None:
    """Refuses a target whose replacement would lose anything that is not an exported bundle.

    `dirs`: the modification times of the bundle's folders when the last export left it; while
    they hold, no file was added to or removed from it, and its thousands of files need no listing.
    """
    if not target.parent.exists():
        try:
            target.parent.mkdir(parents=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the folder {target.parent}: {exc.strerror}.") from None
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise LibraryError(f"Cannot export to {target}: the folder {target.parent} is not writable.")
    if not target.exists():
        return
    if zip_mode:
        if target.is_dir() or not zipfile.is_zipfile(target):
            raise LibraryError(f"{target} exists and is not a zip file; the export will not replace it.")
        _check_zip(target)
        return
    if not target.is_dir():
        raise LibraryError(f"{target} exists and is not a folder; the export will not replace it.")
    if dirs and (target / MANIFEST).is_file() and _dirs_unchanged(target, dirs):
        return
    if not any(target.iterdir()):
        return
    listed = read_manifest(target / MANIFEST)
    if listed is None:
        raise LibraryError(f"{target} holds files that are not an exported bundle (it has no {MANIFEST}); "
                           "choose an empty or new folder.")  # fmt: skip
    start = len(str(target)) + 1
    for folder, _dirs, names in os.walk(target):
        prefix = folder[start:].replace(os.sep, "/")
        for name in names:
            rel = f"{prefix}/{name}" if prefix else name
            if rel != MANIFEST and rel not in listed:
                raise LibraryError(f"{target} holds {rel}, which is not part of the exported bundle; "
                                   "move it away or export to another folder.")  # fmt: skip


def _check_zip(target: Path) -> None:
    """Refuses a zip that is not an exported bundle: one holding anything its manifest does not list."""
    try:
        with zipfile.ZipFile(target) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            data = archive.read(MANIFEST) if MANIFEST in names else None
    except (OSError, zipfile.BadZipFile) as exc:
        raise LibraryError(f"{target} cannot be read as a zip ({exc}); the export will not replace it.") from None
    listed = _parse_manifest(data) if data is not None else None
    if listed is None:
        raise LibraryError(f"{target} is a zip that is not an exported bundle (it has no {MANIFEST}); "
                           "the export will not replace it: choose another file name.")  # fmt: skip
    for name in names:
        if name != MANIFEST and name not in listed:
            raise LibraryError(f"{target} holds {name}, which is not part of the exported bundle; "
                               "the export will not replace it: choose another file name.")  # fmt: skip


def _dirs_unchanged(target: Path, dirs: dict[str, int]) -> bool:
    prefix = str(target) + os.sep
    try:
        return all(os.stat(prefix + rel if rel else target).st_mtime_ns == mtime for rel, mtime in dirs.items())
    except OSError:
        return False


def read_manifest(path: Path) -> dict[str, tuple[str, int]] | None:
    """A bundle manifest as path -> (sha256, bytes), or None when there is no valid one."""
    try:
        return _parse_manifest(path.read_bytes())
    except OSError:
        return None


def _parse_manifest(data: bytes) -> dict[str, tuple[str, int]] | None:
    try:
        document = json.loads(data)
        return {p: (v["sha256"], int(v["bytes"])) for p, v in document.items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swaps two paths (Linux); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, target: Path) -> threading.Thread | None:
    """Puts the finished bundle in place of the old one. The old one is deleted by a thread
    (not a daemon: the program waits for it before it exits); the thread is returned."""
    if not target.exists():
        os.rename(staging, target)
        return None
    if _exchange(staging, target):
        old = staging  # now holds the old bundle
    else:
        old = target.with_name(f"{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
        os.rename(target, old)
        os.rename(staging, target)
    # Deleting thousands of files takes longer than writing the few that changed; the new
    # bundle is already in place, and a leftover is removed by the next export if we are killed.
    remover = threading.Thread(target=remove, args=(old,), name="remove-old-bundle")
    remover.start()
    return remover


def staging_path(target: Path) -> Path:
    """A fresh name beside the target for building the new bundle."""
    return target.with_name(f"{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
