"""The editor's core helpers (no Qt): dateline house style, tolerant find, body model, paste mapping."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.body.blocks import Block, Run, clean_href, parse_body, render_body, renumber_lists
from workstation.body.dateline import MONTHS, format_dateline, from_site_time, to_site_time
from workstation.body.htmlmap import clipboard_fragment, map_foreign
from workstation.body.richtext import sanitize_body
from workstation.body.stats import count_words, reading_minutes, side_by_side, split_keywords
from workstation.search.find import find_all

# -- dateline -------------------------------------------------------------------------------------


def test_dateline_matches_the_reference_page():
    # filed 02:58:26 UTC, shown 10:58:26 in Shanghai: the reference page's 2017-04-13
    when = datetime(2017, 4, 13, 2, 58, 26)
    assert format_dateline("موسكو", when, "شينخوا", "Asia/Shanghai") == "موسكو 13 أبريل 2017 (شينخوا)"


def test_dateline_date_is_the_site_date_not_the_utc_date():
    late_utc = datetime(2017, 12, 31, 20, 0)  # already 1 January 2018 in Shanghai
    assert format_dateline("بكين", late_utc, "شينخوا", "Asia/Shanghai") == "بكين 1 يناير 2018 (شينخوا)"
    assert format_dateline("بكين", late_utc, "شينخوا", "UTC") == "بكين 31 ديسمبر 2017 (شينخوا)"


@pytest.mark.parametrize("month", range(1, 13))
def test_dateline_uses_the_house_month_names_and_ascii_digits(month):
    text = format_dateline("القاهرة", datetime(2020, month, 5, 12), "", "Asia/Shanghai")
    assert text == f"القاهرة 5 {MONTHS[month - 1]} 2020"
    assert all(not ("\u0660" <= ch <= "\u0669") for ch in text)


def test_dateline_leaves_out_missing_parts():
    assert format_dateline("", None, "", "Asia/Shanghai") == ""
    assert format_dateline("موسكو", None, "شينخوا", "Asia/Shanghai") == "موسكو (شينخوا)"
    assert format_dateline("  ", datetime(2017, 4, 13), " ", "UTC") == "13 أبريل 2017"


def test_site_time_round_trip_and_unknown_zone():
    local = datetime(2017, 4, 13, 10, 58, 26)
    assert from_site_time(local, "Asia/Shanghai") == datetime(2017, 4, 13, 2, 58, 26)
    assert to_site_time(from_site_time(local, "Asia/Shanghai"), "Asia/Shanghai") == local
    with pytest.raises(ValueError, match="Mars/Olympus"):
        format_dateline("x", local, "", "Mars/Olympus")


# -- word count, keywords, compare ----------------------------------------------------------------


def test_word_count_and_reading_time():
    assert count_words("اتفقت روسيا والولايات المتحدة — على 50 مناسبة") == 7  # the dash is not a word
    assert count_words("") == 0
    assert reading_minutes(0) == 0
    assert reading_minutes(1) == 1
    assert reading_minutes(180) == 1
    assert reading_minutes(181) == 2


def test_keywords_split_on_latin_and_arabic_commas():
    assert split_keywords("روسيا، سوريا, الأمم  المتحدة؛ روسيا,,") == ["روسيا", "سوريا", "الأمم المتحدة"]


def test_side_by_side_marks_changes():
    rows = side_by_side(["a", "b", "c"], ["a", "B", "c", "d"])
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "a", "a"), ("changed", "b", "B"), ("equal", "c", "c"), ("added", "", "d"),
    ]  # fmt: skip


# -- find ignoring tashkeel and hamza -------------------------------------------------------------


def test_find_ignores_tashkeel_and_selects_the_marks_too():
    text = "قالَ الرئيسُ"
    ((start, end),) = find_all(text, "قال")
    assert text[start:end] == "قالَ"  # the fatha after the last letter belongs to the match


def test_find_ignores_hamza_forms_both_ways():
    text = "إن الأمم المتحدة والامم"
    assert [text[s:e] for s, e in find_all(text, "الامم")] == ["الأمم", "الامم"]
    assert [text[s:e] for s, e in find_all(text, "الأمم")] == ["الأمم", "الامم"]
    words = "أن إن آن ان"
    assert [words[s:e] for s, e in find_all(words, "ان")] == ["أن", "إن", "آن", "ان"]


def test_find_ignores_case_and_finds_nothing_for_empty():
    assert find_all("Reuters reuters", "REUTERS") == [(0, 7), (8, 15)]
    assert find_all("abc", "") == []
    assert find_all("abc", "ـ") == []  # a tatweel alone folds to nothing


# -- the body model -------------------------------------------------------------------------------


def test_parse_and_render_the_subset():
    html = ('<p>a <strong>b <em>c</em></strong> d</p><ul><li>x<ul><li>y</li></ul></li><li>z</li></ul>'
            '<ol><li>n</li></ol><blockquote><p>q</p><p>r <a href="https://e.com/?a=1&amp;b=2">l</a></p>'
            '</blockquote><h2>H</h2><h3>t</h3><p>x<br>y</p>')  # fmt: skip
    blocks = parse_body(html)
    assert [b.kind for b in blocks] == ["p", "li", "li", "li", "li", "p", "p", "h2", "h3", "p"]
    assert blocks[2].lists == (("ul", 0), ("ul", 1))
    assert blocks[4].lists == (("ol", 2),)
    assert blocks[6].quote and blocks[6].runs[1].href == "https://e.com/?a=1&b=2"
    assert blocks[9].text == "x\u2028y"
    assert render_body(blocks) == html


def test_parse_tolerates_layout_whitespace_and_stray_text():
    blocks = parse_body("\n  <p>\n   سطر\n   ثان  </p>\n\n نص حر <b>غامق</b>\n")
    assert [b.text for b in blocks] == ["سطر ثان  ", "نص حر غامق"]
    assert blocks[1].runs[-1] == Run("غامق", strong=True)


def test_nested_marks_render_the_longest_outermost():
    runs = (Run("a", em=True), Run("b", strong=True, em=True), Run("c", em=True))
    assert render_body([Block("p", runs)]) == "<p><em>a<strong>b</strong>c</em></p>"


def test_links_only_with_allowed_schemes():
    assert clean_href("https://example.com") == "https://example.com"
    assert clean_href(" mailto:desk@example.com ") == "mailto:desk@example.com"
    assert clean_href("javascript:alert(1)") is None
    assert clean_href("https:") is None
    assert parse_body('<p><a href="javascript:x()">t</a></p>')[0].runs == (Run("t"),)


def test_empty_blocks_are_left_out():
    assert render_body([Block("p", ()), Block("li", (), lists=(("ul", 0),))]) == ""
    assert parse_body("<p></p><p> </p>") == [Block("p", (Run(" "),))]


# hypothesis: generated documents of the subset survive render -> sanitize -> parse
_LETTERS = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىة") + list("abcXYZ019") +
                           ["\u064e", "\u0650", " ", "&", "<", ">", '"', "'", "\u00a0", "،", "\u2028"])  # fmt: skip
_TEXT = st.text(_LETTERS, min_size=1, max_size=12)
_RUN = st.builds(Run, _TEXT, st.booleans(), st.booleans(),
                 st.one_of(st.none(), st.sampled_from(["https://example.com/a?b=1&c=2", "mailto:x@y.z",
                                                       "http://news.cn/2017-04/13/c_136205067.htm"])))  # fmt: skip


@st.composite
def documents(draw):
    blocks: list[Block] = []
    lists = 0
    for _ in range(draw(st.integers(1, 8))):
        runs = tuple(draw(st.lists(_RUN, min_size=1, max_size=4)))
        shape = draw(st.sampled_from(["p", "h2", "h3", "quote", "li", "li2"]))
        if shape in ("li", "li2"):
            prev = blocks[-1].lists if blocks and blocks[-1].lists else None
            outer = prev[:1] if prev and draw(st.booleans()) else None
            if outer is None:
                outer = ((draw(st.sampled_from(["ul", "ol"])), lists),)
                lists += 1
            path = outer
            if shape == "li2":
                inner = prev[1:2] if prev and len(prev) > 1 and prev[0] == outer[0] and draw(st.booleans()) else None
                if inner is None:
                    inner = ((draw(st.sampled_from(["ul", "ol"])), lists),)
                    lists += 1
                path = outer + inner
            blocks.append(Block("li", runs, lists=path))
        else:
            blocks.append(Block("p" if shape == "quote" else shape, runs, quote=shape == "quote"))
    return blocks


def _canonical(blocks):
    return renumber_lists(parse_body(render_body(blocks)))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_body_round_trips_through_the_store(blocks):
    stored = sanitize_body(render_body(blocks))
    again = renumber_lists(parse_body(stored))
    assert again == _canonical(blocks)
    # a loaded body saved again is byte for byte what the store holds
    assert sanitize_body(render_body(parse_body(stored))) == stored
    # and the text itself is untouched
    assert "".join(b.text for b in again) == "".join(b.text for b in blocks)


# -- paste mapping --------------------------------------------------------------------------------


def test_word_processor_and_browser_markup_maps_to_the_subset():
    google_docs = ('<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
                   '<p dir="ltr"><span style="font-weight:700">غامق</span>'
                   '<span style="font-style:italic;font-weight:400"> مائل</span></p></b>')  # fmt: skip
    assert sanitize_body(google_docs) == "<p><strong>غامق</strong><em> مائل</em></p>"
    word = (
        "<html><head><title>Doc</title><style>p.MsoNormal{}</style></head><body>"
        "<!--StartFragment--><h1 onclick='x()'>عنوان</h1><div>سطر</div><div>آخر <b>ب</b> <i>م</i></div>"
        "<script>alert(1)</script><table><tr><td>أ</td><td>ب</td></tr></table><!--EndFragment--></body></html>"
    )
    cleaned = sanitize_body(clipboard_fragment(word))
    assert cleaned == "<h2>عنوان</h2><p>سطر</p><p>آخر <strong>ب</strong> <em>م</em></p><p>أ ب </p>"
    assert map_foreign("<p>no foreign <strong>markup</strong></p>") == "<p>no foreign <strong>markup</strong></p>"


def test_div_wrapping_paragraphs_is_not_a_paragraph_itself():
    assert sanitize_body("<div><p>أ</p><p>ب</p></div>") == "<p>أ</p><p>ب</p>"
