"""Who is editing what: a soft lock that others see, and that lapses on its own.

Opening an article for editing marks it "being edited by NAME" (`start`); the editor's
workstation renews the mark every HEARTBEAT seconds while the article stays open
(`heartbeat`) and drops it on closing (`stop`). A mark whose last heartbeat is older than
EXPIRY seconds counts for nothing, so a crashed workstation never blocks anyone; nobody is
ever stopped from editing: the version check still refuses a stale save.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import DateTime, bindparam
from sqlalchemy import text as _text

from workstation.clock import utcnow
from workstation.library.store import Library

HEARTBEAT = 20  # seconds between renewals of a mark
EXPIRY = 60  # seconds after the last renewal when a mark lapses
_TIMES = ("t", "old", "fresh")


def text(sql: str):
    """A statement whose time parameters are stored as the library stores every time."""
    return _text(sql).bindparams(*(bindparam(k, type_=DateTime()) for k in _TIMES if f":{k}" in sql))


class Presence:
    """The presence marks of one running workstation (one session, under the library's editor name)."""

    def __init__(self, library: Library, session: str | None = None):
        self.library = library
        self.session = session or uuid.uuid4().hex

    def start(self, docid: int) -> None:
        """Marks the article as being edited here (and clears lapsed marks of anyone)."""
        now = utcnow()
        with self.library.engine.begin() as conn:
            conn.execute(
                text("DELETE FROM presence WHERE heartbeat_at < :old"), {"old": now - timedelta(seconds=EXPIRY)}
            )
            conn.execute(
                text(
                    "INSERT INTO presence (docid, session, editor, heartbeat_at) VALUES (:d, :s, :e, :t) "
                    "ON CONFLICT (docid, session) DO UPDATE SET heartbeat_at = :t"
                ),
                {"d": docid, "s": self.session, "e": self.library.editor, "t": now},
            )

    def heartbeat(self) -> None:
        """Renews every mark of this session."""
        with self.library.engine.begin() as conn:
            conn.execute(
                text("UPDATE presence SET heartbeat_at = :t WHERE session = :s"), {"t": utcnow(), "s": self.session}
            )

    def stop(self, docid: int | None = None) -> None:
        """Drops the mark on one article, or every mark of this session."""
        with self.library.engine.begin() as conn:
            if docid is None:
                conn.execute(text("DELETE FROM presence WHERE session = :s"), {"s": self.session})
            else:
                conn.execute(
                    text("DELETE FROM presence WHERE session = :s AND docid = :d"), {"s": self.session, "d": docid}
                )

    def others(self, docids: list[int] | None = None) -> dict[int, list[str]]:
        """For each article someone else is editing now (among `docids` when given), their names."""
        sql = "SELECT docid, editor FROM presence WHERE heartbeat_at >= :fresh AND session <> :s"
        params: dict = {"fresh": utcnow() - timedelta(seconds=EXPIRY), "s": self.session}
        if docids is not None:
            if not docids:
                return {}
            sql += " AND docid IN (" + ", ".join(str(int(d)) for d in docids) + ")"
        found: dict[int, list[str]] = {}
        with self.library.engine.connect() as conn:
            for docid, editor in conn.execute(text(sql + " ORDER BY docid, editor"), params):
                if editor not in found.setdefault(docid, []):
                    found[docid].append(editor)
        return found
