"""Keeping the FTS5 index in step with the articles: one normalized row per live article."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from workstation.richtext import body_text
from workstation.textnorm import normalize


def document(headline: str, body: str, byline: str, keywords: Iterable[str], captions: Iterable[str]) -> tuple[str, ...]:
    """The normalized columns of one article's index row."""
    return (
        normalize(headline),
        normalize(body_text(body)),
        normalize(byline),
        normalize(" ".join(keywords)),
        normalize("\n".join(captions)),
    )


_SELECT = text(
    "SELECT a.id, a.headline, a.body, a.byline, a.keywords, "
    "(SELECT group_concat(g.caption, char(10)) FROM gallery_items g WHERE g.article_id = a.id) "
    "FROM articles a WHERE a.id IN (SELECT value FROM json_each(:ids)) AND a.trashed_at IS NULL"
)


def reindex(conn: Connection, docids: Iterable[int]) -> None:
    """Rewrites the index rows of these articles from the store (trashed or deleted ones drop out)."""
    import json

    ids = sorted(set(docids))
    if not ids or conn.dialect.name != "sqlite":
        return
    payload = json.dumps(ids)
    conn.execute(text("DELETE FROM article_fts WHERE rowid IN (SELECT value FROM json_each(:ids))"), {"ids": payload})
    rows = []
    for docid, headline, body, byline, keywords, captions in conn.execute(_SELECT, {"ids": payload}):
        kw = json.loads(keywords) if isinstance(keywords, str) else (keywords or [])
        rows.append((docid, *document(headline, body, byline, kw, (captions or "").split("\n"))))
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO article_fts(rowid, headline, body, byline, keywords, captions) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
