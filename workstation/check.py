"""Integrity of a library: the database, the search index, the photo files."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from workstation.library.models import Photo
from workstation.library.store import Library, file_sha256
from workstation.photos.files import photo_path
from workstation.photos.staging import sweep
from workstation.search.index import documents


def check_library(library: Library) -> list[str]:
    """Every problem found, one sentence each; an empty list for a sound library."""
    sweep(library.photos_dir)  # copies a killed ingest left staged are not the library's
    problems: list[str] = []
    try:
        with library.engine.connect() as conn:
            problems += library.backend.index_problems(conn)
            problems += library.backend.index_drift(conn, documents(conn))
            problems += _gallery_positions(conn)
        with library.sessions() as session:
            photos = [(p.sha256, p.ext, p.filename) for p in session.scalars(select(Photo))]
    except SQLAlchemyError as exc:
        # A damaged file stops the reading; what was found so far still counts.
        return problems + [f"database: cannot be read to the end ({getattr(exc, 'orig', None) or exc})"]
    for sha256, ext, filename in photos:
        path = photo_path(library, sha256, ext)
        try:
            if not path.is_file():
                problems.append(f"photo {sha256[:12]} ({filename}): file missing at {path}")
            elif file_sha256(path) != sha256:
                problems.append(f"photo {sha256[:12]} ({filename}): file content does not match its hash")
        except OSError as exc:
            problems.append(f"photo {sha256[:12]} ({filename}): cannot read {path}: {exc.strerror}")
    return problems


def _gallery_positions(conn) -> list[str]:
    """Every gallery whose positions are not 1..n (page k of a story shows item k)."""
    positions: dict[int, list[int]] = {}
    for docid, position in conn.execute(
        text("SELECT article_id, position FROM gallery_items ORDER BY article_id, position")
    ):  # fmt: skip
        positions.setdefault(docid, []).append(position)
    return [
        f"gallery of article {docid}: positions are {', '.join(map(str, found))}, not 1 to {len(found)}"
        for docid, found in positions.items()
        if found != list(range(1, len(found) + 1))
    ]
