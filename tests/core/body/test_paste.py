"""Pasted wire copy and browser HTML become clean paragraphs."""

from __future__ import annotations

from workstation.body.blocks import LINE_BREAK, Block, Run, parse_body
from workstation.body.paste import plain_text_blocks, tidy_blocks

WIRE = """بكين 13 أبريل (شينخوا) قال الرئيس الصيني
إن بلاده مستعدة للعمل مع الولايات المتحدة.

وأضاف  أن\tالحوار هو السبيل
الوحيد.


(النهاية)
"""


def _texts(blocks):
    return [b.text for b in blocks]


def test_hard_wrapped_wire_copy_gives_one_paragraph_per_blank_line():
    assert _texts(plain_text_blocks(WIRE)) == [
        "بكين 13 أبريل (شينخوا) قال الرئيس الصيني إن بلاده مستعدة للعمل مع الولايات المتحدة.",
        "وأضاف أن الحوار هو السبيل الوحيد.",
        "(النهاية)",
    ]
    assert all(b.kind == "p" for b in plain_text_blocks(WIRE))


def test_lines_without_blank_lines_are_paragraphs_each():
    assert _texts(plain_text_blocks("أول\r\nثان\n\u00a0ثالث ")) == ["أول", "ثان", "ثالث"]
    assert plain_text_blocks("\n \n") == []


def test_browser_html_breaks_and_spaces_are_tidied():
    blocks = parse_body(f"<p>one{LINE_BREAK}{LINE_BREAK}two<br>three<br></p><p>a\u00a0\u00a0 <b>b</b></p><p> </p>")
    assert _texts(tidy_blocks(blocks)) == ["one", f"two{LINE_BREAK}three", "a b"]
    assert tidy_blocks(blocks)[2].runs == (Run("a "), Run("b", strong=True))


def test_list_items_and_headings_keep_their_kind():
    blocks = [Block("h2", (Run(" عنوان "),)), Block("li", (Run("بند"),), lists=(("ul", 1),))]
    assert tidy_blocks(blocks) == [Block("h2", (Run("عنوان"),)), Block("li", (Run("بند"),), lists=(("ul", 1),))]
