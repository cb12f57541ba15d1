"""Text fields made safe to store and to show: no control characters, bidi controls balanced.

Wire copy and pasted text carry NUL and other C0 controls, and unterminated bidi embeddings or
overrides (U+202A–U+202E) and isolates (U+2066–U+2069) that would reverse whatever follows the
field on a page (the ` - site` after a headline in the title). Each field is cleaned on its
own, on the way in and again on the way out, so no field's controls reach past its end.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return (which whitespace rules handle), and DEL.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}  # fmt: skip
_PDF, _PDI = "\u202c", "\u2069"
_PARAGRAPH_ENDS = "\n\r\x1c\x1d\x1e\x85\u2029"  # the bidi algorithm starts afresh after each


def strip_controls(text: str) -> str:
    """The text without C0 control characters (tab and line breaks kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def balance_bidi(text: str) -> str:
    """The text with every bidi embedding, override and isolate it opens closed before it ends
    (and before each line break), and every closer that closes nothing removed."""
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    stack: list[str] = []  # the closer each open control needs, innermost last
    for char in text:
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char == _PDF:
            if not stack or stack[-1] != _PDF:
                continue  # closes nothing (or would cut across an isolate)
            stack.pop()
        elif char == _PDI:
            if _PDI not in stack:
                continue
            while stack[-1] != _PDI:  # an isolate's end also ends the embeddings opened inside it
                out.append(stack.pop())
            stack.pop()
        elif char in _PARAGRAPH_ENDS:
            out.extend(reversed(stack))
            stack.clear()
        out.append(char)
    out.extend(reversed(stack))
    return "".join(out)


def clean_text(text: str) -> str:
    """A text field as it may be stored or shown: controls stripped, bidi controls balanced."""
    return balance_bidi(strip_controls(text))


_TEXT_RUN = re.compile(r"[^<>]+")


def clean_markup(fragment: str) -> str:
    """An HTML fragment cleaned like a text field, each run of text between tags on its own."""
    fragment = strip_controls(fragment)
    if not _BIDI.search(fragment):
        return fragment
    return _TEXT_RUN.sub(lambda m: balance_bidi(m.group()), fragment)
