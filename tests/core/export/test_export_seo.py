"""What search engines and phones read of the exported pages: structured data as news search asks
for it, descriptions, icons, the first-paint head, image priorities, the sitemaps and web fonts."""

from __future__ import annotations

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from workstation.articles.repo import ArticleRepo
from workstation.export import export_bundle, feeds
from workstation.library.store import open_library
from workstation.paths import resources_dir

from tests import ROOT
from tests.export_support import SEED_DOCID, SEED_HEADLINE, build_sample, publish

BASE = "https://arabic.example.com/"
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9",
      "image": "http://www.google.com/schemas/sitemap-image/1.1"}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample site plus a story older than the news window, exported with a base URL."""
    root = tmp_path_factory.mktemp("seo")
    library = open_library(str(root / "library.sqlite"))
    ids = build_sample(library, payload_story=False)
    ids["old"] = publish(ArticleRepo(library), 136100001, "science", "خبر قديم", datetime(2017, 4, 1, 8, 0, 0),
                         body="<p>نص قديم.</p>")  # fmt: skip
    export_bundle(library, root / "site", cache_dir=root / "cache", base_url=BASE).wait()
    yield {"out": root / "site", "ids": ids, "library": library, "root": root}
    library.close()


class _Head(HTMLParser):
    """The elements of a page with their attributes, and the JSON-LD documents."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ld: list[dict] = []
        self._in_ld = False
        self._in_body = False
        self.body_tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "body":
            self._in_body = True
        if self._in_body:
            self.body_tags.append((tag, a))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def bundle_file(out: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = out / url.removeprefix(BASE)
    assert path.is_file(), url
    return path


def test_news_article_has_what_news_search_requires(site):
    out = site["out"]
    for k in range(1, 6):
        name = f"c_{SEED_DOCID}.htm" if k == 1 else f"c_{SEED_DOCID}_{k}.htm"
        article, crumbs = head(out / "2017-04/13" / name).ld
        assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
        assert article["headline"] == SEED_HEADLINE
        assert article["mainEntityOfPage"] == article["url"] == f"{BASE}2017-04/13/{name}"
        assert article["datePublished"] == "2017-04-13T10:58:26+08:00"
        assert OFFSET.match(article["dateModified"]) and article["dateModified"] >= article["datePublished"]
        assert article["author"] == {"@type": "Person", "name": "مراسل شينخوا"}
        publisher = article["publisher"]
        assert publisher["@type"] == "Organization" and publisher["name"] == "arabic.news.cn"
        logo = publisher["logo"]
        assert logo["@type"] == "ImageObject" and (logo["width"], logo["height"]) == (512, 512)
        assert bundle_file(out, logo["url"]).read_bytes().startswith(b"\x89PNG")
        square, wide, whole = article["image"]  # photo k: 1:1 and 1.91:1 around its focal point, and whole
        for image, size in ((square, (320, 320)), (wide, (1200, 630)), (whole, (1200, 800))):
            with Image.open(bundle_file(out, image)) as photo:
                assert (photo.format, photo.size) == ("JPEG", size)
        assert f"-{1200}.jpg" in whole  # the largest rendition
        assert [i["position"] for i in crumbs["itemListElement"]] == [1, 2, 3]
        assert crumbs["@type"] == "BreadcrumbList"
        assert [(i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
            ("arabic.news.cn", f"{BASE}index.html"), ("العالم", f"{BASE}world/index.html"),
            (SEED_HEADLINE, f"{BASE}2017-04/13/{name}")]  # fmt: skip


def test_a_story_without_byline_or_photo_still_has_author_and_no_broken_image(site):
    article, _ = head(site["out"] / f"2017-04/01/c_{site['ids']['old']}.htm").ld
    assert article["author"] == {"@type": "Organization", "name": "新华社"}
    assert "image" not in article and article["publisher"]["logo"]["url"].startswith(BASE)


def test_every_page_has_a_description_icons_and_a_head_that_blocks_nothing(site):
    out = site["out"]
    pages = sorted(p for p in out.rglob("*") if p.suffix in (".html", ".htm"))
    assert len(pages) > 20
    for page in pages:
        parsed = head(page)
        rel = page.relative_to(out).as_posix()
        meta = {a.get("name"): a.get("content") for t, a in parsed.tags if t == "meta" and a.get("name")}
        assert meta["description"].strip(), rel
        links = [(a.get("rel"), a) for t, a in parsed.tags if t == "link"]
        head_links = [a for t, a in parsed.tags[: parsed.tags.index(("body", {}))] if t == "link"]
        assert not [a for a in head_links if a.get("rel") == "stylesheet"], rel  # nothing render-blocking
        [sheet] = [a for t, a in parsed.body_tags if t == "link"]
        assert sheet["rel"] == "stylesheet" and parsed.body_tags[-1] == ("link", sheet), rel  # last in the body
        icons = {a["rel"]: a["href"] for rel_, a in links if rel_ in ("icon", "apple-touch-icon")}
        assert set(icons) == {"icon", "apple-touch-icon"}, rel
        for _, a in links:
            if a.get("rel") in ("icon", "apple-touch-icon", "preload", "stylesheet"):
                assert (page.parent / a["href"]).resolve().is_file(), f"{rel}: {a['href']}"
        preloads = [a for _, a in links if a.get("rel") == "preload"]
        assert [(a["as"], a["type"], "crossorigin" in a) for a in preloads] == [("font", "font/woff2", True)] * 2
        canonical = [a["href"] for _, a in links if a.get("rel") == "canonical"]
        assert canonical == [BASE + rel], rel
        images = [a for t, a in parsed.tags if t == "img"]
        assert all(a.get("width") and a.get("height") for a in images), rel
        assert sum(a.get("fetchpriority") == "high" for a in images) <= 1, rel
        assert all(a.get("loading") == "lazy" for a in images if a.get("fetchpriority") != "high"), rel
    home = {a.get("name"): a.get("content") for t, a in head(out / "index.html").tags if t == "meta"}
    assert home["description"] == "آخر أخبار الصين والشرق الأوسط والعالم باللغة العربية"
    world = {a.get("name"): a.get("content") for t, a in head(out / "world/index.html").tags if t == "meta"}
    assert world["description"].startswith(f"العالم: {SEED_HEADLINE}، خبر ذو صلة رقم")


def test_the_lead_photo_comes_first(site):
    out = site["out"]
    article = [a for t, a in head(out / f"2017-04/13/c_{SEED_DOCID}.htm").tags if t == "img"]
    assert article[0].get("fetchpriority") == "high" and "loading" not in article[0]  # the story's photo
    assert all(a.get("loading") == "lazy" for a in article[1:]) and len(article) > 5
    for page in ("index.html", "world/index.html"):
        images = [a for t, a in head(out / page).tags if t == "img"]
        assert images[0].get("fetchpriority") == "high" and all(a.get("loading") == "lazy" for a in images[1:])


def test_sitemaps_follow_the_rules(site, monkeypatch):
    out = site["out"]
    full = ElementTree.fromstring((out / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=NS): u for u in full.iterfind("s:url", NS)}
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".html", ".htm"))
    assert sorted(u.removeprefix(BASE) for u in urls) == pages  # every page, each once
    for k in range(1, 6):
        name = f"{BASE}2017-04/13/c_{SEED_DOCID}" + ("" if k == 1 else f"_{k}") + ".htm"
        [image] = [i.findtext("image:loc", namespaces=NS) for i in urls[name].iterfind("image:image", NS)]
        bundle_file(out, image)
        assert image in (out / name.removeprefix(BASE)).read_text("utf-8")  # the photo that page shows
    news = ElementTree.fromstring((out / "news-sitemap.xml").read_bytes())
    locs = [u.findtext("s:loc", namespaces=NS) for u in news.iterfind("s:url", NS)]
    assert f"{BASE}2017-04/13/c_{SEED_DOCID}.htm" in locs and len(locs) == 9  # the seed and 8 related stories
    assert not [u for u in locs if str(site["ids"]["old"]) in u]  # twelve days older than the newest story
    dates = [u.findtext("news:news/news:publication_date", namespaces=NS) for u in news.iterfind("s:url", NS)]
    assert dates == sorted(dates, reverse=True) and all(OFFSET.match(d) for d in dates)
    # at most NEWS_MAX stories, the newest
    monkeypatch.setattr(feeds, "NEWS_MAX", 3)
    export_bundle(site["library"], site["root"] / "capped", cache_dir=site["root"] / "cache", base_url=BASE).wait()
    capped = ElementTree.fromstring((site["root"] / "capped/news-sitemap.xml").read_bytes())
    assert [u.findtext("s:loc", namespaces=NS) for u in capped.iterfind("s:url", NS)] == locs[:3]


def test_web_fonts_are_subsets_that_cover_arabic_news_text(site):
    fontTools = pytest.importorskip("fontTools.ttLib")
    text = "".join(p.read_text("utf-8") for p in site["out"].rglob("*.htm"))
    arabic = {ord(c) for c in text if "\u0600" <= c <= "\u06ff"}
    for weight in ("Regular", "Bold"):
        path = resources_dir() / "fonts" / f"NotoNaskhArabic-{weight}.subset.woff2"
        assert path.read_bytes()[:4] == b"wOF2" and path.stat().st_size < 60_000
        font = fontTools.TTFont(str(path))
        cmap = font.getBestCmap()
        assert arabic <= set(cmap) and "GSUB" in font and "GPOS" in font  # Arabic still shapes
        names = {r.nameID: r.toUnicode() for r in font["name"].names}
        assert "Open Font License" in names[13] and "Copyright" in names[0]  # the OFL's notices stay


def test_the_fallback_metrics_are_those_computed_from_the_fonts():
    pytest.importorskip("uharfbuzz")
    pytest.importorskip("fontTools.ttLib")
    import importlib.util

    spec = importlib.util.spec_from_file_location("web_fonts", ROOT / "packaging" / "web_fonts.py")
    web_fonts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(web_fonts)
    css = (resources_dir() / "static" / "fonts.css").read_text("utf-8")
    text = web_fonts.sample_text()
    for _names, weight, path in web_fonts.FALLBACKS:
        if not Path(path).is_file():
            pytest.skip(f"{path} is missing (fonts-dejavu-core)")
        rule = re.search(rf"@font-face {{[^}}]*font-weight: {weight};[^}}]*size-adjust[^}}]*}}", css).group(0)
        web = str(resources_dir() / "fonts" / f"NotoNaskhArabic-{web_fonts.WEIGHTS[weight]}.ttf")
        for key, value in web_fonts.overrides(web, path, text).items():
            assert f"{key}: {value}" in rule


def test_a_sitemap_past_the_protocols_limit_becomes_an_index(site, monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAP_MAX", 10)
    out = site["root"] / "split"
    export_bundle(site["library"], out, cache_dir=site["root"] / "cache", base_url=BASE).wait()
    index = ElementTree.fromstring((out / "sitemap.xml").read_bytes())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [s.findtext("s:loc", namespaces=NS) for s in index.iterfind("s:sitemap", NS)]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 2
    locs = []
    for part in parts:
        urls = list(ElementTree.fromstring(bundle_file(out, part).read_bytes()).iterfind("s:url", NS))
        assert 0 < len(urls) <= 10
        locs += [u.findtext("s:loc", namespaces=NS) for u in urls]
    whole = ElementTree.fromstring((site["out"] / "sitemap.xml").read_bytes())
    assert locs == [u.findtext("s:loc", namespaces=NS) for u in whole.iterfind("s:url", NS)]
    from workstation.publish.plan import kind

    assert kind("sitemap.xml") == kind("sitemap-2.xml") == kind("news-sitemap.xml") == "feeds"  # sent after pages


def test_the_inline_stylesheet_hash_for_a_content_security_policy(site):
    import base64
    import hashlib

    from workstation.export.render import Renderer
    from workstation.export.stories import load_site

    renderer = Renderer(load_site(site["library"]), set())
    for page, root in ((f"2017-04/13/c_{SEED_DOCID}.htm", "../../"), ("world/index.html", "../"), ("index.html", "")):
        css = re.search(r"<style>(.*?)</style>", (site["out"] / page).read_text("utf-8"), re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert renderer.style(root)[1] == f"'sha256-{digest}'"
