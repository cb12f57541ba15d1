"""SQLite's full-text search: the FTS5 statements of one query, the SQLite backend's search scope.

The index (`article_fts`, an FTS5 table whose rowid is the document id) holds the analyzed text
of each live article's columns. Every part of a query is handed to FTS5 as quoted strings (its
spellings OR-ed), so nothing a user types is read as FTS syntax; the parts arrive with their
attached forms already found (workstation.search.query).

Ranking. bm25 costs a few microseconds a match, so scoring every match of a common
word (found in tens of thousands of articles) takes over 100 ms. Document ids grow with
time and FTS5 walks them newest first cheaply, so relevance order ranks the newest
CANDIDATES matches with bm25 (headline weighted up) and lists any older matches after
them, newest first; with fewer matches than that it is plain bm25 over all of them.
A phrase is scored by its words (see `Fts5Scope._word_scores`) and counted up to TOTAL_CAP.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Connection

from workstation.library.backends import CANDIDATES, INDEX_COLUMNS, INDEX_WEIGHTS, TOTAL_CAP, QueryTerm, ranked_page

MAX_COMPLETIONS = 64  # a prefix with at most this many completions is searched as those words
# FTS5's own list of the index's words, for this connection.
INDEX_WORDS = "temp.article_vocab"
INDEX_WORDS_BETWEEN = f"SELECT term FROM {INDEX_WORDS} WHERE term >= ? AND term < ?"  # index words in a range
CREATE_INDEX_WORDS = f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_WORDS} USING fts5vocab(main, article_fts, row)"
# bm25 weights of the index columns, in their order: headline, body, byline, keywords, captions.
_WEIGHTS = ", ".join(str(INDEX_WEIGHTS[c]) for c in INDEX_COLUMNS)
# Stems spelled only with these (normalized Arabic letters, digits) are indexed as they are.
_PLAIN = re.compile(r"[\u0621-\u063A\u0641-\u064A0-9]+")
_WITHIN = "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))"


class _Part(NamedTuple):
    """A part of the query, or one word of it, as FTS5 is asked for it."""

    words: tuple[str, ...]
    prefix: bool
    spellings: tuple[tuple[str, ...], ...]


def match(term: QueryTerm) -> str:
    """The term as an FTS5 string (words hold only letters and digits, so no quoting can break)."""
    if len(term.spellings) > 1:
        return "(" + " OR ".join('"' + " ".join(words) + '"' for words in term.spellings) + ")"
    return '"' + " ".join(term.words) + '"' + (" *" if term.prefix else "")


class Fts5Scope:
    """The FTS5 statements for one query, restricted to a section when one is given."""

    def __init__(self, conn: Connection, terms: Sequence[QueryTerm], section_id: int | None):
        self.cursor = conn.connection.driver_connection.cursor()  # the driver's own: several times faster
        self.terms = terms
        self.attached = any(len(t.spellings) > 1 for t in terms)
        self.has_phrase = any(len(t.words) > 1 for t in terms)
        self._index_words = False
        self.where = "article_fts MATCH ?"
        self.params: tuple = (" AND ".join(self._fts(t) for t in terms),)
        if section_id is not None:
            # The `+` keeps SQLite from handing the id list to FTS5 as rowid lookups (one query each).
            self.where += " AND +rowid IN (SELECT id FROM articles WHERE section_id = ?)"
            self.params += (section_id,)

    def _fts(self, term: QueryTerm) -> str:
        """The term for FTS5; a one-word prefix with few completions becomes those words, OR-ed.

        FTS5 answers a prefix by merging the lists of all its completions into one, again
        for bm25 and again for the count; OR-ed words are walked as they are, which costs
        about half. The index's own vocabulary lists the completions.
        """
        stem = term.words[0]
        if not term.prefix or len(term.words) > 1 or not _PLAIN.fullmatch(stem):
            return match(term)
        completions = self._completions(stem, MAX_COMPLETIONS + 1)
        if not completions or len(completions) > MAX_COMPLETIONS:
            return match(term)
        return "(" + " OR ".join(f'"{word}"' for word in completions) + ")"

    def _completions(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` index words starting with `prefix`, in order."""
        if not self._index_words:
            self.cursor.execute(CREATE_INDEX_WORDS)
            self._index_words = True
        rows = self.cursor.execute(f"{INDEX_WORDS_BETWEEN} LIMIT ?", (prefix, prefix + "\U0010ffff", limit)).fetchall()
        return [term for (term,) in rows]

    def newest(self, limit: int, offset: int, below: int | None = None) -> list[int]:
        """Document ids of matches, newest first (below a document id when given)."""
        where, params = self.where, self.params
        if below is not None:
            where, params = where + " AND rowid < ?", params + (below,)
        sql = f"SELECT rowid FROM article_fts WHERE {where} ORDER BY rowid DESC LIMIT ? OFFSET ?"
        return [r[0] for r in self.cursor.execute(sql, (*params, limit, offset))]

    def ranked(self, limit: int, offset: int) -> tuple[list[int], int | None]:
        """A page in relevance order, and the total when the candidates were all the matches."""
        if self.has_phrase:
            newest = self.newest(CANDIDATES, 0)
            scores = self._word_scores(newest)
            candidates = [(docid, scores.get(docid, 0.0)) for docid in newest]
        else:
            sql = (
                f"SELECT rowid, bm25(article_fts, {_WEIGHTS}) FROM article_fts WHERE {self.where} "
                "ORDER BY rowid DESC LIMIT ?"
            )
            candidates = self.cursor.execute(sql, (*self.params, CANDIDATES)).fetchall()
        exact = self._exact(candidates)
        # bm25 is lower for better matches; with attached forms, the articles with the typed forms come first.
        candidates.sort(key=lambda row: (row[0] not in exact, row[1], -row[0]))
        return ranked_page(self, [row[0] for row in candidates], limit, offset)

    def _exact(self, candidates: list[tuple[int, float]]) -> set[int] | frozenset:
        """Which candidates hold every part of the query as it was typed (all of them, without attached forms)."""
        if not self.attached or not candidates:
            return frozenset()
        docids = [row[0] for row in candidates]
        sql = f"SELECT rowid FROM article_fts WHERE article_fts MATCH ? {_WITHIN}"
        typed = " AND ".join(self._fts(_Part(t.words, t.prefix, (t.words,))) for t in self.terms)
        return {r[0] for r in self.cursor.execute(sql, (typed, min(docids), max(docids), json.dumps(docids)))}

    def _word_scores(self, docids: list[int]) -> dict[int, float]:
        """bm25 of these articles with every phrase taken word by word (each word in its attached forms).

        bm25 weighs each phrase by how many articles hold it, which for a phrase of common
        words means checking word positions in most of the library (over 60 ms for two words
        found in every article); a word's count is read straight from the index.
        """
        if not docids:
            return {}
        words: list[_Part] = []
        for term in self.terms:
            for i, (word, spellings) in enumerate(zip(term.words, term.word_spellings, strict=True)):
                part = _Part((word,), term.prefix and i == len(term.words) - 1, tuple((s,) for s in spellings))
                if part not in words:
                    words.append(part)
        sql = f"SELECT rowid, bm25(article_fts, {_WEIGHTS}) FROM article_fts WHERE article_fts MATCH ? {_WITHIN}"
        params = (" AND ".join(self._fts(w) for w in words), min(docids), max(docids), json.dumps(docids))
        return dict(self.cursor.execute(sql, params).fetchall())

    def count(self) -> tuple[int, bool]:
        """How many articles match, and whether that is exact (else: at least that many).

        With a phrase, counting stops at TOTAL_CAP: past it, the position checks cost more
        than the budget of a whole search. Words and prefixes are counted to the end.
        """
        if self.has_phrase:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE {self.where} LIMIT {TOTAL_CAP})"
            total = self.cursor.execute(sql, self.params).fetchone()[0]
            return total, total < TOTAL_CAP
        sql = f"SELECT count(*) FROM article_fts WHERE {self.where}"
        return self.cursor.execute(sql, self.params).fetchone()[0], True
