"""Plain-text views of an article for the editor: word count, reading time, keywords, compare lines."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from workstation.body.letters import TASHKEEL, TATWEEL
from workstation.body.richtext import body_text

# Arabic prose is read more slowly than English; 180 words a minute is a common newsroom figure.
WORDS_PER_MINUTE = 180

# A token holding no letter or digit: punctuation alone (a dash), or tashkeel and tatweel alone.
_NOT_A_WORD = re.compile(rf"(?<!\S)(?:[^\w\s]|[_{TATWEEL}])+(?!\S)")
_NOT_COUNTED = re.compile(rf"[\s{TASHKEEL}{TATWEEL}\u200b-\u200f\u2066-\u2069\ufeff]")
_KEYWORD_SEPARATORS = re.compile(r"[,،;؛\n]")


def count_words(text: str) -> int:
    """The number of words in plain text: whitespace-separated tokens holding a letter or digit.

    Arabic-Indic digits are digits; tashkeel and tatweel neither make a word nor split one.
    """
    return len(text.split()) - len(_NOT_A_WORD.findall(text))


def count_characters(text: str) -> int:
    """The characters a reader sees, spaces excluded: tashkeel, tatweel and invisible direction marks
    are not counted (a vowelled `مُحَمَّد` has four), Arabic-Indic digits are."""
    return len(text) - len(_NOT_COUNTED.findall(text))


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes needed to read `words` words (at least 1 for any text, 0 for none)."""
    return math.ceil(words / per_minute) if words > 0 else 0


def split_keywords(text: str) -> list[str]:
    """Keywords typed in one field, separated by Latin or Arabic commas or semicolons."""
    seen: list[str] = []
    for part in _KEYWORD_SEPARATORS.split(text):
        word = " ".join(part.split())
        if word and word not in seen:
            seen.append(word)
    return seen


def join_keywords(keywords: tuple[str, ...] | list[str]) -> str:
    """Keywords as the editor shows them in one field."""
    return "، ".join(keywords)


def snapshot_lines(snapshot: dict[str, Any]) -> list[str]:
    """An article snapshot (ArticleRecord.snapshot() or a revision) as lines to compare."""
    lines = [
        snapshot.get("headline", ""),
        snapshot.get("subheadline", ""),
        " ".join(x for x in (snapshot.get("dateline_city", ""), str(snapshot.get("dateline_at") or ""),
                             snapshot.get("dateline_agency", "")) if x),
        snapshot.get("byline", ""),
        snapshot.get("source_title", ""),
        join_keywords(snapshot.get("keywords", ())),
        snapshot.get("status", ""),
        "",
    ]  # fmt: skip
    return lines + body_text(snapshot.get("body", "")).split("\n")


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: kind is equal, changed, removed (left only) or added."""

    kind: str
    left: str
    right: str


def side_by_side(left: list[str], right: list[str]) -> list[DiffRow]:
    """Rows pairing the lines of two texts, marking what differs between them."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(DiffRow("equal", line, line) for line in left[a1:a2])
            continue
        old, new = left[a1:a2], right[b1:b2]
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            kind = "changed" if a is not None and b is not None else ("removed" if b is None else "added")
            rows.append(DiffRow(kind, a or "", b or ""))
    return rows
