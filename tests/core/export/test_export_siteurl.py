"""The site's base URL: a library setting or `export --base-url`; with it the addresses that leave
the bundle are absolute and the links between its pages stay relative."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from workstation.cli import main as cli_main
from workstation.export import export_bundle
from workstation.export.siteurl import normalize_base_url, save_base_url, saved_base_url
from workstation.library.store import open_library

from tests.export_support import SEED_DOCID, build_sample

BASE = "https://arabic.example.com/news/"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("siteurl")
    library = open_library(str(root / "library.sqlite"))
    build_sample(library, payload_story=False)
    export_bundle(library, root / "plain", cache_dir=root / "cache").wait()
    export_bundle(library, root / "based", cache_dir=root / "cache", base_url=BASE.rstrip("/")).wait()
    yield {"library": library, "root": root, "plain": root / "plain", "based": root / "based"}
    library.close()


def test_normalize_base_url():
    assert normalize_base_url(" https://example.com ") == "https://example.com/"
    assert normalize_base_url("http://example.com:8080/site/") == "http://example.com:8080/site/"
    assert normalize_base_url("") == ""
    for bad, reason in (("example.com", "http://"), ("ftp://example.com/", "http://"), ("https://", "host"),
                        ("https://example.com/?a=1", "query"), ("https://exa mple.com/", "spaces"),
                        ("https://example.com:port/", "not a URL")):  # fmt: skip
        with pytest.raises(ValueError, match=re.escape(reason)) as caught:
            normalize_base_url(bad)
        assert bad.strip() in str(caught.value)


def test_the_setting_is_kept_and_removed(library):
    assert saved_base_url(library) == ""
    assert save_base_url(library, "https://example.com") == "https://example.com/"
    assert saved_base_url(library) == "https://example.com/"
    with pytest.raises(ValueError):
        save_base_url(library, "javascript:alert(1)")
    assert saved_base_url(library) == "https://example.com/"
    assert save_base_url(library, "") == ""
    assert saved_base_url(library) == ""


def test_absolute_where_the_address_leaves_the_bundle(sample):
    page = (sample["based"] / f"2017-04/13/c_{SEED_DOCID}_2.htm").read_text("utf-8")
    url = f"{BASE}2017-04/13/c_{SEED_DOCID}_2.htm"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert image.startswith(f"{BASE}photos/") and (sample["based"] / image.removeprefix(BASE)).is_file()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["mainEntityOfPage"] == url and ld["image"][0].startswith(f"{BASE}photos/")
    # links between pages stay relative: the bundle still browses from a folder
    assert 'href="../../world/index.html"' in page and 'href="c_136205067_3.htm"' in page
    assert '<link rel="canonical" href="https://arabic.example.com/news/world/index.html">' in (
        sample["based"] / "world/index.html").read_text("utf-8")  # fmt: skip
    assert f'<link rel="canonical" href="{BASE}index.html">' in (sample["based"] / "index.html").read_text("utf-8")


def test_feed_and_sitemap_are_absolute(sample):
    feed = ElementTree.fromstring((sample["based"] / "feed.xml").read_bytes())
    links = [e.text for e in feed.iter("link")]
    assert links[0] == f"{BASE}index.html" and f"{BASE}2017-04/13/c_{SEED_DOCID}.htm" in links
    assert all(link.startswith(BASE) for link in links)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [
        e.text for e in ElementTree.fromstring((sample["based"] / "sitemap.xml").read_bytes()).iterfind(".//s:loc", ns)
    ]
    assert locs and all(loc.startswith(BASE) for loc in locs)
    for loc in locs:
        assert (sample["based"] / loc.removeprefix(BASE)).is_file(), loc


def test_without_it_nothing_is_absolute(sample):
    page = (sample["plain"] / f"2017-04/13/c_{SEED_DOCID}_2.htm").read_text("utf-8")
    assert f'<link rel="canonical" href="c_{SEED_DOCID}_2.htm">' in page
    assert "https://arabic.example.com" not in page
    assert "canonical" not in (sample["plain"] / "index.html").read_text("utf-8")
    assert "<loc>index.html</loc>" in (sample["plain"] / "sitemap.xml").read_text("utf-8")


def test_the_library_setting_and_the_command_line(sample, tmp_path, capsys):
    library = sample["library"]
    db = str(library.path)
    save_base_url(library, BASE)
    try:
        assert cli_main(["--db", db, "export", "--out", str(tmp_path / "a")]) == 0
        assert f"<loc>{BASE}index.html</loc>" in (tmp_path / "a/sitemap.xml").read_text("utf-8")
        assert cli_main(["--db", db, "export", "--out", str(tmp_path / "b"), "--base-url", ""]) == 0
        assert (tmp_path / "b/sitemap.xml").read_bytes() == (sample["plain"] / "sitemap.xml").read_bytes()
        other = "http://127.0.0.1:8000/"
        assert cli_main(["--db", db, "export", "--out", str(tmp_path / "c"), "--base-url", other]) == 0
        assert f"<loc>{other}index.html</loc>" in (tmp_path / "c/sitemap.xml").read_text("utf-8")
        capsys.readouterr()
        assert cli_main(["--db", db, "export", "--out", str(tmp_path / "d"), "--base-url", "www.example.com"]) == 2
        err = capsys.readouterr().err
        assert "'www.example.com'" in err and "http://" in err and "Traceback" not in err
        assert not (tmp_path / "d").exists()
    finally:
        save_base_url(library, "")
