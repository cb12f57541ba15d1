"""Pages of the bundle from the Jinja2 templates in resources/templates.

Autoescape is on for every template; the only markup passed in is built here from
escaped parts or comes out of `sanitize_body`. Everything a page shows is decided by
`Story`, the site settings and the templates, so a page's fingerprint can be computed
without rendering it (see `fingerprint_*`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from workstation.body.dateline import format_dateline
from workstation.body.richtext import body_text, sanitize_body
from workstation.export import seo
from workstation.export.images import ENCODING, SIZES, PhotoSet, plan
from workstation.export.stories import Site, Story
from workstation.paths import resources_dir

# Part of every page fingerprint: change it whenever the page code changes what it writes.
PAGE_FORMAT = "2"
PER_PAGE = 20
HOME_PER_SECTION = 6
EXCERPT_CHARS = 200

_FIRST_P = re.compile(r"^\s*<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]*>")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def templates_dir() -> Path:
    """The folder of the page templates."""
    return resources_dir() / "templates"


def static_dir() -> Path:
    """The folder of the stylesheet copied into every bundle."""
    return resources_dir() / "static"


def script_json(value) -> Markup:
    """JSON that is safe inside a <script> element: no text in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, code in _JSON_ESCAPES.items():  # str.replace runs in C; translate would not on this text
        if char in text:
            text = text.replace(char, code)
    return Markup(text)


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of the body's plain text, cut at a word boundary."""
    text = body_text(body).replace("\n", " ")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def with_dateline(body: str, dateline: str) -> Markup:
    """The sanitized body whose first paragraph opens with the dateline (unless it already does)."""
    clean = sanitize_body(body)
    if not dateline:
        return Markup(clean)
    lead = Markup('<span class="dateline">{}</span>').format(dateline)
    first = _FIRST_P.match(clean)
    if first is None:
        return Markup("<p>{}</p>\n").format(lead) + Markup(clean)
    opening = html.unescape(_TAG.sub("", first.group(1))).lstrip()
    if opening.startswith(dateline):
        return Markup(clean)
    start = first.start(1)
    return Markup(clean[:start]) + lead + Markup(" " + clean[start:])


@dataclass(frozen=True)
class Card:
    """A story as a listing or the related block shows it."""

    docid: int
    headline: str
    href: str  # relative to the bundle root
    iso: str
    when: str
    thumb: PhotoSet | None
    excerpt: str


class Renderer:
    """Renders the pages of one site; `published` is the set of stories the bundle will hold."""

    def __init__(self, site: Site, published: set[int], cache: Path | None = None):
        self.site = site
        self.published = published
        bytecode = None
        if cache is not None:  # compiled templates kept between runs: saves a tenth of a second each export
            (cache / "templates").mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache / "templates"))
        self.env = Environment(
            bytecode_cache=bytecode,
            auto_reload=False,  # templates do not change during an export: no stat per page
            loader=FileSystemLoader(str(templates_dir())),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=False,
            keep_trailing_newline=True,
        )
        self.article_tpl = self.env.get_template("article.html")
        self.section_tpl = self.env.get_template("section.html")
        self.home_tpl = self.env.get_template("home.html")
        macros = self.env.get_template("_cards.html").module
        self.card_macro, self.thumb_macro = macros.card, macros.thumb
        self._card_html: dict[tuple[int, str, bool, bool], Markup] = {}
        self._style: dict[str, tuple[Markup, str]] = {}
        self._head: dict[str, Markup] = {}
        self._excerpts: dict[int, str] = {}
        self._nav: dict[str, Markup] = {}
        self._cards: dict[int, Card] = {}
        self._paths: dict[int, str] = {}
        self._names = site.section_names()
        self._local: dict[datetime, datetime] = {}

    # -- what decides the bytes ---------------------------------------------------------------
    @cached_property
    def site_digest(self) -> str:
        """A fingerprint of what every page shares: templates, stylesheet, settings, sections."""
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{PAGE_FORMAT}\x00{ENCODING}\x00{self.site.site_name}\x00{self.site.agency_name}\x00"
                 f"{self.site.tz_name}\x00{self.site.tagline}\x00".encode())  # fmt: skip
        if self.site.base_url:
            h.update(f"base\x00{self.site.base_url}\x00".encode())
        for s in self.site.sections:
            h.update(f"{s.slug}\x01{s.name}\x01{s.parent}\x01{s.depth}\x00".encode())
        for folder in (templates_dir(), static_dir()):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    h.update(path.relative_to(folder).as_posix().encode() + b"\x00" + path.read_bytes())
        return h.hexdigest()

    def card_digest(self, docid: int) -> str:
        """A fingerprint of a story's card (what other pages show of it), without rendering it:
        the story's own digest covers its headline, time, first photo and body version."""
        return self.site.stories[docid].digest

    def fingerprint_story(self, story: Story) -> str:
        """A fingerprint of every page of a story: it changes when any of their bytes would."""
        stories = self.site.stories
        parts = [self.site_digest, story.digest, *(stories[d].digest for d in self.related_ids(story))]
        return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()

    # -- places and times ---------------------------------------------------------------------
    def local(self, when: datetime) -> datetime:
        """A stored UTC time in the site's time zone."""
        local = self._local.get(when)
        if local is None:
            local = self._local[when] = when.replace(tzinfo=UTC).astimezone(self.site.tz)
        return local

    def story_path(self, docid: int, page: int = 1) -> str:
        """The bundle path of a story's page: YYYY-MM/DD/c_<docid>.htm, c_<docid>_<k>.htm."""
        base = self._paths.get(docid)
        if base is None:
            local = self.local(self.site.stories[docid].published_at)
            base = self._paths[docid] = f"{local:%Y-%m}/{local:%d}/c_{docid}"
        return f"{base}.htm" if page == 1 else f"{base}_{page}.htm"

    def story_paths(self, story: Story) -> list[str]:
        """Every page path of a story, in page order."""
        return [self.story_path(story.docid, k) for k in range(1, story.pages + 1)]

    @staticmethod
    def section_path(slug: str, page: int = 1) -> str:
        """The bundle path of a section page: <slug>/index.html, <slug>/index_<k>.html."""
        return f"{slug}/index.html" if page == 1 else f"{slug}/index_{page}.html"

    def nav(self, root: str) -> Markup:
        """The section bar as seen from a page `root` away from the bundle root."""
        if root not in self._nav:
            items = [{"name": s.name, "href": "index.html" if s.slug == "home" else self.section_path(s.slug)}
                     for s in self.site.sections if s.depth == 0]  # fmt: skip
            self._nav[root] = Markup(self.env.get_template("_nav.html").render(items=items, root=root))
        return self._nav[root]

    def card(self, docid: int) -> Card:
        """The card of a published story."""
        card = self._cards.get(docid)
        if card is None:
            story = self.site.stories[docid]
            local = self.local(story.published_at)
            card = self._cards[docid] = Card(
                docid, story.headline, self.story_path(docid), local.isoformat(), f"{local:%Y-%m-%d %H:%M:%S}",
                plan(story.photos[0]) if story.photos else None, self.excerpt(docid),
            )  # fmt: skip
        return card

    def excerpt(self, docid: int) -> str:
        """The opening words of a story's body (description, card, feed)."""
        text = self._excerpts.get(docid)
        if text is None:
            text = self._excerpts[docid] = excerpt(self.site.stories[docid].body)
        return text

    def card_html(self, docid: int, root: str, with_excerpt: bool = True, lead: bool = False) -> Markup:
        """A story's card as markup, rendered once for each place it is seen from; a page's `lead`
        card fetches its photo first, the others only once scrolled near."""
        key = (docid, root, with_excerpt, lead)
        html = self._card_html.get(key)
        if html is None:
            html = self._card_html[key] = self.card_macro(self.card(docid), root, with_excerpt, lead)
        return html

    def related_ids(self, story: Story) -> list[int]:
        """The related stories the bundle holds (a link to any other would be broken)."""
        return [d for d in story.related if d in self.published and d != story.docid]

    # -- pages --------------------------------------------------------------------------------
    def style(self, root: str) -> tuple[Markup, str]:
        """The inline first-paint stylesheet of a page `root` away from the bundle root, and its
        Content-Security-Policy source ('sha256-…'), which a policy needs to let it apply."""
        style = self._style.get(root)
        if style is None:
            css = seo.inline_css(root)
            digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
            style = self._style[root] = (Markup(css), f"'sha256-{digest}'")
        return style

    def head_links(self, root: str) -> Markup:
        """The preloads, icons and inline stylesheet of a page's head, rendered once a folder depth."""
        if root not in self._head:
            self._head[root] = Markup(self.env.get_template("_head.html").render(
                root=root, fonts=seo.PRELOADED_FONTS, style=self.style(root)[0]))  # fmt: skip
        return self._head[root]

    def _common(self, root: str, title: str, path: str, description: str) -> dict:
        return {"root": root, "nav": self.nav(root), "site_name": self.site.site_name,
                "agency_name": self.site.agency_name, "title": title, "description": description,
                "canonical": self.site.url(path) if self.site.base_url else None,
                "head_links": self.head_links(root), "style_csp": self.style(root)[1]}  # fmt: skip

    def article_pages(self, story: Story, root: str = "../../") -> list[tuple[str, bytes]]:
        """Every page of a story: page k shows gallery photo k, with the pager between them."""
        return [(path, text.encode("utf-8")) for path, text in self._article_pages(story, root)]

    def _article_pages(self, story: Story, root: str) -> list[tuple[str, str]]:
        site = self.site
        local = self.local(story.published_at)
        iso = local.isoformat()
        modified_iso = self.local(max(story.updated_at, story.published_at)).isoformat()
        dateline = format_dateline(story.dateline_city, story.dateline_at or story.published_at,
                                   story.dateline_agency, site.tz_name)  # fmt: skip
        body = with_dateline(story.body, dateline)
        description = self.excerpt(story.docid)
        section_name = self._names.get(story.section, story.section)
        sets = [plan(p) for p in story.photos]
        paths = self.story_paths(story)
        names = [p.rsplit("/", 1)[1] for p in paths]
        related = [self.card_html(d, root, False) for d in self.related_ids(story)]
        thumbs = [self.thumb_macro(ps, root, ps.photo.alt or ps.photo.caption or story.headline) for ps in sets]
        common = self._common(root, story.headline, paths[0], description)
        common.update(
            s=story, iso=iso, modified_iso=modified_iso, when=f"{local:%Y-%m-%d %H:%M:%S}", body=body,
            description=description, section_name=section_name, sizes=SIZES, docid=story.docid,
            section_href="index.html" if story.section == "home" else self.section_path(story.section),
            related=related,
        )  # fmt: skip
        out = []
        base = site.base_url
        # Without a base URL, addresses in structured data are relative to the page, like its links.
        address = site.url if base else (lambda rel: root + rel)
        trail = [(site.site_name, address("index.html"))]
        trail += [(self._names.get(slug, slug), address(self.section_path(slug)))
                  for slug in seo.section_trail(site, story.section) if slug != "home"]  # fmt: skip
        for k in range(1, story.pages + 1):
            photo = sets[k - 1] if sets else None
            canonical = site.url(paths[k - 1]) if base else names[k - 1]
            images = (
                [address(f) for f in (photo.square.jpeg, photo.wide.jpeg, photo.renditions[-1].jpeg)] if photo else None
            )
            ld = seo.news_article(
                site, story, url=canonical, image=images,
                logo=address(seo.LOGO[0]), published=iso, modified=modified_iso, section=section_name,
                description=description,
            )  # fmt: skip
            crumbs = seo.breadcrumbs([*trail, (story.headline, canonical)])
            pager = [{"number": i, "href": names[i - 1], "current": i == k} for i in range(1, story.pages + 1)]
            gallery = [{"thumb": thumbs[i], "href": names[i], "current": i + 1 == k} for i in range(len(sets))]
            srcset = None
            if photo:
                srcset = {"jpeg": ", ".join(f"{root}{r.jpeg} {r.width}w" for r in photo.renditions),
                          "webp": ", ".join(f"{root}{r.webp} {r.width}w" for r in photo.renditions)}  # fmt: skip
            out.append((paths[k - 1], self.article_tpl.render(
                common, photo=photo, photo_srcset=srcset, jsonld=script_json(ld), canonical=canonical,
                og_image=address(photo.wide.jpeg) if photo else None, breadcrumb_ld=script_json(crumbs),
                pager=pager if story.pages > 1 else None, gallery=gallery,
            )))  # fmt: skip
        return out

    def section_page(self, slug: str, page: int, count: int, docids: list[int]) -> tuple[str, bytes]:
        """Page `page` of `count` of a section, listing these stories (newest first)."""
        name = self._names[slug]
        cards = [self.card_html(d, "../", lead=i == 0) for i, d in enumerate(docids)]
        title = name if page == 1 else f"{name} ({page})"
        path = self.section_path(slug, page)
        description = seo.section_description(title, [self.site.stories[d].headline for d in docids])
        text = self.section_tpl.render(self._common("../", title, path, description), section_name=name, cards=cards,
                                       pager=_window_pager(page, count) if count > 1 else None)  # fmt: skip
        return path, text.encode("utf-8")

    def home_page(self, latest: dict[str, list[int]]) -> bytes:
        """The home page: the latest stories of every section that has any."""
        blocks = [
            {"slug": s.slug, "name": s.name, "href": self.section_path(s.slug),
             "cards": [self.card_html(d, "", i == 0) for i, d in enumerate(latest[s.slug][:HOME_PER_SECTION])]}
            for s in self.site.sections if latest.get(s.slug)
        ]  # fmt: skip
        if blocks:  # the first story of the first section leads the page
            first = latest[blocks[0]["slug"]][0]
            blocks[0]["cards"][0] = self.card_html(first, "", True, lead=True)
        common = self._common("", self.site.site_name, "index.html", self.site.tagline or self.site.site_name)
        return self.home_tpl.render(common, blocks=blocks).encode("utf-8")


def _window_pager(page: int, count: int, span: int = 3) -> list[dict]:
    """Page numbers around the current one, with the first and last always shown."""
    shown = sorted({1, count, *range(max(1, page - span), min(count, page + span) + 1)})
    out: list[dict] = []
    previous = 0
    for number in shown:
        if number > previous + 1:
            out.append({"gap": True})
        href = "index.html" if number == 1 else f"index_{number}.html"
        out.append({"number": number, "href": href, "current": number == page, "gap": False})
        previous = number
    return out


__all__ = ["Card", "Renderer", "escape", "excerpt", "script_json", "with_dateline"]
