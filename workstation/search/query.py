"""Full-text search over the library: Arabic-normalized, ranked, with the matches marked in snippets.

The index holds the normalized text of each live article's headline, body, byline, keywords
and captions; `workstation.search.index` keeps it in step, and the library's backend stores and
queries it (FTS5 on SQLite, a weighted tsvector on PostgreSQL). A query is normalized the same
way, split into words, "quoted phrases" and prefixes (`word*`), and every part is required.
Each word is looked for in its attached forms that the index holds (workstation.search.vocabulary),
found here for every backend alike, so both find the same articles.

Relevance order ranks the newest CANDIDATES matches (headline weighted up, the articles holding
the words as typed first) and lists any older matches after them, newest first; a phrase is
counted up to TOTAL_CAP (both in workstation.library.backends).

Snippets are cut from the article's own text, not the normalized index text, so the
editor sees the spelling that was written: a snippet is HTML, the text escaped and each
match wrapped in <mark>…</mark>, with "…" where the text was cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text as sql

from workstation.errors import no_such_section
from workstation.library.backends import WORD as _WORD
from workstation.library.backends import fold_accents
from workstation.library.store import Library
from workstation.search.hits import Hit, hits
from workstation.search.textnorm import normalize
from workstation.search.vocabulary import Vocabulary

ORDERS = ("relevance", "newest")
MIN_PREFIX = 3  # letters before a `*`: shorter prefixes match most of an Arabic library
__all__ = ["Hit", "SearchResult", "Term", "parse_query", "search"]
_PART = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')


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
    `word_forms` are those of each word on its own (a backend may rank a phrase word by word).
    """

    words: tuple[str, ...]
    prefix: bool
    forms: tuple[tuple[str, ...], ...] = ()
    literal: bool = False  # a quoted single word: searched as typed, without attached forms
    word_forms: tuple[tuple[str, ...], ...] = ()

    @property
    def spellings(self) -> tuple[tuple[str, ...], ...]:
        """Every spelling the part is found as, the typed one first."""
        return self.forms or (self.words,)

    @property
    def word_spellings(self) -> tuple[tuple[str, ...], ...]:
        """Each word's spellings on its own: the word first, then its attached forms (a prefix only as typed)."""
        return self.word_forms or tuple((w,) for w in self.words)

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
        vocabulary = Vocabulary(conn)
        terms = [with_forms(vocabulary, t) for t in terms]
        scope = library.backend.search_scope(conn, terms, section_id)
        if order == "newest":
            docids = scope.newest(limit, offset)
            total = offset + len(docids) if docids and len(docids) < limit else None
        else:
            docids, total = scope.ranked(limit, offset)
        exact = True
        if total is None:
            total, exact = scope.count()
        found = hits(conn, docids, [t.finder() for t in terms])
    return SearchResult(query, total, found, exact)


# -- finding the matches ---------------------------------------------------------------------------
def with_forms(vocabulary: Vocabulary, term: Term) -> Term:
    """The term with the attached forms that the index holds: of its word (or its phrase's edges),
    unless it is a prefix or quoted, and of each of its words on its own."""
    last = len(term.words) - 1
    each = tuple((w,) if term.prefix and i == last else vocabulary.word_forms(w) for i, w in enumerate(term.words))
    forms: tuple[tuple[str, ...], ...] = ()
    if not (term.prefix or term.literal):
        if len(term.words) == 1:
            forms = tuple((w,) for w in each[0])
        else:
            forms = vocabulary.phrase_forms(term.words)
    if len(forms) > 1:
        return Term(term.words, term.prefix, forms, word_forms=each)
    return Term(term.words, term.prefix, literal=term.literal, word_forms=each)


def _section_id(conn, slug: str | None) -> int | None:
    if slug is None:
        return None
    row = conn.execute(sql("SELECT id FROM sections WHERE slug = :s"), {"s": slug}).first()
    if row is None:
        raise no_such_section(slug)
    return row[0]
