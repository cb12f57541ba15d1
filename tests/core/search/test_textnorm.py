"""The Arabic search normalization: every mapping DESIGN lists, and properties over any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.search.textnorm import needs_normalizing, normalize, normalize_with_offsets

TASHKEEL = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"]
TATWEEL = "\u0640"
LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {chr(0x06F0 + d): str(d) for d in range(10)}
AFFECTED = set(TASHKEEL) | {TATWEEL} | set(LETTERS) | set(DIGITS)

# Text weighted towards Arabic (the block, its marks and digits), with Latin, spaces and anything else.
arabic_block = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
mixed_text = st.text(st.one_of(arabic_block, st.sampled_from(sorted(AFFECTED)), st.characters()), max_size=200)
clean_text = st.text(st.characters(blacklist_characters="".join(AFFECTED)), max_size=200)


@pytest.mark.parametrize("mark", TASHKEEL + [TATWEEL], ids=lambda c: f"U+{ord(c):04X}")
def test_tashkeel_and_tatweel_are_removed(mark):
    assert normalize(f"كت{mark}ب") == "كتب"


@pytest.mark.parametrize(("variant", "plain"), sorted(LETTERS.items()))
def test_letter_variants_fold(variant, plain):
    assert normalize(f"ب{variant}ب") == f"ب{plain}ب"


@pytest.mark.parametrize(("digit", "ascii"), sorted(DIGITS.items()))
def test_arabic_indic_digits_become_ascii(digit, ascii):
    assert normalize(f"عام {digit}") == f"عام {ascii}"


def test_a_real_phrase():
    assert normalize("أَعْلَنَتِ الحُكومةُ إنشاءَ مستشفىً جديدٍ في ١٣ أبريل ٢٠١٧") == (
        "اعلنت الحكومه انشاء مستشفي جديد في 13 ابريل 2017"
    )


@given(mixed_text)
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(mixed_text)
def test_result_holds_nothing_left_to_normalize(text):
    out = normalize(text)
    assert not AFFECTED & set(out)
    assert not needs_normalizing(out)


@given(clean_text)
def test_text_with_nothing_to_normalize_is_untouched(text):
    assert normalize(text) == text
    assert not needs_normalizing(text)


@given(mixed_text)
def test_needs_normalizing_says_whether_anything_changes(text):
    assert needs_normalizing(text) == (normalize(text) != text)


@given(mixed_text)
def test_offsets_point_back_at_the_original_characters(text):
    out, origin = normalize_with_offsets(text)
    assert out == normalize(text)
    assert len(origin) == len(out)
    assert origin == sorted(set(origin))  # strictly increasing
    assert all(normalize(text[i]) == out[k] for k, i in enumerate(origin))
    dropped = set(range(len(text))) - set(origin)
    assert all(text[i] in TASHKEEL or text[i] == TATWEEL for i in dropped)
