"""The bundle's machine-readable files: RSS 2.0, the full sitemap (with images), the news sitemap,
the manifest.

Every date in them comes from the stories themselves, never from the clock, so the
same library always gives the same bytes.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta
from email.utils import format_datetime

from workstation.export.embed import xml_escape as escape
from workstation.export.images import plan
from workstation.export.render import Renderer
from workstation.export.stories import Story

FEED_ITEMS = 50
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1000  # news search reads at most this many URLs from a news sitemap
SITEMAP_MAX = 50_000  # addresses in one sitemap file (the sitemaps protocol's limit)


def _feed_text(text: str) -> str:
    """Text for an RSS title or description: readers render both as HTML, so the text is escaped
    as HTML first (it shows as typed, never as markup), then as XML."""
    return escape(html.escape(text, quote=False))


def newest_first(stories: list[Story]) -> list[Story]:
    """Stories by publication time, newest first (document id breaks ties)."""
    return sorted(stories, key=lambda s: (s.published_at, s.docid), reverse=True)


def rss(renderer: Renderer, stories: list[Story]) -> bytes:
    """An RSS 2.0 feed of the newest stories (links absolute under the site's base URL, else relative
    to the feed like every link of the bundle)."""
    site = renderer.site
    items = newest_first(stories)[:FEED_ITEMS]
    names = site.section_names()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">', "<channel>",
             f"<title>{_feed_text(site.site_name)}</title>", f"<link>{escape(site.url('index.html'))}</link>",
             f"<description>{_feed_text(site.site_name)}</description>", "<language>ar</language>"]  # fmt: skip
    if items:
        newest = format_datetime(renderer.local(items[0].published_at))
        lines += [f"<pubDate>{newest}</pubDate>", f"<lastBuildDate>{newest}</lastBuildDate>"]
    for story in items:
        card = renderer.card(story.docid)
        lines += [
            "<item>",
            f"<title>{_feed_text(story.headline)}</title>",
            f"<link>{escape(site.url(card.href))}</link>",
            f'<guid isPermaLink="false">{story.docid}</guid>',
            f"<pubDate>{format_datetime(renderer.local(story.published_at))}</pubDate>",
            f"<category>{escape(names.get(story.section, story.section))}</category>",
            f"<description>{_feed_text(card.excerpt)}</description>",
            "</item>",
        ]
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines).encode("utf-8")


def sitemaps(renderer: Renderer, stories: list[Story], section_paths: list[str]) -> list[tuple[str, bytes]]:
    """The full sitemap: the home page, every section page and every story page, newest story
    first, each story page with the photo it shows (image extension). Past SITEMAP_MAX addresses
    (the protocol's limit) sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml …"""
    site = renderer.site
    entries = [f"<url><loc>{escape(site.url('index.html'))}</loc></url>"]
    entries += [f"<url><loc>{escape(site.url(p))}</loc></url>" for p in section_paths]
    for story in newest_first(stories):
        modified = renderer.local(max(story.updated_at, story.published_at)).isoformat()
        for k, path in enumerate(renderer.story_paths(story)):
            entry = f"<url><loc>{escape(site.url(path))}</loc><lastmod>{modified}</lastmod>"
            if story.photos:
                largest = plan(story.photos[k]).renditions[-1].jpeg
                entry += f"<image:image><image:loc>{escape(site.url(largest))}</image:loc></image:image>"
            entries.append(entry + "</url>")
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">']  # fmt: skip
    parts = [entries[i : i + SITEMAP_MAX] for i in range(0, len(entries), SITEMAP_MAX)]
    files = [f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)] if len(parts) > 1 else ["sitemap.xml"]
    out = [(name, "\n".join([*head, *part, "</urlset>", ""]).encode("utf-8")) for name, part in zip(files, parts)]
    if len(parts) > 1:
        index = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                 *(f"<sitemap><loc>{escape(site.url(name))}</loc></sitemap>" for name in files),
                 "</sitemapindex>", ""]  # fmt: skip
        out.insert(0, ("sitemap.xml", "\n".join(index).encode("utf-8")))
    return out


def news_sitemap(renderer: Renderer, stories: list[Story]) -> bytes:
    """The news sitemap: the stories of the last two days (counted back from the newest story, not
    from today, so the same library gives the same bytes), newest first, at most 1,000."""
    site = renderer.site
    ordered = newest_first(stories)
    recent_from = ordered[0].published_at - NEWS_WINDOW if ordered else None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']  # fmt: skip
    for story in ordered[:NEWS_MAX]:
        if story.published_at < recent_from:
            break
        entry = (
            f"<url><loc>{escape(site.url(renderer.story_path(story.docid)))}</loc>"
            "<news:news><news:publication>"
            f"<news:name>{escape(site.site_name)}</news:name><news:language>ar</news:language>"
            f"</news:publication><news:publication_date>{renderer.local(story.published_at).isoformat()}"
            "</news:publication_date>"
            f"<news:title>{escape(story.headline)}</news:title>"
        )
        if story.keywords:
            entry += f"<news:keywords>{escape(', '.join(story.keywords))}</news:keywords>"
        lines.append(entry + "</news:news></url>")
    lines += ["</urlset>", ""]
    return "\n".join(lines).encode("utf-8")


def _json_string(text: str) -> str:
    # The bundle's own names need no escaping; anything else goes through the encoder.
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return json.dumps(text, ensure_ascii=False)


def manifest(files: dict[str, tuple[str, int]]) -> bytes:
    """manifest.json: every other file of the bundle, relative path -> sha256 and size in bytes."""
    # One line per file, written out directly: json.dumps with indentation is many times slower.
    lines = [f' {_json_string(path)}: {{"bytes": {size}, "sha256": "{sha}"}}'
             for path, (sha, size) in sorted(files.items())]  # fmt: skip
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


__all__ = ["manifest", "news_sitemap", "newest_first", "rss", "sitemaps"]
