"""Where the library keeps a photo's file."""

from __future__ import annotations

from pathlib import Path

from workstation.library.store import Library


def photo_path(library: Library, sha256: str, ext: str) -> Path:
    """Where the library keeps the file of a photo."""
    return library.photo_file(sha256, ext)
