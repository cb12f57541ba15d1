"""Where the library keeps a photo's file, and a file's content hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from workstation.library.store import Library


def photo_path(library: Library, sha256: str, ext: str) -> Path:
    """Where the library keeps the file of a photo."""
    return library.photo_file(sha256, ext)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
