"""Full-text search over the library: Arabic-normalized, ranked, with the matches marked in snippets.

The index (`article_fts`, an FTS5 table whose rowid is the document id) holds the
normalized text of each live article's headline, body, byline, keywords and captions;
`workstation.search.index` keeps it in step. On a server library the same words are a
weighted tsvector, matched by the backend's scope (workstation.library.backends.postgresql)
with the same attached forms, so both find the same articles. A query is normalized the same way, split
into words, "quoted phrases" and prefixes (`word*`), and every part is required. Each
part is handed to FTS5 as a quoted string, so nothing a user types is read as FTS syntax.

Ranking. bm25 costs a few microseconds a match, so scoring every match of a common
word (found in tens of thousands of articles) takes over 100 ms. Document ids grow with
time and FTS5 walks them newest first cheaply, so relevance order ranks the newest
CANDIDATES matches with bm25 (headline weighted up) and lists any older matches after
them, newest first; with fewer matches than that it is plain bm25 over all of them.
A phrase is scored by its words (see `_Scope._word_scores`) and counted up to TOTAL_CAP.

Snippets are cut from the article's own text, not the normalized index text, so the
editor sees the spelling that was written: a snippet is HTML, the text escaped and each
match wrapped in <mark>…</mark>, with "…" where the text was cut.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import text as sql

from workstation.errors import no_such_section
from workstation.library.backends import CANDIDATES, INDEX_COLUMNS, INDEX_WEIGHTS, TOTAL_CAP, fold_accents
from workstation.library.backends import WORD as _WORD
from workstation.library.store import Library
from workstation.search.analyzer import is_form, vocabulary_keys
from workstation.search.hits import Hit, hits
from workstation.search.textnorm import normalize
from workstation.search.vocabulary import VOCABULARY_TABLE, Vocabulary

ORDERS = ("relevance", "newest")
MIN_PREFIX = 3  # letters before a `*`: shorter prefixes match most of an Arabic library
MAX_COMPLETIONS = 64  # a prefix with at most this many completions is searched as those words
# bm25 weights of the index columns: headline, body, byline, keywords, captions.
WEIGHTS = tuple(INDEX_WEIGHTS[c] for c in INDEX_COLUMNS)
_WEIGHTS = ", ".join(map(str, WEIGHTS))
__all__ = ["CANDIDATES", "TOTAL_CAP", "Hit", "SearchResult", "Term", "parse_query", "search"]
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_PART = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')
# Stems spelled only with these (normalized Arabic letters, digits) are indexed as they are.
_PLAIN = re.compile(r"[\u0621-\u063A\u0641-\u064A0-9]+")


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, best (or newest) first, and how many articles match in all.

    `total` is exact unless `total_exact` is False: a phrase of common words is counted
    up to TOTAL_CAP matches only, and then there are at least `total`.
    """

    query: str
    total: int
    hits: list[Hit]
    total_exact: bool = True

    def as_json(self) -> dict:
        """The result as the CLI's `search --json` prints it (docs/cli.md)."""
        return {"query": self.query, "total": self.total,
                "hits": [h.as_json() for h in self.hits]}  # fmt: skip


@dataclass(frozen=True)
class Term:
    """One required part of a query: a word or a phrase, whose last word may be a prefix.

    `forms` are the spellings searched for, when they are more than the words as typed: the
    attached forms of a word (`مطار`, `بالمطار`, `مطارات` …) or of a phrase, the typed one first.
    """

    words: tuple[str, ...]
    prefix: bool
    forms: tuple[tuple[str, ...], ...] = ()
    literal: bool = False  # a quoted single word: searched as typed, without attached forms

    @property
    def spellings(self) -> tuple[tuple[str, ...], ...]:
        """Every spelling the part is found as, the typed one first."""
        return self.forms or (self.words,)

    def fts(self) -> str:
        """The part as an FTS5 string (words hold only letters and digits, so no quoting can break)."""
        if len(self.spellings) > 1:
            return "(" + " OR ".join('"' + " ".join(words) + '"' for words in self.spellings) + ")"
        return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")

    def exact(self) -> Term:
        """The part as typed, without its attached forms."""
        return Term(self.words, self.prefix)

    def finder(self) -> re.Pattern:
        """A regular expression finding the part in normalized, folded text (see `_spans`)."""
        spellings = sorted(self.spellings, key=lambda words: -sum(map(len, words)))
        choices = [r"[\W_]+".join(re.escape(fold_accents(w)) for w in words) for words in spellings]
        # Literal first, so the regex engine can scan fast; the start of a word is checked after.
        tail = r"[^\W_]*" if self.prefix else r"(?![^\W_])"
        cased = any(c.lower() != c.upper() for c in choices)
        body = choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"
        return re.compile(body + tail, re.IGNORECASE if cased else 0)


def parse_query(query: str) -> list[Term]:
    """The required parts of a query; ValueError, naming the input, when nothing can be searched."""
    terms: list[Term] = []
    for match in _PART.finditer(query):
        phrase, star, bare = match.groups()
        chunk = phrase if bare is None else bare
        words = tuple(_WORD.findall(normalize(chunk)))
        prefix = bool(star) if bare is None else bare.endswith("*")
        if not words:
            continue
        if prefix and len(words[-1]) < MIN_PREFIX:
            raise ValueError(f"'{match.group(0)}': a prefix search needs at least {MIN_PREFIX} letters before the *.")
        term = Term(words, prefix, literal=bare is None and len(words) == 1)
        if term not in terms:
            terms.append(term)
    if not terms:
        raise ValueError(f"Nothing to search for in '{query}': type at least one word.")
    return terms


def search(
    library: Library,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    order: str = "relevance",
    section: str | None = None,
) -> SearchResult:
    """A page of the live articles matching every part of `query`, ranked or newest first."""
    if order not in ORDERS:
        raise ValueError(f"Search order must be one of {', '.join(ORDERS)}, not '{order}'.")
    if limit < 1 or offset < 0:
        raise ValueError(
            f"Cannot show {limit} hits from hit {offset}: the limit must be 1 or more, the offset 0 or more."
        )
    terms = parse_query(query)
    with library.engine.connect() as conn:
        section_id = _section_id(conn, section)
        if library.is_sqlite:  # FTS5, on the driver's own cursor (several times faster)
            scope = _Scope(conn.connection.driver_connection.cursor(), terms, section_id)
        else:
            vocabulary = _TableVocabulary(conn)
            scope = library.backend.search_scope(conn, [with_forms(vocabulary, t) for t in terms], section_id)
        if order == "newest":
            docids = scope.newest(limit, offset)
            total = offset + len(docids) if docids and len(docids) < limit else None
        else:
            docids, total = scope.ranked(limit, offset)
        exact = True
        if total is None:
            total, exact = scope.count()
        found = hits(conn, docids, [t.finder() for t in scope.terms])
    return SearchResult(query, total, found, exact)


# -- finding the matches ---------------------------------------------------------------------------
def with_forms(vocabulary: Vocabulary, term: Term) -> Term:
    """The term with the attached forms of its word (or its phrase's edges) that the index holds."""
    if term.prefix or term.literal:
        return term
    if len(term.words) == 1:
        forms = tuple((w,) for w in vocabulary.word_forms(term.words[0]))
    else:
        forms = vocabulary.phrase_forms(term.words)
    return Term(term.words, term.prefix, forms) if len(forms) > 1 else term


class _TableVocabulary(Vocabulary):
    """The index words of a server library, from its vocabulary table (kept by every save and import)."""

    def __init__(self, conn):
        super().__init__(None)
        self.conn = conn
        self._ready = self._words_table = True

    def _starting(self, prefix: str) -> list[str]:
        return self._starting_any([prefix])

    def _starting_any(self, prefixes: list[str]) -> list[str]:
        """Index words starting with any of the prefixes, in one round trip to the server."""
        ranges = " OR ".join(f"(term >= :a{i} AND term < :b{i})" for i in range(len(prefixes)))
        params = {f"a{i}": p for i, p in enumerate(prefixes)} | {
            f"b{i}": p + "\U0010ffff" for i, p in enumerate(prefixes)
        }
        return list(self.conn.execute(sql(f"SELECT term FROM {VOCABULARY_TABLE} WHERE {ranges}"), params).scalars())

    def forms(self, word: str) -> list[str]:
        """As Vocabulary.forms, with the prefixes looked up together."""
        if not _ARABIC_LETTER.search(word):
            return []
        if word not in self._forms:
            found = {term for term in self._starting_any(sorted(set(vocabulary_keys(word)))) if is_form(term, word)}
            self._forms[word] = sorted(found, key=lambda term: (len(term), term))
        return self._forms[word]


class _Scope:
    """The FTS5 statements for one query, restricted to a section when one is given."""

    def __init__(self, cursor, terms: list[Term], section_id: int | None):
        self.cursor = cursor
        self.vocabulary = Vocabulary(cursor)
        self.terms = [self._with_forms(t) for t in terms]
        self.attached = self.terms != terms
        self.has_phrase = any(len(t.words) > 1 for t in terms)
        self.where = "article_fts MATCH ?"
        self.params: tuple = (" AND ".join(self._fts(t) for t in self.terms),)
        if section_id is not None:
            # The `+` keeps SQLite from handing the id list to FTS5 as rowid lookups (one query each).
            self.where += " AND +rowid IN (SELECT id FROM articles WHERE section_id = ?)"
            self.params += (section_id,)

    def _with_forms(self, term: Term) -> Term:
        return with_forms(self.vocabulary, term)

    def _fts(self, term: Term) -> str:
        """The term for FTS5; a one-word prefix with few completions becomes those words, OR-ed.

        FTS5 answers a prefix by merging the lists of all its completions into one, again
        for bm25 and again for the count; OR-ed words are walked as they are, which costs
        about half. The index's own vocabulary lists the completions.
        """
        stem = term.words[0]
        if not term.prefix or len(term.words) > 1 or not _PLAIN.fullmatch(stem):
            return term.fts()
        completions = self.vocabulary.completions(stem, MAX_COMPLETIONS + 1)
        if not completions or len(completions) > MAX_COMPLETIONS:
            return term.fts()
        return "(" + " OR ".join(f'"{word}"' for word in completions) + ")"

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
        docids = [row[0] for row in candidates[offset : offset + limit]]
        if len(candidates) < CANDIDATES:
            return docids, len(candidates)
        if len(docids) < limit:  # past the ranked candidates: the older matches, newest first
            oldest = min(row[0] for row in candidates)
            docids += self.newest(limit - len(docids), max(0, offset - CANDIDATES), below=oldest)
        return docids, None

    def _exact(self, candidates: list[tuple[int, float]]) -> set[int] | frozenset:
        """Which candidates hold every part of the query as it was typed (all of them, without attached forms)."""
        if not self.attached or not candidates:
            return frozenset()
        docids = [row[0] for row in candidates]
        sql = (
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))"
        )
        match = " AND ".join(self._fts(t.exact()) for t in self.terms)
        return {r[0] for r in self.cursor.execute(sql, (match, min(docids), max(docids), json.dumps(docids)))}

    def _word_scores(self, docids: list[int]) -> dict[int, float]:
        """bm25 of these articles with every phrase taken word by word.

        bm25 weighs each phrase by how many articles hold it, which for a phrase of common
        words means checking word positions in most of the library (over 60 ms for two words
        found in every article); a word's count is read straight from the index.
        """
        if not docids:
            return {}
        words: list[Term] = []
        for term in self.terms:
            for i, word in enumerate(term.words):
                part = Term((word,), term.prefix and i == len(term.words) - 1)
                if not part.prefix:
                    part = self._with_forms(part)
                if part not in words:
                    words.append(part)
        sql = (
            f"SELECT rowid, bm25(article_fts, {_WEIGHTS}) FROM article_fts WHERE article_fts MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))"
        )
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


def _section_id(conn, slug: str | None) -> int | None:
    if slug is None:
        return None
    row = conn.execute(sql("SELECT id FROM sections WHERE slug = :s"), {"s": slug}).first()
    if row is None:
        raise no_such_section(slug)
    return row[0]
