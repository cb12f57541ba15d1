"""Keeping the search index in step with the articles: one normalized row per live article.

The library's backend stores the rows (an FTS5 table on SQLite, a tsvector on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, bindparam, text

from workstation.body.richtext import body_text
from workstation.library.backends import backend_for
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


_SELECT = f"SELECT a.id, a.headline, a.body, a.byline, a.keywords FROM articles a WHERE a.{LIVE}"
_CAPTIONS = "SELECT article_id, caption FROM gallery_items"
_ORDER = " ORDER BY article_id, position, id"


def documents(conn: Connection, docids: Iterable[int] | None = None) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(docid, index row) for each live article, or for the live ones among `docids`."""
    ids = {"ids": sorted(set(docids))} if docids is not None else {}
    where = " WHERE article_id IN :ids" if docids is not None else ""
    captions: dict[int, list[str]] = {}
    for docid, caption in conn.execute(_in(_CAPTIONS + where + _ORDER, ids), ids):
        captions.setdefault(docid, []).append(caption)
    where = " AND a.id IN :ids" if docids is not None else " ORDER BY a.id"
    rows = conn.execute(_in(_SELECT + where, ids), ids)
    for docid, headline, body, byline, keywords in rows:
        kw = json.loads(keywords) if isinstance(keywords, str) else (keywords or [])
        yield docid, document(headline, body, byline, kw, captions.get(docid, [""]))


def _in(sql: str, ids: dict):
    return text(sql).bindparams(bindparam("ids", expanding=True)) if ids else text(sql)


def reindex(conn: Connection, docids: Iterable[int]) -> None:
    """Rewrites the index rows of these articles from the store (trashed or deleted ones drop out)."""
    ids = sorted(set(docids))
    if not ids:
        return
    backend = backend_for(conn.dialect.name)
    backend.index_delete(conn, ids)
    rows = list(documents(conn, ids))
    backend.index_write(conn, rows)
    if rows and vocabulary_ready(conn):
        add_words(conn, set().union(*(arabic_words(column) for _, columns in rows for column in columns)))
