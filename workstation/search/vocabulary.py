"""The attached forms of a query word that a SQLite library's index actually holds.

The index keeps each word as the text writes it (normalized), so `مطار` and `بالمطار` are two
index words. A query word is searched as every index word the analyzer (workstation.search.analyzer)
takes for a form of it; FTS5's `fts5vocab` lists the index words under a prefix, and the analyzer
gives the prefixes to look under. The index itself is unchanged: a library indexed by an older
version finds the attached forms as it is.
"""

from __future__ import annotations

import re

from workstation.search.analyzer import PROCLITICS, PRONOUNS, SUFFIXES, is_form, vocabulary_keys

MAX_FORMS = 64  # index words a query word is searched as: the exact form and the commonest others
MAX_PHRASES = 32  # spellings of a phrase (forms of its first word × forms of its last)
_ARABIC = re.compile(r"[\u0621-\u064A]")


class Vocabulary:
    """Index words by prefix, for one search (one cursor on the library's connection)."""

    def __init__(self, cursor):
        self.cursor = cursor
        self._ready = False
        self._forms: dict[str, list[tuple[str, int]]] = {}

    def _table(self) -> None:
        if not self._ready:
            self.cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_vocab USING fts5vocab(main, article_fts, row)"
            )
            self._ready = True

    def _starting(self, prefix: str) -> list[tuple[str, int]]:
        self._table()
        return self.cursor.execute(
            "SELECT term, doc FROM temp.article_vocab WHERE term >= ? AND term < ?", (prefix, prefix + "\U0010ffff")
        ).fetchall()

    def completions(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` index words starting with `prefix`, in order."""
        self._table()
        rows = self.cursor.execute(
            "SELECT term FROM temp.article_vocab WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        ).fetchall()
        return [term for (term,) in rows]

    def forms(self, word: str) -> list[tuple[str, int]]:
        """(index word, articles holding it) for each form of `word` in the index, the commonest first."""
        if not _ARABIC.search(word):
            return []
        if word in self._forms:
            return self._forms[word]
        found: dict[str, int] = {}
        for key in vocabulary_keys(word):
            for term, docs in self._starting(key):
                if term not in found and is_form(term, word):
                    found[term] = docs
        self._forms[word] = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        return self._forms[word]

    def word_forms(self, word: str) -> tuple[str, ...]:
        """The index words a query word is searched as: itself first, then its commonest forms."""
        others = [term for term, _ in self.forms(word) if term != word]
        return (word, *others[: MAX_FORMS - 1])

    def phrase_forms(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Spellings of a phrase: its first word with proclitics, its last with suffixes, as the index holds them.

        `"وزير الخارجية"` is also `ووزير الخارجية` and `لوزير الخارجية`; the words inside a phrase
        stay as typed.
        """
        first = [t for t, _ in self.forms(words[0]) if any(t == p + words[0] for p in PROCLITICS[1:])]
        last = [t for t, _ in self.forms(words[-1]) if t != words[-1] and _suffixed(t, words[-1])]
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
