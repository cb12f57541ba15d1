"""Finding text the way an Arabic editor expects: tashkeel, tatweel and hamza forms ignored.

Matching happens on the search form of the text (workstation.search.textnorm), then each match
is mapped back to the characters of the original, so the editor selects and replaces
exactly what was written, diacritics included.
"""

from __future__ import annotations

import re

from workstation.search.analyzer import is_form, vocabulary_keys
from workstation.search.textnorm import normalize_with_offsets

_WORD = re.compile(r"[^\W_]+")


def _fold_case(text: str) -> str:
    # str.lower() may lengthen a character (İ); keep one character per character so offsets hold.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


class FoldedText:
    """A text prepared for repeated searching: its folded form and the way back to the original."""

    def __init__(self, text: str):
        self.text = text
        folded, self._origin = normalize_with_offsets(text)
        self.folded = _fold_case(folded)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the folded span [start, end), marks after its last letter included."""
        first = self._origin[start]
        last = self._origin[end] if end < len(self._origin) else len(self.text)
        return first, last

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every non-overlapping match of `needle` as original [start, end) offsets, in order."""
        query = fold(needle)
        if not query:
            return []
        found: list[tuple[int, int]] = []
        at = self.folded.find(query)
        while at != -1:
            found.append(self.span(at, at + len(query)))
            at = self.folded.find(query, at + len(query))
        return found

    def find_forms(self, needle: str) -> list[tuple[int, int]]:
        """Every word that is `needle` or one of its attached forms (workstation.search.analyzer), in order.

        A needle of more than one word is found as typed (`find_all`).
        """
        query = fold(needle)
        words = _WORD.findall(query)
        if len(words) != 1 or words[0] != query.strip():
            return self.find_all(needle)
        keys = tuple(vocabulary_keys(query.strip()))
        return [
            self.span(m.start(), m.end())
            for m in _WORD.finditer(self.folded)
            if m.group().startswith(keys) and is_form(m.group(), words[0])
        ]


def fold(text: str) -> str:
    """The form in which text and queries are compared."""
    return _fold_case(normalize_with_offsets(text)[0])


def find_forms(text: str, needle: str) -> list[tuple[int, int]]:
    """Every word of `text` that is `needle` or one of its attached forms."""
    return FoldedText(text).find_forms(needle)


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every match of `needle` in `text`, ignoring tashkeel, tatweel, hamza forms and case."""
    return FoldedText(text).find_all(needle)
