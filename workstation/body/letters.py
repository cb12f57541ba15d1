"""Arabic letters, marks and digits: what the word count, the spelling check and the house-style rules share."""

from __future__ import annotations

import re

TATWEEL = "\u0640"
# Harakat, tanween, shadda, sukun, the Quranic marks after them, and the superscript alef.
TASHKEEL = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # the Persian/Urdu forms
EASTERN_DIGITS = ARABIC_INDIC_DIGITS + EXTENDED_DIGITS
RLM = "\u200f"

_MARKS = re.compile(f"[{TASHKEEL}{TATWEEL}]")
_TO_WESTERN = {ord(c): ord("0") + i % 10 for i, c in enumerate(EASTERN_DIGITS)}
# A letter of the Arabic script (hamza to yeh, the extended letters), never a mark, tatweel or digit.
ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"


def strip_marks(text: str) -> str:
    """`text` without tashkeel and tatweel: the letters a reader judges the word by."""
    return _MARKS.sub("", text) if _MARKS.search(text) else text


def western_digits(text: str) -> str:
    """`text` with Arabic-Indic digits written as ASCII digits."""
    return text.translate(_TO_WESTERN)


def is_arabic_letter(ch: str) -> bool:
    """Whether `ch` is a letter of the Arabic script."""
    return bool(_LETTER.match(ch))


_LETTER = re.compile(f"[{ARABIC_LETTER}]")
