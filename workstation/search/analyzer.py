"""Which attached forms of an Arabic word are the same word: one analyzer for every search backend.

Arabic writes the conjunctions `و ف`, the prepositions `ب ك ل` and the article `ال` onto the word
(`وبالمطار`), and adds pronouns, plural and dual endings and the nisba `ية` after it (`جامعتها`,
`مطارات`). A word's *readings* are the dictionary words it can be, once such clitics are taken off:

- clitics come off only when what is left is a word of the lexicon (workstation.search.lexicon),
  and the fewest clitics are taken off that leave one: `فريق` is in the lexicon, so it is never
  `ف` + `ريق`; `بلندن` is not, and `لندن` is, so it is `ب` + `لندن`;
- a taa marbuta written `ت` before a suffix is restored (`جامعته` → `جامعة`, `جامعات` → `جامعة`),
  and so is an alef maksura written `ا` (`مستواه` → `مستوى`);
- a word ending in `ه` that the lexicon knows only without it (`وثيقه` from `وثيق`, `مطاره` from
  `مطار`) reads as both: a feminine or a pronoun `ه` cannot be told apart after normalization;
- a word with no reading in the lexicon (a name such as `شينخوا`) reads as itself, with an
  article-bearing proclitic (`ال وال بال لل …`) taken off; it is a form of a query word when it is
  that word with clitics around it (`وشينخوا`), since no dictionary word stands in the way.

Two words are forms of one another when their readings meet (`is_form`). A backend finds the
attached forms of a query word among the words its index holds: `vocabulary_keys` gives the
prefixes to look up, and `is_form` keeps the words that are forms of it. Everything works on
the search form of text (workstation.search.textnorm.normalize), in which `ة` is `ه` and `ى` is `ي`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workstation.search.lexicon import words as lexicon

# Proclitic sequences, shortest first: a conjunction, then a preposition, then the article
# (ل + ال is written لل).
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_ARTICLE_FORMS = {"": "", "ب": "بال", "ك": "كال", "ل": "لل"}


def _proclitics() -> dict[str, int]:
    """Each proclitic sequence and how many clitics it is (`وبال`: three)."""
    found: dict[str, int] = {}
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            found.setdefault(conj + prep, bool(conj) + bool(prep))
            found.setdefault(conj + (_ARTICLE_FORMS[prep] if prep else "ال"), bool(conj) + bool(prep) + 1)
    return found


_CLITICS = _proclitics()
PROCLITICS = tuple(sorted(_CLITICS, key=lambda p: (len(p), p)))  # "", و ف ب ك ل, ال وب …, وال بال لل …
_WITH_ARTICLE = tuple(p for p in PROCLITICS if p.endswith(("ال", "لل")))
# Suffixes in search form (ة is ه), shortest first.
PRONOUNS = ("ه", "ك", "ي", "ها", "هم", "هن", "كم", "كن", "نا", "هما")
PLURALS = ("ات", "ون", "ين", "ان", "يه", "تين", "تان", "اته", "اتها", "اتهم")
SUFFIXES = tuple(sorted(set(PRONOUNS + PLURALS), key=lambda s: (len(s), s)))
MIN_STEM = 2  # letters left after clitics come off
# Every way to take clitics off, in the order they are tried: fewest clitics first, then a
# proclitic before a suffix, then the shorter proclitic.
_SPLITS = sorted(
    ((p, s) for p in PROCLITICS for s in ("", *SUFFIXES)),
    key=lambda ps: (_CLITICS[ps[0]] + bool(ps[1]), bool(ps[1]), len(ps[0]), len(ps[1])),
)
_FEMININE = ("ات", "تين", "تان", "اته", "اتها", "اتهم")  # endings that replace a taa marbuta


@dataclass(frozen=True)
class Analysis:
    """The readings of one word: the lexicon words it can be, or itself when it is no known word."""

    readings: frozenset[str]
    known: bool  # False: no lexicon reading, `readings` holds the word with an article taken off


def _whole(stem: str) -> frozenset[str]:
    """The readings of a stem with nothing more to take off: empty when the lexicon does not know it."""
    known = lexicon()
    found = set()
    if stem in known:
        found.add(stem)
        if stem.endswith("يه") and stem[:-1] in known:  # a nisba: عربية is also عربي
            found.add(stem[:-1])
        elif stem.endswith("اه") and stem[:-2] + "ي" in known:  # مستواه, listed as a word of its own
            found.add(stem[:-2] + "ي")
    elif stem.endswith("ه") and len(stem) > MIN_STEM:
        if stem[:-1] in known:  # a feminine the lexicon derives (وثيقة), or a pronoun (مطاره)
            found.update((stem, stem[:-1]))
        elif stem.endswith("اه") and stem[:-2] + "ي" in known:  # مستواه
            found.add(stem[:-2] + "ي")
    return frozenset(found)


def _suffixed(stem: str, suffix: str) -> frozenset[str]:
    """The readings of `stem` + `suffix` with the suffix taken off: empty when the lexicon knows none."""
    if suffix in _FEMININE:
        variants = (stem + "ه", stem)
    elif suffix in PRONOUNS and stem.endswith("ت"):
        variants = (stem[:-1] + "ه", stem)
    elif suffix in PRONOUNS and stem.endswith("ا"):
        variants = (stem[:-1] + "ي", stem)
    else:
        variants = (stem,)
    return frozenset().union(*(_whole(v) for v in variants if len(v) >= MIN_STEM))


@lru_cache(maxsize=65536)
def analyze(word: str) -> Analysis:
    """The readings of one word in search form (see the module docstring).

    The reading that takes off the fewest clitics wins; at equal counts a proclitic comes off
    before a suffix, as the lexicon lists words with endings that look like suffixes (`بيان`,
    `ميدان`, `رئيسي`) and words that start like the article once hamza is folded (`البي` for ألبى).
    """
    for proclitic, suffix in _SPLITS:
        if not (word.startswith(proclitic) and word.endswith(suffix)):
            continue
        stem = word[len(proclitic) : len(word) - len(suffix)]
        if len(stem) < (MIN_STEM if _has_article(proclitic) else 3) or (suffix and len(stem) < 3):
            continue
        found = _suffixed(stem, suffix) if suffix else _whole(stem)
        if found:
            return Analysis(found, True)
    for proclitic in reversed(_WITH_ARTICLE):
        if word.startswith(proclitic) and len(word) - len(proclitic) >= MIN_STEM:
            return Analysis(frozenset((word[len(proclitic) :],)), False)
    return Analysis(frozenset((word,)), False)


def _has_article(proclitic: str) -> bool:
    return proclitic == "" or proclitic.endswith(("ال", "لل"))


def _wraps(word: str, core: str) -> bool:
    """Whether `word` is `core` with proclitics before it and a suffix after it (either may be none)."""
    for proclitic in PROCLITICS:
        if word.startswith(proclitic) and word.startswith(core, len(proclitic)):
            rest = word[len(proclitic) + len(core) :]
            if not rest or rest in SUFFIXES:
                return True
    return False


def is_form(word: str, query: str) -> bool:
    """Whether `word` is `query` or one of its attached forms (both in search form)."""
    if word == query:
        return True
    found, wanted = analyze(word), analyze(query)
    if found.readings & wanted.readings:
        return True
    # A word no lexicon reading explains (a name) is a form of any query word it wraps.
    return not found.known and any(_wraps(word, core) for core in wanted.readings | {query})


def vocabulary_keys(query: str) -> list[str]:
    """Prefixes under which an index's vocabulary holds every attached form of `query`.

    A reading's last `ه` or `ي` is left off the key (it becomes `ت` or `ا` before a suffix) unless
    that would leave fewer than three letters; short keys are not cut, so `في` is not looked up as `ف`.
    """
    analysis = analyze(query)
    cores = set()
    for core in analysis.readings | {query}:
        if core.endswith(("ه", "ي")) and len(core) > 3:
            core = core[:-1]
        cores.add(core)
    keys = {proclitic + core for proclitic in PROCLITICS for core in cores}
    # Keys that another key covers are not needed (`الرييس` covers nothing shorter, `رييس` covers `رييسي`).
    ordered = sorted(keys)
    return [k for i, k in enumerate(ordered) if not any(k.startswith(o) for o in ordered[:i])]
