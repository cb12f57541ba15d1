"""Arabic analyzers scored on the judged set of attached forms (tests/core/search/judged_forms.py).

Each analyzer decides, for every query of the set and every judged word, whether the word is the
query's word; recall and precision are counted over the whole set as the search test counts them.

- exact: the normalized word only (search before attached forms);
- Lucene light: Lucene's ArabicNormalizer and ArabicStemmer (light stemming after Larkey et al.'s
  light10), written out below from Lucene's rules: two words match when their stems are equal;
- Snowball: Snowball's Arabic stemmer (PyStemmer, PostgreSQL's `arabic` configuration);
- ours: workstation.search.analyzer.is_form, word by word, and then end to end through
  `search()` on a library holding one article per judged word.

Budget: ours at least 0.95 in recall and precision.

    make bench BENCH_ARGS=analyzers        (or: python -m tests.benchmarks analyzers)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workstation.search.analyzer import is_form
from workstation.search.textnorm import normalize

from tests.core.search.judged_forms import GROUPS, score, words

BUDGET = 0.95

# -- Lucene's Arabic light stemmer ---------------------------------------------------------------------
_LUCENE_MARKS = re.compile("[\u0640\u064b-\u0652]")  # tatweel and the harakat Lucene removes
_LUCENE_LETTERS = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ة": "ه"})
_LUCENE_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_LUCENE_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def lucene_stem(word: str) -> str:
    """Lucene's ArabicNormalizer then ArabicStemmer: one prefix off, then each suffix in turn."""
    word = _LUCENE_MARKS.sub("", word).translate(_LUCENE_LETTERS)
    for prefix in _LUCENE_PREFIXES:
        short = len(prefix) == 1 and len(word) < 4  # و needs three letters after it, the others two
        if not short and len(word) >= len(prefix) + 2 and word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in _LUCENE_SUFFIXES:  # every suffix of the list is tried, one after the other
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def snowball() -> Callable[[str], str]:
    """Snowball's Arabic stemmer."""
    import Stemmer

    return Stemmer.Stemmer("arabic").stemWord


# -- scoring -------------------------------------------------------------------------------------------------
def by_stem(stem: Callable[[str], str]) -> dict[str, set[str]]:
    """What each query finds when words match by equal stems."""
    stems = {w: stem(w) for w in words()}
    return {q: {w for w, s in stems.items() if s == stem(q)} for g in GROUPS for q in g.queries}


def by_forms() -> dict[str, set[str]]:
    """What each query finds by the analyzer's own decision, word by word."""
    return {q: {w for w in words() if is_form(normalize(w), normalize(q))} for g in GROUPS for q in g.queries}


def through_search() -> dict[str, set[str]]:
    """What each query finds through search() on a library of one article per judged word."""
    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import open_library
    from workstation.search.query import search
    from workstation.search.vocabulary import prepare_search

    with tempfile.TemporaryDirectory() as folder:
        library = open_library(str(Path(folder) / "judged.sqlite"))
        try:
            prepare_search(library)
            repo = ArticleRepo(library)
            docids = {}
            for word in words():
                body = f"<p>قال المراسل إن {word} كان موضوع النقاش اليوم</p>"
                docids[repo.create(section="world", headline="خبر", body=body, status="published").docid] = word
            return {q: {docids[h.docid] for h in search(library, q, limit=500).hits} for g in GROUPS for q in g.queries}
        finally:
            library.close()


def misses(found: dict[str, set[str]]) -> tuple[int, int]:
    """(relevant words not found, trap words found) over the set."""
    missed = trapped = 0
    for group in GROUPS:
        for query in group.queries:
            missed += len(set(group.relevant) - found[query])
            trapped += len(found[query] & set(group.traps))
    return missed, trapped


def main() -> int:
    queries = sum(len(g.queries) for g in GROUPS)
    relevant = sum(len(g.relevant) * len(g.queries) for g in GROUPS)
    print(f"judged set: {len(GROUPS)} words, {queries} queries, {len(words())} judged words, {relevant} relevant pairs")
    rows = [
        ("exact (normalized word)", by_stem(normalize)),
        ("Lucene light stemmer (light10 rules)", by_stem(lucene_stem)),
        ("Snowball Arabic (PyStemmer)", by_stem(snowball())),
        ("ours, word by word", by_forms()),
    ]
    started = time.perf_counter()
    rows.append(("ours, through search()", through_search()))
    print(
        f"  (the search library of {len(words())} articles built and searched in {time.perf_counter() - started:.1f} s)"
    )
    failed = False
    print(f"  {'analyzer':38s} {'recall':>7s} {'precision':>9s} {'missed':>7s} {'traps hit':>9s}")
    for name, found in rows:
        recall, precision = score(found)
        missed, trapped = misses(found)
        print(f"  {name:38s} {recall:7.1%} {precision:9.1%} {missed:7d} {trapped:9d}")
        if name.startswith("ours") and (recall < BUDGET or precision < BUDGET):
            failed = True
    if failed:
        print(f"FAILED: ours below {BUDGET:.0%} in recall or precision")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
