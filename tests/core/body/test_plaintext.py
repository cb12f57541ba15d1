"""Control characters and bidi controls in text fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workstation.body.plaintext import balance_bidi, clean_markup, clean_text, strip_controls
from workstation.body.richtext import sanitize_body

LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_controls_are_stripped_but_tabs_and_line_breaks_stay():
    assert strip_controls("a\x00b\x01c\x1fd\x7fe\tf\ng\rh") == "abcde\tf\ng\rh"


def test_unterminated_openers_are_closed_and_stray_closers_dropped():
    assert balance_bidi(f"x{RLO * 3}y") == f"x{RLO * 3}y{PDF * 3}"
    assert balance_bidi(f"{PDF}{PDI}x") == "x"
    assert balance_bidi(f"{RLI}a{RLE}b{PDI}c") == f"{RLI}a{RLE}b{PDF}{PDI}c"
    assert balance_bidi(f"{RLE}a{LRI}b{PDF}c") == f"{RLE}a{LRI}bc{PDI}{PDF}"  # a PDF cannot cut an isolate
    assert balance_bidi(f"{RLO}a\nb") == f"{RLO}a{PDF}\nb"
    assert balance_bidi("بلا ضوابط") == "بلا ضوابط"


def test_markup_is_balanced_per_run_of_text():
    assert clean_markup(f"<p>a{RLO}b</p><p>c{PDF}</p>") == f"<p>a{RLO}b{PDF}</p><p>c</p>"
    assert sanitize_body(f"<p>x\x00{RLO}y</p>") == f"<p>x{RLO}y{PDF}</p>"


def _balanced(text: str) -> bool:
    depth = []
    for char in text:
        if char in (LRE, RLE, LRO, RLO, LRI, RLI, FSI):
            depth.append(PDI if char in (LRI, RLI, FSI) else PDF)
        elif char in (PDF, PDI):
            if not depth or depth.pop() != char:
                return False
    return not depth


@given(st.text(alphabet=st.sampled_from(["a", "ب", "\n", "\x00", LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI])))
def test_any_text_comes_out_balanced_without_controls(text):
    cleaned = clean_text(text)
    assert "\x00" not in cleaned
    assert all(_balanced(line) for line in cleaned.split("\n"))
    assert clean_text(cleaned) == cleaned
    assert [c for c in cleaned if c not in (PDF, PDI)] == [c for c in strip_controls(text) if c not in (PDF, PDI)]
