"""Certain fixes change punctuation, spaces and tatweel only: never a letter or digit of what was typed."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.checks.story import Checker, apply_fixes

ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ـ" + '  ,;?،؛؟.:!()"' + "05٣" + "ABc"
KEEP = re.compile(r"[^\s,;?،؛؟.:!ـ\u200f]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_fixes_keep_every_letter_and_digit(text):
    checker = Checker(None)
    fixed = apply_fixes(text, checker.paragraph(text))
    assert KEEP.findall(fixed) == KEEP.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_fixed_text_has_no_tatweel_or_doubled_space_left(text):
    checker = Checker(None)
    fixed = text
    for _round in range(4):  # overlapping findings are fixed one per round
        fixed = apply_fixes(fixed, checker.paragraph(fixed))
    assert not [f for f in checker.paragraph(fixed) if f.rule in ("tatweel", "double-space")]
