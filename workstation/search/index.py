"""Keeping the FTS5 index in step with the articles: one normalized row per live article."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, text

from workstation.body.richtext import body_text
from workstation.library.models import LIVE
from workstation.search.textnorm import normalize
from workstation.search.vocabulary import add_words, arabic_words, vocabulary_ready


def document(
    headline: str, body: str, byline: str, keywords: Iterable[str], captions: Iterable[str]
) -> tuple[str, ...]:
    """The normalized columns of one article's index row."""
    return (
        normalize(headline),
        normalize(body_text(body)),
        normalize(byline),
        normalize(" ".join(keywords)),
        normalize("\n".join(captions)),
    )


_SELECT = (
    "SELECT a.id, a.headline, a.body, a.byline, a.keywords, "
    "(SELECT group_concat(caption, char(10)) FROM "
    "(SELECT g.caption FROM gallery_items g WHERE g.article_id = a.id ORDER BY g.position, g.id)) "
    f"FROM articles a WHERE a.{LIVE}"
)


def documents(conn: Connection, docids: Iterable[int] | None = None) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(docid, index row) for each live article, or for the live ones among `docids`."""
    if docids is None:
        rows = conn.execute(text(_SELECT))
    else:
        rows = conn.execute(
            text(_SELECT + " AND a.id IN (SELECT value FROM json_each(:ids))"), {"ids": json.dumps(sorted(set(docids)))}
        )
    for docid, headline, body, byline, keywords, captions in rows:
        kw = json.loads(keywords) if isinstance(keywords, str) else (keywords or [])
        yield docid, document(headline, body, byline, kw, (captions or "").split("\n"))


def reindex(conn: Connection, docids: Iterable[int]) -> None:
    """Rewrites the index rows of these articles from the store (trashed or deleted ones drop out)."""
    ids = sorted(set(docids))
    if not ids or conn.dialect.name != "sqlite":
        return
    conn.execute(
        text("DELETE FROM article_fts WHERE rowid IN (SELECT value FROM json_each(:ids))"), {"ids": json.dumps(ids)}
    )
    rows = [(docid, *doc) for docid, doc in documents(conn, ids)]
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO article_fts(rowid, headline, body, byline, keywords, captions) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        if vocabulary_ready(conn):
            add_words(conn, set().union(*(arabic_words(column) for row in rows for column in row[1:])))
