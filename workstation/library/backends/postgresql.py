"""A library on a PostgreSQL server (psycopg 3): a tsvector index with GIN, LISTEN/NOTIFY for live changes.

The index (`article_search`) holds one tsvector an article, built here from the same analyzed
columns the SQLite index stores, word for word as FTS5's tokenizer splits them (runs of
letters and digits, case and Latin accents folded), each word with its position and the
weight of its column: headline A, keywords B, byline and captions C, body D. The columns are
laid out one after the other with a gap, so a phrase never runs from one into the next,
and a query is written as a tsquery literal of the same words: PostgreSQL's own parser and
dictionaries are never involved, so both backends find the same articles.

Beside it, `pairs` holds each two words that follow each other (`word_next`), with a GIN index of
its own: a two-word phrase is found there outright, and a longer one is narrowed to the articles
holding all its pairs before its positions are read. Without it every article holding both
words has its tsvector read and checked (a quarter of a second for a phrase of two common
words in 100,000 articles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Engine, bindparam, event, text

from workstation.library.backends import (
    CANDIDATES,
    INDEX_COLUMNS,
    INDEX_WEIGHTS,
    TOTAL_CAP,
    WORD,
    NoBulkIndex,
    QueryTerm,
    fold_accents,
    ranked_page,
)
from workstation.library.backends.changelog import PostgresFeed
from workstation.library.urls import keepalive_options

WRITE_LOCK_KEY = 0x57534C4B  # any constant the library's writers agree on
MAX_POSITION = 16383  # PostgreSQL keeps word positions up to this one
MAX_POSITIONS = 255  # positions kept a word
MAX_WORD_BYTES = 2047  # PostgreSQL refuses a longer word; the index leaves it out, as to_tsvector does
NEVER_INDEXED = "_"  # a token no column holds: words have no underscore, and pairs have words on both sides
# Columns in the order they are laid out in the tsvector, with their weight letter.
_LAYOUT = (("headline", "A"), ("keywords", "B"), ("byline", "C"), ("captions", "C"), ("body", "D"))
_COLUMN_AT = {name: INDEX_COLUMNS.index(name) for name, _ in _LAYOUT}
# ts_rank's weights array is {D, C, B, A}, relative to the headline's.
_TOP = INDEX_WEIGHTS["headline"]
_RANK_WEIGHTS = "{" + ", ".join(str(INDEX_WEIGHTS[c] / _TOP) for c in ("body", "byline", "keywords", "headline")) + "}"

_SNAPSHOT = (
    "json_build_object("
    " 'section', (SELECT slug FROM sections WHERE id = a.section_id),"
    " 'headline', a.headline, 'subheadline', a.subheadline, 'dateline_city', a.dateline_city,"
    " 'dateline_at', CASE WHEN a.dateline_at IS NULL THEN NULL"
    "   WHEN extract(microseconds FROM a.dateline_at)::bigint % 1000000 <> 0"
    "   THEN to_char(a.dateline_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
    "   ELSE to_char(a.dateline_at, 'YYYY-MM-DD\"T\"HH24:MI:SS') END,"
    " 'dateline_agency', a.dateline_agency, 'byline', a.byline, 'source_title', a.source_title,"
    " 'keywords', a.keywords, 'body', a.body, 'status', a.status,"
    " 'related', (SELECT coalesce(json_agg(r.related_id ORDER BY r.position), '[]'::json)"
    "   FROM related_links r WHERE r.article_id = a.id))"
)


def _token(word: str) -> str:
    return fold_accents(word.lower())


_ALWAYS_FITS = MAX_WORD_BYTES // 4  # characters: a character is at most 4 bytes


def _fits(word: str) -> bool:
    """Whether PostgreSQL takes the word (most are short enough not to be encoded to know)."""
    return len(word) <= _ALWAYS_FITS or len(word.encode()) <= MAX_WORD_BYTES


def _query_word(word: str) -> str:
    """A query's word as the index keeps it; one the index cannot hold (too long) becomes a token that
    is never in it, so the query finds nothing rather than failing."""
    return word if _fits(word) else NEVER_INDEXED


def index_literals(columns: Sequence[str | bytes]) -> tuple[str, str]:
    """The tsvector of an article's analyzed index columns (in INDEX_COLUMNS order), and the tsvector
    of its word pairs (two kept positions next to each other in one column), as PostgreSQL reads them."""
    positions: dict[str, list[str]] = {}
    pairs: dict[str, None] = {}
    at = 0
    for name, weight in _LAYOUT:
        value = columns[_COLUMN_AT[name]]
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        before = None  # the word kept at the position before, if any
        for word in WORD.findall(value or ""):
            at += 1
            token = _token(word)
            if len(token) > _ALWAYS_FITS and not _fits(token):
                before = None
                continue
            kept = positions.setdefault(token, [])
            if len(kept) < MAX_POSITIONS and at <= MAX_POSITION:
                kept.append(f"{at}{weight}")
                if before is not None:
                    pair = f"{before}_{token}"
                    if len(pair) <= _ALWAYS_FITS or _fits(pair):
                        pairs[pair] = None
                before = token
            else:
                before = None
        at += 1  # a phrase never spans two columns
    # Words are runs of letters and digits: no quote, backslash or underscore to escape.
    doc = " ".join(f"'{word}':{','.join(p)}" if p else f"'{word}'" for word, p in positions.items())
    return doc, " ".join(f"'{pair}'" for pair in pairs)


def pairs_literal(terms: Sequence[QueryTerm]) -> str:
    """The word pairs each phrase needs, any spelling of it, as a tsquery of the `pairs` column."""
    parts = []
    for term in terms:
        spellings = []
        for words in term.spellings:
            tokens = [_token(w) for w in words]
            pairs = [f"'{_query_word(f'{a}_{b}')}'" for a, b in zip(tokens, tokens[1:], strict=False)]
            if term.prefix:
                pairs[-1] += ":*"
            spellings.append(" & ".join(pairs))
        parts.append("(" + " | ".join(spellings) + ")")
    return " & ".join(parts)


def tsquery_literal(terms: Sequence[QueryTerm], exact: bool = False) -> str:
    """Every term required, as any of its spellings (only as typed with `exact`); a phrase's words
    next to each other; a prefix as `:*`."""
    parts = []
    for term in terms:
        spellings = []
        for words in (term.words,) if exact else term.spellings:
            quoted = [f"'{_query_word(_token(w))}'" for w in words]
            if term.prefix:
                quoted[-1] += ":*"
            spellings.append(" <-> ".join(quoted))
        parts.append("(" + " | ".join(spellings) + ")")
    return " & ".join(parts)


class PostgresBackend:
    """PostgreSQL: many writers, full-text search with tsvector and GIN, notifications."""

    name = "postgresql"
    snapshot_sql = _SNAPSHOT
    distinct = "IS DISTINCT FROM"

    def prepare(self, engine: Engine, editor: str) -> None:
        """Each connection says who is writing (the change triggers put the name in every notification),
        and gives up on a server that falls silent."""

        def on_connect(dbapi_conn, _record) -> None:
            autocommit = dbapi_conn.autocommit
            dbapi_conn.autocommit = True
            dbapi_conn.execute("SELECT set_config('workstation.editor', %s, false)", (editor,))
            dbapi_conn.autocommit = autocommit

        def on_do_connect(_dialect, _record, _cargs, cparams) -> None:
            cparams.update(keepalive_options(cparams))

        event.listen(engine, "do_connect", on_do_connect)
        event.listen(engine, "connect", on_connect)

    def change_feed(self, engine: Engine) -> PostgresFeed:
        """LISTENs for the triggers' notifications."""
        return PostgresFeed(engine)

    def begin_write(self, conn: Connection) -> None:
        """Nothing to do: the first statement begins the transaction; rows lock as they are written."""
        conn.exec_driver_sql("SELECT 1")

    def lock_writes(self, conn: Connection) -> None:
        """A transaction-level advisory lock that every writer of the library takes."""
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    def begin_snapshot(self, conn: Connection) -> None:
        """REPEATABLE READ, READ ONLY: every statement of the transaction sees the same snapshot."""
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    def after_explicit_ids(self, conn: Connection, tables: Sequence[str]) -> None:
        """Moves each table's id sequence past the ids written into it."""
        for table in tables:
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            )

    def driver_sql(self, statement: str) -> str:
        """psycopg takes `%s` (statements here hold no literal %)."""
        return statement.replace("%", "%%").replace("?", "%s")

    def utf8_text(self, data: bytes) -> str:
        """The text: psycopg would send bytes as bytea."""
        return data.decode("utf-8")

    # -- the search index ------------------------------------------------------------------------
    def index_write(self, conn: Connection, rows: Sequence[tuple[int, Sequence[str]]]) -> None:
        """One tsvector an article."""
        if rows:
            literals = [(docid, *index_literals(columns)) for docid, columns in rows]
            conn.execute(
                text("INSERT INTO article_search (id, doc, pairs) VALUES "
                     "(:id, CAST(:doc AS tsvector), CAST(:pairs AS tsvector))"),
                [{"id": docid, "doc": doc, "pairs": pairs} for docid, doc, pairs in literals],
            )  # fmt: skip

    def index_delete(self, conn: Connection, docids: Sequence[int]) -> None:
        """Deletes by document id."""
        conn.execute(
            text("DELETE FROM article_search WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)),
            {"ids": list(docids)},
        )

    def index_drift(self, conn: Connection, expected: Iterable[tuple[int, Sequence[str]]]) -> list[str]:
        """Compares each stored tsvector with the one the article gives, a batch at a time on the server."""
        stored = set(conn.execute(text("SELECT id FROM article_search")).scalars())
        problems: list[str] = []
        batch: list[dict] = []

        def check() -> None:
            differ = conn.execute(
                text(
                    "SELECT e.id FROM json_to_recordset(CAST(:rows AS json)) AS e(id bigint, doc text, pairs text) "
                    "LEFT JOIN article_search s ON s.id = e.id WHERE s.doc IS NULL "
                    "OR s.doc <> CAST(e.doc AS tsvector) OR s.pairs <> CAST(e.pairs AS tsvector) ORDER BY e.id"
                ),
                {"rows": _json(batch)},
            ).scalars()
            problems.extend(f"search index: article {docid} is missing or out of date" for docid in differ)
            batch.clear()

        for docid, columns in expected:
            stored.discard(docid)
            doc, pairs = index_literals(columns)
            batch.append({"id": docid, "doc": doc, "pairs": pairs})
            if len(batch) >= 500:
                check()
        if batch:
            check()
        return problems + [
            f"search index: holds article {docid}, which is deleted or in the trash" for docid in sorted(stored)
        ]

    def index_problems(self, conn: Connection) -> list[str]:
        """Rows pointing at missing rows (the server keeps its own files sound)."""
        problems = []
        for table, column, target in (("gallery_items", "article_id", "articles"),
                                      ("gallery_items", "photo_sha256", "photos"),
                                      ("related_links", "related_id", "articles")):  # fmt: skip
            key = "sha256" if target == "photos" else "id"
            missing = conn.execute(
                text(
                    f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM {target} x WHERE x.{key} = t.{column})"
                )
            ).scalar()
            if missing:
                problems.append(f"database: a row of {table} points at a missing row of {target}")
        return problems

    def bulk_index(self, conn: Connection) -> _Analyze:
        """Nothing to tune while writing (GIN's pending list takes the batches); the planner's
        statistics renewed at the end, so searches use the index at once."""
        return _Analyze(conn)

    def search_scope(self, conn: Connection, terms: Sequence[QueryTerm], section_id: int | None) -> _Scope:
        """The tsquery statements of a query."""
        return _Scope(conn, terms, section_id)


class _Analyze(NoBulkIndex):
    def __init__(self, conn: Connection):
        self.conn = conn

    def __exit__(self, *exc) -> None:
        self.conn.rollback()
        self.conn.exec_driver_sql("ANALYZE articles, article_search, search_vocabulary")
        self.conn.commit()


def _json(rows: list[dict]) -> str:
    import json

    return json.dumps(rows, ensure_ascii=False)


class _Scope:
    """The statements for one query, restricted to a section when one is given."""

    def __init__(self, conn: Connection, terms: Sequence[QueryTerm], section_id: int | None):
        self.conn = conn
        # The matches come from the GIN indexes, never from reading the table's tsvectors one by one:
        # the planner would read them all for a word found in most articles (a scan of the table),
        # or newest first until enough match (the id's index), which for a rare word is every
        # article again. The indexes answer either in a few milliseconds. For this search's transaction only.
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        self.terms = terms
        self.attached = any(len(t.spellings) > 1 for t in terms)
        self.has_phrase = any(len(t.words) > 1 for t in terms)
        # A two-word phrase is one pair; longer ones need their positions checked too.
        in_doc = [t for t in terms if len(t.words) != 2]
        phrases = [t for t in terms if len(t.words) > 1]
        where = ["s.doc @@ CAST(:q AS tsquery)"] if in_doc else []
        where += ["s.pairs @@ CAST(:pairs AS tsquery)"] if phrases else []
        self.where = " AND ".join(where)
        self.params: dict = {"q": tsquery_literal(in_doc), "pairs": pairs_literal(phrases)}
        if section_id is not None:
            self.where += " AND s.id IN (SELECT id FROM articles WHERE section_id = :section)"
            self.params["section"] = section_id

    def newest(self, limit: int, offset: int, below: int | None = None) -> list[int]:
        """Document ids of matches, newest first (below a document id when given)."""
        where, params = self.where, dict(self.params, limit=limit, offset=offset)
        if below is not None:
            where, params["below"] = where + " AND s.id < :below", below
        sql = f"SELECT s.id FROM article_search s WHERE {where} ORDER BY s.id DESC LIMIT :limit OFFSET :offset"
        return list(self.conn.execute(text(sql), params).scalars())

    def ranked(self, limit: int, offset: int) -> tuple[list[int], int | None]:
        """A page in relevance order (ts_rank, the headline weighted up) of the newest CANDIDATES matches.

        The newest matches are found from the index first; only they are ranked (a tsvector is read
        from the table to be ranked: a word found in most articles would otherwise have every one read).
        With attached forms, the articles holding the forms as typed come first (as on SQLite)."""
        exact = "CAST(:exact AS tsquery)" if self.attached else "NULL"
        sql = (
            f"SELECT s.id, ts_rank('{_RANK_WEIGHTS}', s.doc, CAST(:rank AS tsquery), 1), s.doc @@ {exact} "
            f"FROM article_search s WHERE s.id IN (SELECT s.id FROM article_search s WHERE {self.where} "
            "ORDER BY s.id DESC LIMIT :limit)"
        )
        params = dict(self.params, limit=CANDIDATES, rank=tsquery_literal(self.terms))
        if self.attached:
            params["exact"] = tsquery_literal(self.terms, exact=True)
        candidates = [tuple(r) for r in self.conn.execute(text(sql), params)]
        candidates.sort(key=lambda row: (not row[2], -row[1], -row[0]))
        return ranked_page(self, [row[0] for row in candidates], limit, offset)

    def count(self) -> tuple[int, bool]:
        """How many articles match; a phrase is counted up to TOTAL_CAP, as on SQLite."""
        if self.has_phrase:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM article_search s WHERE {self.where} LIMIT {TOTAL_CAP}) m"
            total = self.conn.execute(text(sql), self.params).scalar()
            return total, total < TOTAL_CAP
        return self.conn.execute(
            text(f"SELECT count(*) FROM article_search s WHERE {self.where}"), self.params
        ).scalar(), True
