"""Spelling through hunspell's Arabic dictionary (Debian `hunspell-ar`, by way of Enchant).

A word is judged without its tashkeel and tatweel, so `مُحَمَّد` and `الـــعالم` are the
words they are. Latin words, numbers and web or mail addresses are left alone, and so
are the newsroom's own words (names, agencies), with or without a clitic in front
(`و`, `ب`, `ل`, `ال` …). A bare alef where hamza belongs (`الى`, `الامريكي`) is the
site's own spelling (its section names are written so) and is accepted; a hamza where
none belongs (`إجتماع`) is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workstation.body.letters import ARABIC_LETTER, TASHKEEL, TATWEEL, strip_marks

LANGUAGE = "ar"
DEBIAN_PACKAGES = "hunspell-ar and libenchant-2-2"
MAX_SUGGESTIONS = 6

_WORD = re.compile(f"[{ARABIC_LETTER}{TASHKEEL}{TATWEEL}]+")
_ADDRESS = re.compile(r"(?:https?://|ftp://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_GLUED = re.compile(r"[A-Za-z0-9٠-٩۰-۹]")
# Clitics written onto a word: conjunctions, prepositions and the article, as they combine.
CLITICS = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول", "فب", "فل", "وك")
_HAMZA_ALEFS = ("أ", "إ", "آ")
_CACHE_LIMIT = 200_000


class SpellingUnavailable(Exception):
    """Hunspell's Arabic dictionary cannot be used here; the message names the Debian packages."""


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where web and mail addresses are in `text` (start, end): no check looks inside them."""
    return [m.span() for m in _ADDRESS.finditer(text)]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def open_dictionary(language: str = LANGUAGE):
    """Enchant's dictionary for `language` through hunspell; SpellingUnavailable when it is missing."""
    try:
        import enchant
    except ImportError as exc:  # pyenchant missing, or the Enchant C library
        raise SpellingUnavailable(
            f"Spelling cannot be checked: Enchant is missing ({exc}); install the Debian packages {DEBIAN_PACKAGES}."
        ) from None
    broker = enchant.Broker()
    broker.set_ordering(language, "hunspell")
    try:
        return broker.request_dict(language)
    except enchant.errors.Error:
        raise SpellingUnavailable(
            f"Spelling cannot be checked: hunspell's Arabic dictionary is not installed (Debian: {DEBIAN_PACKAGES})."
        ) from None


class Speller:
    """Judges Arabic words against hunspell and the newsroom dictionary; remembers every verdict."""

    def __init__(self, newsroom_words: Iterable[str] = (), dictionary=None):
        self._dict = dictionary if dictionary is not None else open_dictionary()
        self._verdicts: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._newsroom: set[str] = set()
        self.add_words(newsroom_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Accepts these words (and their clitic forms) from now on."""
        self._newsroom.update(strip_marks(w.strip()) for w in words if w.strip())
        self._verdicts.clear()

    def remove_words(self, words: Iterable[str]) -> None:
        """Stops accepting these newsroom words."""
        self._newsroom.difference_update(strip_marks(w.strip()) for w in words)
        self._verdicts.clear()

    def is_known(self, word: str) -> bool:
        """Whether a word (tashkeel and tatweel already removed) is spelled right."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) > _CACHE_LIMIT:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._judge(word)
        return verdict

    def _judge(self, word: str) -> bool:
        if self._in_newsroom(word) or self._dict.check(word):
            return True
        return any(self._dict.check(variant) for variant in _hamza_variants(word))

    def _in_newsroom(self, word: str) -> bool:
        if word in self._newsroom:
            return True
        return any(word.startswith(c) and word[len(c) :] in self._newsroom for c in CLITICS)

    def misspellings(self, text: str) -> list[tuple[int, int, str]]:
        """The misspelled words of `text`: (offset, length, the word as written)."""
        found = []
        addresses = address_spans(text) if ("/" in text or "@" in text or "www" in text) else []
        for m in _WORD.finditer(text):
            start, end = m.span()
            if (start and _GLUED.match(text, start - 1)) or _GLUED.match(text, end):
                continue  # part of a code or a Latin-Arabic compound, not an Arabic word
            word = strip_marks(m.group())
            if len(word) < 2 or self.is_known(word):
                continue
            if addresses and _inside(addresses, start):
                continue
            found.append((start, end - start, m.group()))
        return found

    def suggest(self, word: str) -> list[str]:
        """hunspell's suggestions for a misspelled word, best first (a few)."""
        plain = strip_marks(word)
        if plain not in self._suggestions:
            if len(self._suggestions) > _CACHE_LIMIT // 100:
                self._suggestions.clear()
            self._suggestions[plain] = self._suggest(plain)
        return list(self._suggestions[plain])

    def _suggest(self, plain: str) -> list[str]:
        # hunspell-ar also offers the article with a hamza (ألصيني), which is never right
        odd = ("أل", "آل") if plain.startswith("ال") else ()
        return [s for s in self._dict.suggest(plain) if s != plain and not s.startswith(odd)][:MAX_SUGGESTIONS]


def _hamza_variants(word: str) -> list[str]:
    """The word with a hamza on its first alef (after any clitic): what a bare alef may stand for."""
    variants = []
    for clitic in ("", *CLITICS):
        if word.startswith(clitic + "ا") and len(word) > len(clitic) + 1:
            rest = word[len(clitic) + 1 :]
            variants.extend(clitic + h + rest for h in _HAMZA_ALEFS)
    return variants
