"""The attached forms of a query word that a library's index actually holds.

The index keeps each word as the text writes it (normalized), so `مطار` and `بالمطار` are two
index words. A query word is searched as every index word the analyzer (workstation.search.analyzer)
takes for a form of it, looked up under the prefixes the analyzer gives. The index's words are
listed in a table of their own (below), which an older SQLite library gets built once when it is
opened (`prepare_search`); until then FTS5's `fts5vocab` lists them, more slowly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, text

from workstation.errors import Progress
from workstation.library.backends import backend_for
from workstation.library.backends.fts5 import CREATE_INDEX_WORDS, INDEX_WORDS, INDEX_WORDS_BETWEEN
from workstation.library.store import Library
from workstation.search.analyzer import PROCLITICS, PRONOUNS, SUFFIXES, is_form, vocabulary_keys

MAX_FORMS = 64  # index words a query word is searched as: the exact form and the shortest others
MAX_PHRASES = 32  # spellings of a phrase (forms of its first word × forms of its last)
_ARABIC = re.compile(r"[\u0621-\u064A]")


# -- the index's vocabulary -----------------------------------------------------------------------
# The Arabic words the index holds, kept in a plain table beside the index (on either backend) so a
# query word's attached forms are found by prefix without FTS5's fts5vocab, which reads the whole
# list of articles of every word it passes (tens of milliseconds under a common prefix such as من).
# A word may outlive the last article holding it: searching for it then finds nothing.
VOCABULARY_TABLE = "search_vocabulary"
VOCABULARY_VERSION = "1"  # the settings key `search_vocabulary` holds the version the table was built by
_VOCABULARY_KEY = "search_vocabulary"
_ARABIC_WORD = re.compile(r"(?<![^\W_])[\u0621-\u063A\u0641-\u064A]{2,}(?![^\W_])")
# The first letters under which the vocabulary is filled, a step of progress each.
_FIRST_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]


def arabic_words(text_: str) -> set[str]:
    """The Arabic words (as the index splits them) of normalized text."""
    return set(_ARABIC_WORD.findall(text_))


def add_words(conn: Connection, words: Iterable[str]) -> None:
    """Adds words to the vocabulary (those it has already are left)."""
    rows = [(w,) for w in words]
    if rows:
        sql = backend_for(conn.dialect.name).driver_sql(
            f"INSERT INTO {VOCABULARY_TABLE} (term) VALUES (?) ON CONFLICT DO NOTHING"
        )
        conn.exec_driver_sql(sql, rows)


def vocabulary_ready(conn: Connection) -> bool:
    """Whether the library's vocabulary table was built by this version (always True off SQLite)."""
    if conn.dialect.name != "sqlite":
        return True
    found = conn.exec_driver_sql("SELECT value FROM settings WHERE key = ?", (_VOCABULARY_KEY,)).scalar()
    return found == VOCABULARY_VERSION


def build_vocabulary(conn: Connection, progress: Progress | None = None) -> None:
    """Fills the vocabulary table from the index (in the caller's transaction), letter by letter."""
    conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {VOCABULARY_TABLE} (term TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.exec_driver_sql(f"DELETE FROM {VOCABULARY_TABLE}")
    conn.exec_driver_sql(CREATE_INDEX_WORDS)
    for done, letter in enumerate(_FIRST_LETTERS):
        if progress is not None:
            progress(done, len(_FIRST_LETTERS), letter)
        words = conn.exec_driver_sql(INDEX_WORDS_BETWEEN, (letter, chr(ord(letter) + 1))).scalars()
        add_words(conn, (w for w in words if _ARABIC_WORD.fullmatch(w)))
    conn.execute(
        text("INSERT OR REPLACE INTO settings (key, value) VALUES (:k, :v)"),
        {"k": _VOCABULARY_KEY, "v": VOCABULARY_VERSION},
    )
    if progress is not None:
        progress(len(_FIRST_LETTERS), len(_FIRST_LETTERS), "")


def prepare_search(library: Library, progress: Progress | None = None) -> bool:
    """Builds the search vocabulary of a library that an older version indexed; True when it had to.

    Cheap when there is nothing to do (one setting read), so every way of opening a library calls it.
    """
    if not library.is_sqlite:
        return False
    with library.engine.connect() as conn:
        if vocabulary_ready(conn):
            return False
    with library.engine.begin() as conn:
        build_vocabulary(conn, progress)
    return True


class Vocabulary:
    """Index words by prefix, for one search (on the search's connection, either backend)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._source: str | None = None
        self._forms: dict[str, list[str]] = {}

    def _starting_any(self, prefixes: list[str]) -> list[str]:
        """Index words starting with any of the prefixes: from the vocabulary table in one statement
        (one round trip to a server), or from FTS5 itself before the table is built."""
        if self._source is None:
            self._source = VOCABULARY_TABLE
            if not vocabulary_ready(self.conn):
                self.conn.exec_driver_sql(CREATE_INDEX_WORDS)
                self._source = INDEX_WORDS
        bounds = [(prefix, prefix + "\U0010ffff") for prefix in prefixes]
        if self._source == INDEX_WORDS:  # fts5vocab reads one range a statement quickly, not several
            return [
                term for bound in bounds for term in self.conn.exec_driver_sql(INDEX_WORDS_BETWEEN, bound).scalars()
            ]
        ranges = " OR ".join(["(term >= ? AND term < ?)"] * len(bounds))
        statement = backend_for(self.conn.dialect.name).driver_sql(
            f"SELECT term FROM {VOCABULARY_TABLE} WHERE {ranges}"
        )
        return list(self.conn.exec_driver_sql(statement, tuple(b for bound in bounds for b in bound)).scalars())

    def forms(self, word: str) -> list[str]:
        """The forms of `word` that the index holds, shortest first."""
        if not _ARABIC.search(word):
            return []
        if word not in self._forms:
            found = {term for term in self._starting_any(vocabulary_keys(word)) if is_form(term, word)}
            self._forms[word] = sorted(found, key=lambda term: (len(term), term))
        return self._forms[word]

    def word_forms(self, word: str) -> tuple[str, ...]:
        """The index words a query word is searched as: itself first, then its forms (at most MAX_FORMS in all)."""
        others = [term for term in self.forms(word) if term != word]
        return (word, *others[: MAX_FORMS - 1])

    def phrase_forms(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Spellings of a phrase: its first word with proclitics, its last with suffixes, as the index holds them.

        `"وزير الخارجية"` is also `ووزير الخارجية` and `لوزير الخارجية`; the words inside a phrase
        stay as typed.
        """
        first = [t for t in self.forms(words[0]) if any(t == p + words[0] for p in PROCLITICS[1:])]
        last = [t for t in self.forms(words[-1]) if t != words[-1] and _suffixed(t, words[-1])]
        heads = (words[0], *first)
        tails = (words[-1], *last)
        spellings = [(head, *words[1:-1], tail) for head in heads for tail in tails]
        return tuple(spellings[:MAX_PHRASES])


def _suffixed(term: str, word: str) -> bool:
    """Whether `term` is `word` with a suffix (a taa marbuta written ت before a pronoun)."""
    for suffix in SUFFIXES:
        if term == word + suffix:
            return True
        if word.endswith("ه") and suffix in PRONOUNS and term == word[:-1] + "ت" + suffix:
            return True
    return False
