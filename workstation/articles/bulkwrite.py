"""Writing many articles at once (an import): batch transactions through SQLAlchemy Core.

Each batch commits its articles, their kept revisions and their search-index rows
together, so a writer killed at any moment leaves only whole articles behind. An
article that already exists (same uri) is updated with a version bump, so an editor
holding the old version gets a conflict instead of overwriting the new text; text an
editor autosaved since the last revision is kept as a "before import" revision first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, bindparam, text

from workstation.articles.docids import MAX_DOCID, lowest_free_docid
from workstation.clock import utcnow
from workstation.errors import LibraryError
from workstation.library.store import Library
from workstation.search.index import reindex
from workstation.search.vocabulary import add_words, arabic_words, vocabulary_ready


@dataclass(slots=True)
class IncomingArticle:
    """An article to write, its values already cleaned (sanitized body, search-index row)."""

    line: int  # where it starts in its file, for messages
    uri: str | None
    docid: int | None  # the document id its uri holds, if any
    section: str | None  # a section slug; None when the item names none that exists
    values: dict[
        str, str | list[str]
    ]  # the text fields it carries: headline, subheadline, byline, keywords, dateline_city
    body: bytes | None  # sanitized body as UTF-8; None when it carries none
    status: str  # draft or published
    trash: bool
    published_at: datetime | None  # None when the item gives no time
    index_row: tuple[Any, ...]  # search_index.document() columns, the body one as UTF-8 bytes
    language: str = ""  # the story's language when it is not the site's
    urgency: int | None = None
    embargoed: datetime | None = None  # when its embargo ends
    wire_version: int | None = None  # the item's own version number, when it gives one


# Long texts arrive as UTF-8 bytes and are bound with CAST(? AS TEXT): SQLite takes the bytes as
# they are, where a Python str would be decoded after the pickle and encoded again for SQLite
# (the backend's utf8_text says what its driver needs). Statements are written with `?`;
# the backend's driver_sql puts them in its driver's style.
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, section_id, headline, subheadline, dateline_city, dateline_at, dateline_agency, "
    "byline, source_title, keywords, body, status, uri, created_at, updated_at, published_at, trashed_at, version, "
    "language, urgency, embargoed, wire_version) "
    "VALUES (?, ?, ?, ?, ?, ?, '', ?, '', ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)"
)
# An import that puts an article in the trash says so in the reason: a later import may take out
# of the trash only what an import put there, never what an editor trashed.
CANCELED_REASON = "import canceled"
# A revision is built by the database from the article row, in the shape of ArticleRecord.snapshot()
# (the backend's snapshot_sql): no second copy of each body goes through Python.
_KEEP_REVISIONS = (
    "INSERT INTO revisions (article_id, version, saved_at, reason, snapshot) "
    "SELECT a.id, a.version, a.updated_at, CASE WHEN a.id IN :canceled"
    f" THEN '{CANCELED_REASON}' ELSE 'import' END, {{snapshot}}"
    " FROM articles a WHERE a.id IN :ids ORDER BY a.id"
)
# Autosaves keep no revision: before an import overwrites an article whose current version has none,
# the editor's text is kept as one.
_KEEP_BEFORE_IMPORT = (
    "INSERT INTO revisions (article_id, version, saved_at, reason, snapshot) "
    "SELECT a.id, a.version, a.updated_at, 'before import', {snapshot} FROM articles a WHERE a.id = ?"
    " AND a.version {distinct} (SELECT version FROM revisions WHERE article_id = a.id ORDER BY id DESC LIMIT 1)"
)
_TRASHED_BY_IMPORT = "SELECT EXISTS (SELECT 1 FROM revisions WHERE article_id = ? AND reason = ? AND saved_at = ?)"


class ItemRefused(Exception):
    """An article the writer cannot take (the message is the reason); the rest of the batch still lands."""


class BulkWriter:
    """Writes incoming articles into a library, one transaction a batch (a context manager)."""

    def __init__(self, library: Library):
        self.library = library
        self.backend = backend = library.backend
        self.sql = backend.driver_sql
        self.keep_revisions = text(_KEEP_REVISIONS.format(snapshot=backend.snapshot_sql)).bindparams(
            bindparam("ids", expanding=True), bindparam("canceled", expanding=True)
        )
        self.keep_before_import = self.sql(
            _KEEP_BEFORE_IMPORT.format(snapshot=backend.snapshot_sql, distinct=backend.distinct)
        )

    def __enter__(self) -> BulkWriter:
        self.conn = conn = self.library.engine.connect()
        try:
            if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA encoding").scalar() != "UTF-8":
                raise LibraryError("This library stores text as UTF-16; it cannot take a bulk import.")
            self.sections = tuple(conn.exec_driver_sql("SELECT slug, name FROM sections ORDER BY position, id").all())
            self.section_ids = dict(conn.exec_driver_sql("SELECT slug, id FROM sections").all())
            conn.rollback()
            # Items that name no section go to the front page, or the first section if that was removed.
            self.section_ids[None] = self.section_ids.get("home", next(iter(self.section_ids.values()), None))
            self.time = DateTime().dialect_impl(conn.dialect).bind_processor(conn.dialect) or (lambda value: value)
            self.bulk = self.backend.bulk_index(conn)
            self.bulk.__enter__()
            self.vocabulary = vocabulary_ready(conn)
            self.seen: set[bytes | str] = set()  # the space-separated tokens whose words are in the vocabulary
        except BaseException:
            conn.close()
            raise
        self._reset()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.conn.rollback()
            self.bulk.__exit__(*exc)
        finally:
            self.conn.close()

    def _reset(self) -> None:
        self.rows: list[tuple] = []
        self.index_rows: list[tuple] = []
        self.touched: list[int] = []  # ids whose revision is kept at the flush
        self.canceled: list[int] = []  # of those, the ones the import put in the trash
        self.reindexed: list[int] = []  # updated ids whose index row is rebuilt from the store
        self.pending: set[Any] = set()  # uris and ids written since the flush, not yet visible to a query

    def write(self, batch: list[IncomingArticle]) -> tuple[int, int, list[tuple[int, str]]]:
        """Writes a batch in one transaction; gives back how many articles it created and updated,
        and the (position in the batch, reason) of each article it refused."""
        if not batch:
            return 0, 0, []
        conn = self.conn
        self.backend.begin_write(conn)
        try:
            self.now = utcnow()
            self.next_id = (conn.exec_driver_sql("SELECT max(id) FROM articles").scalar() or 0) + 1
            self.low_id = 1  # where the search for a free id starts once the highest id is taken
            uris = [a.uri for a in batch if a.uri]
            self.by_uri = dict(conn.execute(
                text("SELECT uri, id FROM articles WHERE uri IN :u").bindparams(bindparam("u", expanding=True)),
                {"u": uris},
            ).all())  # fmt: skip
            hints = [a.docid for a in batch if a.docid is not None]
            self.taken = set(conn.execute(
                text("SELECT id FROM articles WHERE id IN :d").bindparams(bindparam("d", expanding=True)), {"d": hints}
            ).scalars())  # fmt: skip
            created, refused = 0, []
            for position, article in enumerate(batch):
                try:
                    created += self._write_one(article)
                except ItemRefused as exc:
                    refused.append((position, str(exc)))
            self._flush()
            conn.commit()
        except BaseException:
            conn.rollback()
            self._reset()
            raise
        return created, len(batch) - created - len(refused), refused

    def _write_one(self, article: IncomingArticle) -> bool:
        """Queues a new article or applies an update; True when it makes a new article."""
        if (article.uri and article.uri in self.pending) or article.docid in self.pending:
            self._flush()  # the same story twice in one batch: the first must be visible to the second
        docid = self.by_uri.get(article.uri) if article.uri else None
        if docid is not None:
            self._update(docid, article)
            return False
        if self.section_ids[article.section] is None:
            raise ItemRefused("the library has no section to file it in; add a section first")
        docid = article.docid
        if docid is None or docid in self.taken:
            docid = self._free_id()  # no id, or one that another story holds
        self.next_id = max(self.next_id, docid + 1)
        self.taken.add(docid)
        if article.uri:
            self.by_uri[article.uri] = docid
        self._mark_pending(docid, article.uri)
        self._insert(docid, article)
        return True

    def _free_id(self) -> int:
        """The id after the highest; if that one is SQLite's largest (a uri held it), the lowest free one."""
        if self.next_id <= MAX_DOCID:
            return self.next_id
        candidate = lowest_free_docid(self.conn, self.low_id, self.taken)
        self.low_id = candidate + 1
        return candidate

    def _insert(self, docid: int, article: IncomingArticle) -> None:
        v, t, now = article.values, self.time, self.now
        when = article.published_at or now
        dateline_at = when if "dateline_city" in v else None
        published_at = when if article.status == "published" else None
        self.rows.append((
            docid, self.section_ids[article.section], v["headline"], v.get("subheadline", ""),
            v.get("dateline_city", ""), t(dateline_at), v.get("byline", ""),
            json.dumps(v.get("keywords", []), ensure_ascii=False), self.backend.utf8_text(article.body or b""),
            article.status, article.uri,
            t(now), t(now), t(published_at), t(now) if article.trash else None,
            article.language, article.urgency, t(article.embargoed), article.wire_version,
        ))  # fmt: skip
        if article.trash:
            self.canceled.append(docid)
        else:
            self.index_rows.append((docid, article.index_row))
        self.touched.append(docid)

    def _update(self, docid: int, article: IncomingArticle) -> None:
        conn, t = self.conn, self.time
        version, published_at, trashed_at, wire_version = conn.exec_driver_sql(
            self.sql("SELECT version, published_at, trashed_at, wire_version FROM articles WHERE id = ?"), (docid,)
        ).one()
        if article.wire_version is not None and wire_version is not None and wire_version > article.wire_version:
            # A correction that arrives late must not undo the newer text already in the library.
            raise ItemRefused(f"version {article.wire_version} is older than version {wire_version}, already imported")
        conn.exec_driver_sql(self.keep_before_import, (docid,))
        changes: dict[str, Any] = dict(article.values)  # only what the item carries: an editor's additions stay
        changes.update(language=article.language, urgency=article.urgency, embargoed=t(article.embargoed))
        if article.wire_version is not None:
            changes["wire_version"] = article.wire_version
        if "keywords" in changes:
            changes["keywords"] = json.dumps(changes["keywords"], ensure_ascii=False)
        if article.body is not None:
            changes["body"] = article.body.decode("utf-8")
        if "dateline_city" in changes:
            changes["dateline_at"] = t(article.published_at or self.now)
        if article.section is not None:
            changes["section_id"] = self.section_ids[article.section]
        if article.trash:
            changes["trashed_at"] = t(self.now)
            self.canceled.append(docid)
        elif trashed_at is None or (article.status == "published" and self._trashed_by_import(docid, trashed_at)):
            # An article an editor put in the trash stays there, with its status: only its text is updated.
            changes.update(trashed_at=None, status=article.status)
            if article.status == "published" and (article.published_at or published_at is None):
                changes["published_at"] = t(article.published_at or self.now)
        changes.update(version=version + 1, updated_at=t(self.now))
        assignments = ", ".join(f"{column} = ?" for column in changes)
        # The version counter records the change and turns an editor's save of the old text into a conflict.
        done = conn.exec_driver_sql(
            self.sql(f"UPDATE articles SET {assignments} WHERE id = ? AND version = ?"),
            (*changes.values(), docid, version),
        ).rowcount
        if done != 1:
            raise LibraryError(f"Article {docid} changed while it was being imported; run the import again.")
        self._mark_pending(docid, article.uri)
        self.touched.append(docid)
        self.reindexed.append(docid)

    def _trashed_by_import(self, docid: int, trashed_at: str) -> bool:
        """Whether the article is in the trash because an import canceled it (not an editor)."""
        return bool(
            self.conn.exec_driver_sql(self.sql(_TRASHED_BY_IMPORT), (docid, CANCELED_REASON, trashed_at)).scalar()
        )

    def _mark_pending(self, docid: int, uri: str | None) -> None:
        self.pending.add(docid)
        if uri:
            self.pending.add(uri)

    def _add_words(self) -> None:
        """Adds the new articles' words to the search vocabulary.

        Splitting at spaces is cheap and a news desk repeats its words, so only the few tokens
        not seen before in this import (often with punctuation attached) are decoded and split into words.
        """
        fresh: set[bytes | str] = set()
        for _, columns in self.index_rows:
            for column in columns:
                fresh.update(column.split())
        fresh -= self.seen
        self.seen |= fresh
        words: set[str] = set()
        for token in fresh:
            words |= arabic_words(token.decode("utf-8") if isinstance(token, bytes) else token)
        add_words(self.conn, words)

    def _flush(self) -> None:
        conn = self.conn
        if self.rows:
            conn.exec_driver_sql(self.sql(_INSERT_ARTICLE), self.rows)
        if self.index_rows:
            self.backend.index_write(conn, self.index_rows)
            if self.vocabulary:
                self._add_words()
        if self.reindexed:
            reindex(conn, self.reindexed)
        if self.touched:
            conn.execute(self.keep_revisions, {"ids": self.touched, "canceled": self.canceled})
        self._reset()
