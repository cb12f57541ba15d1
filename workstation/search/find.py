"""Finding text the way an Arabic editor expects: tashkeel, tatweel and hamza forms ignored.

Matching happens on the search form of the text (workstation.search.textnorm), then each match
is mapped back to the characters of the original, so the editor selects and replaces
exactly what was written, diacritics included.
"""

from __future__ import annotations

from workstation.search.textnorm import normalize_with_offsets


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


def fold(text: str) -> str:
    """The form in which text and queries are compared."""
    return _fold_case(normalize_with_offsets(text)[0])


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every match of `needle` in `text`, ignoring tashkeel, tatweel, hamza forms and case."""
    return FoldedText(text).find_all(needle)
