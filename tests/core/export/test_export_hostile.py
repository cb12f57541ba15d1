"""Hostile text in the exported files: the feed, bidi controls, the pages' content policy."""

from __future__ import annotations

import html
import json
from datetime import datetime
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.export import export_bundle

from tests.export_support import publish

IMG = '<img src=x onerror="alert(1)">'
ESCAPED_SCRIPT = "&lt;script&gt;alert(2)&lt;/script&gt;"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(markup: str) -> list[str]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


@pytest.fixture
def hostile(library, tmp_path):
    repo = ArticleRepo(library)
    docid = publish(repo, 700001, "world", f"عنوان {IMG}", datetime(2020, 1, 2, 3, 4, 5),
                    body=f"<p>نص {ESCAPED_SCRIPT} {IMG}</p>")  # fmt: skip
    out = tmp_path / "site"
    export_bundle(library, out, cache_dir=tmp_path / "cache")
    return {"out": out, "docid": docid}


def test_feed_titles_and_descriptions_carry_no_live_markup_for_a_reader_that_renders_html(hostile):
    tree = ElementTree.parse(hostile["out"] / "feed.xml")
    (item,) = tree.iter("item")
    title, description = item.findtext("title"), item.findtext("description")
    # A reader renders both as HTML: that HTML must hold no element, and show the text as typed.
    assert _tags(title) == [] and _tags(description) == []
    assert html.unescape(title) == f"عنوان {IMG}"
    assert html.unescape(description) == "نص <script>alert(2)</script>"


RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


def _title(page: str) -> str:
    return page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_bidi_controls_and_nul_from_the_wire_never_reach_past_their_field(library, tmp_path):
    from workstation.check import check_library
    from workstation.wire.importer import import_files

    wire = tmp_path / "wire.json"
    wire.write_text(json.dumps({
        "uri": "http://example.com/c_700002.htm", "headline": f"عنوان{RLO * 20}\x00 مقلوب{PDI}",
        "body_html": f"<p>نص\x00{RLO}مقلوب</p><p>سليم</p>", "byline": f"مراسل{LRI}", "keywords": [f"كلمة{RLO}"],
        "firstcreated": "2020-01-02T03:04:05Z",
    }), "utf-8")  # fmt: skip
    assert import_files(library, [wire]).created == 1
    record = ArticleRepo(library).get(700002)
    assert record.headline == f"عنوان{RLO * 20} مقلوب{PDF * 20}"
    assert record.body == f"<p>نص{RLO}مقلوب{PDF}</p><p>سليم</p>"
    assert record.byline == f"مراسل{LRI}{PDI}" and list(record.keywords) == [f"كلمة{RLO}{PDF}"]
    assert check_library(library) == []
    # Text that reached the store before it was cleaned on the way in is cleaned on the way out.
    with library.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE articles SET headline = ?, subheadline = ? WHERE id = 700002",
                             (f"عنوان{RLO * 20}\x00", f"{LRI}\x07"))  # fmt: skip
    out = tmp_path / "site"
    export_bundle(library, out, cache_dir=tmp_path / "cache")
    page = (out / "2020-01/02/c_700002.htm").read_text("utf-8")
    assert _title(page) == f"عنوان{RLO * 20}{PDF * 20} - arabic.news.cn"
    for path in out.rglob("*"):
        if path.suffix in (".htm", ".html", ".xml"):
            text = path.read_text("utf-8")
            assert "\x00" not in text and "\x07" not in text, path
            assert text.count(RLO) == text.count(PDF) and text.count(LRI) == text.count(PDI), path
