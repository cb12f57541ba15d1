"""Document ids for new articles: one allocator for the editor, duplicates and imports.

Ids come from the wire too (a story's uri holds its id), so the highest may be SQLite's
largest integer; a new article then takes the lowest free id instead of overflowing.
"""

from __future__ import annotations

from collections.abc import Container

from sqlalchemy import Connection, text

from workstation.errors import LibraryError

MAX_DOCID = (1 << 63) - 1  # SQLite's largest integer

_TAKEN = text("SELECT 1 FROM articles WHERE id = :id")
# The end of the run of taken ids that starts at :start, plus one: the first free id above it.
_AFTER_RUN = text(
    "SELECT min(a.id) + 1 FROM articles a WHERE a.id >= :start AND a.id < :max"
    " AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.id = a.id + 1)"
)


def is_docid(value: int) -> bool:
    """Whether a number can be a document id at all (1 to SQLite's largest integer)."""
    return 1 <= value <= MAX_DOCID


def lowest_free_docid(conn: Connection, start: int = 1, taken: Container[int] = ()) -> int:
    """The lowest id from `start` that no article holds and that is not in `taken`."""
    candidate = start
    while True:
        if candidate > MAX_DOCID:
            raise LibraryError("Every document id is taken; no new article can be made.")
        if conn.execute(_TAKEN, {"id": candidate}).first() is not None:
            candidate = conn.execute(_AFTER_RUN, {"start": candidate, "max": MAX_DOCID}).scalar() or MAX_DOCID + 1
        if candidate not in taken:
            return candidate
        candidate += 1


def new_docid(conn: Connection) -> int:
    """The id of a new article: the one after the highest, or the lowest free one once the highest is SQLite's largest."""
    highest = conn.execute(text("SELECT max(id) FROM articles")).scalar() or 0
    return highest + 1 if highest < MAX_DOCID else lowest_free_docid(conn)
