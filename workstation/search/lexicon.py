"""The Arabic word list the analyzer checks its readings against.

It is the stems of Ayaspell, the Arabic hunspell dictionary (Debian's `hunspell-ar`,
GPL-2.0-or-later / LGPL-2.1 / MPL-1.1), reduced to their search form (workstation.search.textnorm)
without affix flags, one word a line, in `resources/search/arabic-words.txt.gz`. The dictionary
lists a word without its clitics (`فريق`, `وثيق`, `لندن`), so a word that is in the list keeps every
letter: that is what stops a stemmer from reading `فريق` as `ف` + `ريق`.

Rebuild it from the dictionary with:

    python -m workstation.search.lexicon /usr/share/hunspell/ar.dic
"""

from __future__ import annotations

import gzip
import re
import sys
from functools import cache
from pathlib import Path

from workstation.paths import resources_dir
from workstation.search.textnorm import normalize

_ARABIC_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A]{2,}")


def lexicon_path() -> Path:
    """Where the word list ships."""
    return resources_dir() / "search" / "arabic-words.txt.gz"


@cache
def words() -> frozenset[str]:
    """The word list, in search form (loaded once a process)."""
    with gzip.open(lexicon_path(), "rt", encoding="utf-8") as fh:
        return frozenset(fh.read().split())


def from_hunspell(dic: Path) -> list[str]:
    """The search forms of a hunspell .dic file's words, sorted and without repeats."""
    found: set[str] = set()
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word = normalize(line.split("/", 1)[0].strip())
        if _ARABIC_WORD.fullmatch(word):
            found.add(word)
    return sorted(found)


def main(argv: list[str]) -> int:
    """Writes the shipped word list from a hunspell dictionary."""
    if len(argv) != 1:
        print("usage: python -m workstation.search.lexicon PATH/ar.dic", file=sys.stderr)
        return 2
    listed = from_hunspell(Path(argv[0]))
    target = lexicon_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same dictionary gives the same bytes.
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(("\n".join(listed) + "\n").encode("utf-8"))
    print(f"wrote {len(listed)} words to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
