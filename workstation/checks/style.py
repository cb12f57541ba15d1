"""The house-style rules that look at one paragraph at a time.

Each function takes a paragraph's plain text and yields findings with offsets in it; the
story-wide rules (mixed digits, the dateline) are in `workstation.checks.story`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workstation.body.letters import ARABIC_LETTER, RLM, TASHKEEL, TATWEEL
from workstation.checks.findings import Finding
from workstation.checks.spelling import address_spans

ARABIC_FOR_LATIN = {",": "،", ";": "؛", "?": "؟"}
PUNCTUATION = "،؛؟.:!"
SPACES = " \u00a0"

_ARABIC = re.compile(f"[{ARABIC_LETTER}]")
_LETTER = re.compile(f"[{ARABIC_LETTER}A-Za-z\u00c0-\u024f]")
_LATIN_PUNCTUATION = re.compile(r"[,;?]")
_SPACE_BEFORE = re.compile(rf"(?<=[^\s([{{«“\"])[{SPACES}]+([{PUNCTUATION}])")
_NO_SPACE_AFTER = re.compile(rf"[{PUNCTUATION}]+(?=[{ARABIC_LETTER}])")
_DOUBLE_SPACE = re.compile(rf"(?<=\S)[{SPACES}]{{2,}}(?=\S)")
_STRETCHED = re.compile(rf"[{ARABIC_LETTER}{TASHKEEL}{TATWEEL}]*{TATWEEL}[{ARABIC_LETTER}{TASHKEEL}{TATWEEL}]*")
_LATIN_RUN_PUNCTUATION = re.compile(rf"[A-Za-z][A-Za-z0-9'’-]*([.!:،])(?=[{SPACES}]+[A-Za-z0-9])")
_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«", "”": "“"}
_OPENERS = set(_PAIRS.values())


def _letter_near(text: str, position: int, step: int) -> str | None:
    """The nearest letter before (step -1) or after (step 1) `position`, within a few words."""
    i = position + step
    for _ in range(40):
        if not 0 <= i < len(text):
            return None
        if _LETTER.match(text, i):
            return text[i]
        i += step
    return None


def latin_punctuation(text: str, field: str) -> Iterator[Finding]:
    """A Latin comma, semicolon or question mark whose sentence is Arabic."""
    for m in _LATIN_PUNCTUATION.finditer(text):
        i = m.start()
        if text[i] == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue  # 1,000
        letter = _letter_near(text, i, -1) or _letter_near(text, i, 1)
        if letter and _ARABIC.match(letter):
            yield Finding(field, i, 1, text[i], "latin-punctuation", (ARABIC_FOR_LATIN[text[i]],),
                          ARABIC_FOR_LATIN[text[i]])  # fmt: skip


def space_before_punctuation(text: str, field: str) -> Iterator[Finding]:
    """Spaces between a word and the punctuation mark after it."""
    for m in _SPACE_BEFORE.finditer(text):
        mark, after = m.group(1), text[m.end() : m.end() + 2]
        if mark == "." and (after[:1].isdigit() or after == ".."):
            continue  # a number such as .5, or a spaced ellipsis
        yield Finding(field, m.start(), m.end() - m.start(), m.group(), "space-before-punctuation", (mark,), mark)


def space_after_punctuation(text: str, field: str) -> Iterator[Finding]:
    """A punctuation mark run straight into the next Arabic word."""
    for m in _NO_SPACE_AFTER.finditer(text):
        fixed = m.group() + " "
        yield Finding(field, m.start(), m.end() - m.start(), m.group(), "space-after-punctuation", (fixed,), fixed)


def double_space(text: str, field: str) -> Iterator[Finding]:
    """Two or more spaces between words."""
    for m in _DOUBLE_SPACE.finditer(text):
        yield Finding(field, m.start(), m.end() - m.start(), m.group(), "double-space", (" ",), " ")


def tatweel(text: str, field: str) -> Iterator[Finding]:
    """A word stretched with tatweel (kashida): the whole word, fixed by removing it."""
    for m in _STRETCHED.finditer(text):
        fixed = m.group().replace(TATWEEL, "")
        yield Finding(field, m.start(), m.end() - m.start(), m.group(), "tatweel", (fixed,), fixed)


def unbalanced(text: str, field: str) -> Iterator[Finding]:
    """A bracket or curly quote left open or closed without opening, and a lone straight quote."""
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(i)
        elif ch in _PAIRS:
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            else:
                yield Finding(field, i, 1, ch, "unbalanced", detail="closed without opening")
    for i in stack:
        yield Finding(field, i, 1, text[i], "unbalanced", detail="never closed")
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if len(quotes) % 2:
        yield Finding(field, quotes[-1], 1, '"', "unbalanced", detail="odd number of quotation marks")


def latin_run_punctuation(text: str, field: str) -> Iterator[Finding]:
    """A Latin word ending an Arabic sentence whose mark, followed by Latin or digits, would be drawn
    on the Latin side; a right-to-left mark before it keeps it with the Arabic sentence."""
    for m in _LATIN_RUN_PUNCTUATION.finditer(text):
        if not _ARABIC.search(text, 0, m.start()):
            continue
        mark = m.start(1) - m.start()
        fixed = m.group()[:mark] + RLM + m.group()[mark:]
        yield Finding(field, m.start(), m.end() - m.start(), m.group(), "latin-run-punctuation", (fixed,), fixed)


PARAGRAPH_RULES = {
    "latin-punctuation": latin_punctuation,
    "space-before-punctuation": space_before_punctuation,
    "space-after-punctuation": space_after_punctuation,
    "double-space": double_space,
    "tatweel": tatweel,
    "unbalanced": unbalanced,
    "latin-run-punctuation": latin_run_punctuation,
}


def paragraph_findings(text: str, field: str, disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """Every style finding in one paragraph, by position; none inside web or mail addresses."""
    addresses = address_spans(text) if ("/" in text or "@" in text or "www" in text) else []
    found = []
    for rule, check in PARAGRAPH_RULES.items():
        if rule in disabled:
            continue
        for finding in check(text, field):
            if not any(s <= finding.offset < e for s, e in addresses):
                found.append(finding)
    found.sort(key=lambda f: (f.offset, f.length))
    return found
