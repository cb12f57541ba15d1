"""How every change reaches the other workstations: triggers on the tables, one event a change.

An event is `{"event", "docid", "section", "version", "by", "at"}` (docs/cli.md, `watch`).
On SQLite each connection of the app gets TEMP triggers that append to the `changes` table,
which readers poll; TEMP, because only a connection knows whose it is (the editor's name is
in a temp table of that connection), and because a tool outside the app can still write
the file. On PostgreSQL the triggers are part of the schema (migration 0005) and send a
NOTIFY on the `workstation_changes` channel; each connection sets `workstation.editor`.
"""

from __future__ import annotations

from workstation.errors import LibraryError
from workstation.library.urls import driver_reason, keepalive_options

CHANNEL = "workstation_changes"
EVENTS = (
    "article.created", "article.saved", "article.moved", "article.trashed", "article.restored",
    "photos.changed", "sections.changed", "editing.started", "editing.stopped",
)  # fmt: skip

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_INSERT = "INSERT INTO changes (at, event, docid, section, version, editor) VALUES "
_ME = "(SELECT name FROM temp.ws_editor)"
_SECTION_OF = "(SELECT slug FROM sections WHERE id = {row}.section_id)"
_ARTICLE_SECTION = "(SELECT s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = {docid})"
_ARTICLE_VERSION = "(SELECT version FROM articles WHERE id = {docid})"

_SQLITE_TRIGGERS = {
    "ws_article_created": (
        "AFTER INSERT ON main.articles BEGIN "
        f"{_INSERT}({_NOW}, 'article.created', NEW.id, {_SECTION_OF.format(row='NEW')}, NEW.version, {_ME}); END"
    ),
    "ws_article_updated": (
        "AFTER UPDATE ON main.articles WHEN OLD.version IS NOT NEW.version "
        "OR OLD.trashed_at IS NOT NEW.trashed_at OR OLD.section_id IS NOT NEW.section_id BEGIN "
        f"{_INSERT}({_NOW}, CASE WHEN OLD.trashed_at IS NULL AND NEW.trashed_at IS NOT NULL THEN 'article.trashed' "
        "WHEN OLD.trashed_at IS NOT NULL AND NEW.trashed_at IS NULL THEN 'article.restored' "
        "WHEN OLD.section_id IS NOT NEW.section_id THEN 'article.moved' ELSE 'article.saved' END, "
        f"NEW.id, {_SECTION_OF.format(row='NEW')}, NEW.version, {_ME}); END"
    ),
    **{
        f"ws_gallery_{op.lower()}": (
            f"AFTER {op} ON main.gallery_items BEGIN {_INSERT}({_NOW}, 'photos.changed', {row}.article_id, "
            f"{_ARTICLE_SECTION.format(docid=row + '.article_id')}, {_ARTICLE_VERSION.format(docid=row + '.article_id')}, "
            f"{_ME}); END"
        )
        for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    },
    **{
        f"ws_sections_{op.lower()}": (
            f"AFTER {op} ON main.sections BEGIN "
            f"{_INSERT}({_NOW}, 'sections.changed', NULL, {row}.slug, NULL, {_ME}); END"
        )
        for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    },
    "ws_editing_started": (
        f"AFTER INSERT ON main.presence BEGIN {_INSERT}({_NOW}, 'editing.started', NEW.docid, "
        f"{_ARTICLE_SECTION.format(docid='NEW.docid')}, {_ARTICLE_VERSION.format(docid='NEW.docid')}, NEW.editor); END"
    ),
    "ws_editing_stopped": (
        f"AFTER DELETE ON main.presence BEGIN {_INSERT}({_NOW}, 'editing.stopped', OLD.docid, "
        f"{_ARTICLE_SECTION.format(docid='OLD.docid')}, {_ARTICLE_VERSION.format(docid='OLD.docid')}, OLD.editor); END"
    ),
}


def install_sqlite_triggers(dbapi_conn, editor: str) -> None:
    """The change-log triggers of one connection (once the library has a change log; not while migrating)."""
    cur = dbapi_conn.cursor()
    try:
        if not cur.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'").fetchone():
            return
        cur.execute("CREATE TEMP TABLE IF NOT EXISTS ws_editor (name TEXT)")
        cur.execute("DELETE FROM temp.ws_editor")
        cur.execute("INSERT INTO temp.ws_editor VALUES (?)", (editor,))
        for name, body in _SQLITE_TRIGGERS.items():
            cur.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {name} {body}")
        if dbapi_conn.in_transaction:
            dbapi_conn.commit()
    finally:
        cur.close()


def event_from_row(at: str, event: str, docid, section, version, editor) -> dict:
    """An event as the `watch` command prints it."""
    return {"event": event, "docid": docid, "section": section, "version": version, "by": editor, "at": at}


# -- reading the events ------------------------------------------------------------------------------
POLL_SECONDS = 0.25  # how often the SQLite change log is read (an event shows within about this)


class SqliteFeed:
    """The change log of a SQLite library, read from the row after the last one seen."""

    def __init__(self, engine):
        self.engine = engine
        with engine.connect() as conn:
            self.last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM changes").scalar()
        prune(engine)

    def poll(self, timeout: float) -> list[dict]:
        """The events since the last poll, waiting up to `timeout` seconds for the first."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT id, at, event, docid, section, version, editor FROM changes WHERE id > ? ORDER BY id",
                    (self.last,),
                ).all()
            if rows:
                self.last = rows[-1][0]
                return _collapsed([event_from_row(*row[1:]) for row in rows])
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(POLL_SECONDS, left))

    def close(self) -> None:
        """Nothing held between polls."""


class PostgresFeed:
    """LISTEN on the library's channel, on a connection of its own (autocommit, as LISTEN needs).

    A lost connection raises LibraryError with one sentence; the next poll connects and listens
    again (what changed in between is not told: a reader that keeps going reloads what it shows).
    """

    def __init__(self, engine):
        self.url = engine.url.set(drivername="postgresql")  # rendered with its password only to connect
        self.options = keepalive_options(engine.url.query)
        self.conn = None
        self._listen()

    def _listen(self) -> None:
        import psycopg

        try:
            self.conn = psycopg.connect(self.url.render_as_string(hide_password=False), autocommit=True, **self.options)
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            self.close()
            raise LibraryError(f"The library's server cannot be reached: {driver_reason(exc)}") from None

    def poll(self, timeout: float) -> list[dict]:
        """The notifications that arrive within `timeout` seconds (returns with the first burst)."""
        import json

        import psycopg

        if self.conn is None:
            self._listen()
        events = []
        try:
            for note in self.conn.notifies(timeout=timeout, stop_after=1):
                events.append(json.loads(note.payload))
            for note in self.conn.notifies(timeout=0.05):  # the rest of the same burst
                events.append(json.loads(note.payload))
        except psycopg.Error as exc:
            self.close()
            raise LibraryError(f"The connection to the library's server was lost: {driver_reason(exc)}") from None
        return _collapsed(events)

    def close(self) -> None:
        """Closes the listening connection."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


KEEP_DAYS = 2  # the change log keeps this much: a reader only ever wants what follows its start


def prune(engine) -> None:
    """Drops change-log rows older than KEEP_DAYS (skipped when another writer holds the file)."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "DELETE FROM changes WHERE at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)", (f"-{KEEP_DAYS} days",)
            )
    except (OperationalError, sqlite3.OperationalError):
        pass


def _collapsed(events: list[dict]) -> list[dict]:
    """Events in order, a repeat of the one just before dropped (a gallery reorder touches every row)."""
    out: list[dict] = []
    for e in events:
        if out and all(out[-1][k] == e[k] for k in ("event", "docid", "version", "by")):
            continue
        out.append(e)
    return out


def event_line(event: dict) -> str:
    """An event as a tab-separated line: time, event, docid, section, version, by."""
    version = f"v{event['version']}" if event["version"] is not None else "-"
    fields = ((event["at"] or "")[11:19], event["event"], event["docid"] or "-", event["section"] or "-", version,
              event["by"] or "-")  # fmt: skip
    return "\t".join(str(f) for f in fields)


def follow(library, emit, poll_seconds: float = 1.0) -> None:
    """Hands each change of the library to `emit` as it happens, until Ctrl+C or SIGTERM."""
    import signal

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    feed = library.backend.change_feed(library.engine)
    try:
        while True:
            for event in feed.poll(poll_seconds):
                emit(event)
    except KeyboardInterrupt:
        return
    finally:
        feed.close()
        signal.signal(signal.SIGTERM, previous)
