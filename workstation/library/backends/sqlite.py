"""A library in one SQLite file: the FTS5 search index, a change log that other processes poll.

The index (`article_fts`, an FTS5 table whose rowid is the document id) holds the analyzed
text of each live article's headline, body, byline, keywords and captions. Its queries (bm25
ranking, fts5vocab) are in workstation.library.backends.fts5.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from workstation.library.backends import QueryTerm
from workstation.library.backends.changelog import SqliteFeed, install_sqlite_triggers
from workstation.library.backends.fts5 import Fts5Scope

FTS_HASH_BYTES = 64 << 20  # the index's in-memory buffer while importing: a batch fits (SQLite's default: 1 MiB)

_SNAPSHOT = (
    "json_object("
    " 'section', (SELECT slug FROM sections WHERE id = a.section_id),"
    " 'headline', a.headline, 'subheadline', a.subheadline, 'dateline_city', a.dateline_city,"
    " 'dateline_at', CASE WHEN a.dateline_at IS NULL THEN NULL"
    "   WHEN length(a.dateline_at) > 19 AND substr(a.dateline_at, 21) NOT IN ('', '000000')"
    "   THEN replace(a.dateline_at, ' ', 'T') ELSE replace(substr(a.dateline_at, 1, 19), ' ', 'T') END,"
    " 'dateline_agency', a.dateline_agency, 'byline', a.byline, 'source_title', a.source_title,"
    " 'keywords', json(a.keywords), 'body', a.body, 'status', a.status,"
    " 'related', (SELECT json_group_array(related_id) FROM"
    "   (SELECT related_id FROM related_links WHERE article_id = a.id ORDER BY position)))"
)


def _pragmas(dbapi_conn) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


class SqliteBackend:
    """SQLite: one file, one writer at a time, FTS5."""

    name = "sqlite"
    snapshot_sql = _SNAPSHOT
    distinct = "IS NOT"

    def prepare(self, engine: Engine, editor: str) -> None:
        """Pragmas on every new connection, and the triggers that write the change log with the editor's name."""

        def on_connect(dbapi_conn, _record) -> None:
            _pragmas(dbapi_conn)
            install_sqlite_triggers(dbapi_conn, editor)

        event.listen(engine, "connect", on_connect)

    def change_feed(self, engine: Engine) -> SqliteFeed:
        """Polls the change log."""
        return SqliteFeed(engine)

    def begin_write(self, conn: Connection) -> None:
        """BEGIN IMMEDIATE: the write lock up front, so a batch never fails half way on a busy library."""
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    def lock_writes(self, conn: Connection) -> None:
        """BEGIN IMMEDIATE: the write lock of the file, for the whole transaction."""
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    def begin_snapshot(self, conn: Connection) -> None:
        """A read transaction: in WAL mode its first read fixes what it sees while others write."""
        conn.exec_driver_sql("BEGIN")

    def after_explicit_ids(self, conn: Connection, tables: Sequence[str]) -> None:
        """Nothing: the next id is always one past the largest."""

    def driver_sql(self, statement: str) -> str:
        """The statement as it is: sqlite3 takes `?`."""
        return statement

    def utf8_text(self, data: bytes) -> bytes:
        """The bytes themselves: SQLite takes them as text under CAST, with no decoding and encoding again."""
        return data

    # -- the search index ------------------------------------------------------------------------
    def index_write(self, conn: Connection, rows: Sequence[tuple[int, Sequence[str]]]) -> None:
        """One FTS5 row an article (the body column may come as UTF-8 bytes)."""
        if rows:
            conn.exec_driver_sql(
                "INSERT INTO article_fts (rowid, headline, body, byline, keywords, captions) "
                "VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?)",
                [(docid, *columns) for docid, columns in rows],
            )

    def index_delete(self, conn: Connection, docids: Sequence[int]) -> None:
        """Deletes by rowid."""
        conn.execute(
            text("DELETE FROM article_fts WHERE rowid IN (SELECT value FROM json_each(:ids))"),
            {"ids": json.dumps(list(docids))},
        )

    def index_drift(self, conn: Connection, expected: Iterable[tuple[int, Sequence[str]]]) -> list[str]:
        """Compares the stored FTS5 rows with the rows the articles give."""
        stored = {
            row[0]: tuple(row[1:])
            for row in conn.execute(text("SELECT rowid, headline, body, byline, keywords, captions FROM article_fts"))
        }
        problems = [
            f"search index: article {docid} is missing or out of date"
            for docid, columns in expected
            if stored.pop(docid, None) != tuple(columns)
        ]
        return problems + [f"search index: holds article {docid}, which is deleted or in the trash" for docid in stored]

    def index_problems(self, conn: Connection) -> list[str]:
        """SQLite's integrity and foreign-key checks and FTS5's own."""
        problems = [f"database: {line}" for (line,) in conn.execute(text("PRAGMA integrity_check")) if line != "ok"]
        for row in conn.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"database: a row of {row[0]} points at a missing row of {row[2]}")
        try:
            conn.execute(text("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')"))
        except SQLAlchemyError as exc:  # the FTS module reports corruption as an error
            problems.append(f"search index: {getattr(exc, 'orig', None) or exc}")
        return problems

    def bulk_index(self, conn: Connection) -> _BulkIndex:
        """A larger FTS5 buffer and page cache while importing: fewer, larger index segments."""
        return _BulkIndex(conn)

    def search_scope(self, conn: Connection, terms: Sequence[QueryTerm], section_id: int | None) -> Fts5Scope:
        """FTS5's statements of a query."""
        return Fts5Scope(conn, terms, section_id)


class _BulkIndex:
    def __init__(self, conn: Connection):
        self.conn = conn

    def __enter__(self) -> _BulkIndex:
        conn = self.conn
        self.cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql("PRAGMA cache_size = -65536")  # 64 MiB: the indexes stay in memory
        self.hash_bytes = conn.exec_driver_sql(
            "SELECT v FROM article_fts_config WHERE k = 'hashsize'"
        ).scalar() or (1 << 20)  # fmt: skip
        if self.hash_bytes == FTS_HASH_BYTES:  # left by an import that was killed: not a setting to keep
            self.hash_bytes = 1 << 20
        self._set_hash_bytes(FTS_HASH_BYTES)
        return self

    def __exit__(self, *exc) -> None:
        self.conn.rollback()
        self._set_hash_bytes(self.hash_bytes)
        self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(self.cache_size)}")

    def _set_hash_bytes(self, size: int) -> None:
        self.conn.exec_driver_sql("BEGIN IMMEDIATE")
        self.conn.exec_driver_sql(f"INSERT INTO article_fts (article_fts, rank) VALUES ('hashsize', {int(size)})")
        self.conn.commit()
