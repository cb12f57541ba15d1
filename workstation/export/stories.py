"""What an export publishes, read from the store in a few bulk queries.

Only published articles outside the trash are read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, text

from workstation.articles.sections import SectionRecord, SectionRepo
from workstation.body.dateline import site_zone
from workstation.body.plaintext import clean_text as c
from workstation.export.siteurl import BASE_URL_SETTING, normalize_base_url
from workstation.library.models import PUBLISHED, Setting
from workstation.library.seed import DEFAULT_SETTINGS
from workstation.library.store import Library
from workstation.photos.framing import turned_size


class PhotoRef(NamedTuple):
    """One gallery item of a story with what its photo file and renditions need (a tuple:
    ten thousand of them are made at every export)."""

    sha256: str
    ext: str
    width: int  # as shown: upright, then turned
    height: int
    orientation: int
    caption: str
    alt: str
    credit: str
    slug: str
    creator: str
    rotate: int = 0  # degrees clockwise on top of the upright file
    focus: tuple[float, float] | None = None  # the focal point, fractions of the photo as shown

    @property
    def meta_key(self) -> tuple[str, ...]:
        """The text embedded in the rendition files (it decides their names)."""
        return (self.caption, self.credit, self.creator, self.slug)


@dataclass(eq=False)
class Story:
    """A published article as the export sees it (treat as read-only; not frozen, because a
    frozen dataclass is several times slower to build and an export builds ten thousand)."""

    docid: int
    section: str
    headline: str
    subheadline: str
    byline: str
    source_title: str
    keywords_stored: str | list | None  # as the store returns it; `keywords` parses it when needed
    dateline_city: str
    dateline_at: datetime | None
    dateline_agency: str
    published_at: datetime  # naive UTC
    updated_at: datetime
    version: int
    photos: tuple[PhotoRef, ...]
    related: tuple[int, ...]
    bodies: BodyLoader = field(compare=False, repr=False)
    row: tuple = field(default=(), compare=False, repr=False)  # the article row as read, for `digest`

    @cached_property
    def keywords(self) -> tuple[str, ...]:
        """The keywords (parsed on first use: most stories of an export are never rendered)."""
        value = self.keywords_stored
        if isinstance(value, str):
            value = json.loads(value or "[]")
        return tuple(c(k) for k in value or ())

    @property
    def pages(self) -> int:
        """How many pages the story has: one per photo, at least one."""
        return max(1, len(self.photos))

    @property
    def body(self) -> str:
        """The stored body (read when first needed: an unchanged story's pages never need it)."""
        return self.bodies.get(self.docid)

    @cached_property
    def body_key(self) -> str:
        """Stands for the body in fingerprints without reading it (even its length would make
        SQLite read every body): every change of a body is a save or an import, which bumps the
        version and the update time."""
        return f"{self.version}:{self.updated_at}"

    @cached_property
    def digest(self) -> str:
        """A fingerprint of everything the story's own pages show of it: the stored row as read,
        its gallery and related links (repr of plain tuples runs in C, ten thousand times)."""
        source = (self.row, tuple(map(tuple, self.photos)), self.related)
        return hashlib.blake2b(repr(source).encode(), digest_size=16).hexdigest()


class BodyLoader:
    """Reads article bodies when they are first needed, many at a time where it can."""

    def __init__(self, library: Library):
        self.library = library
        self.bodies: dict[int, str] = {}

    def get(self, docid: int) -> str:
        """The body of one article."""
        body = self.bodies.get(docid)
        if body is None:
            self.prefetch([docid])
            body = self.bodies.setdefault(docid, "")
        return body

    def prefetch(self, docids: list[int] | None) -> None:
        """Reads the bodies of these articles (None: of every article) in a few queries."""
        with self.library.engine.connect() as conn:
            if docids is None:
                if self.library.is_sqlite:  # the driver's own cursor: several times faster on many rows
                    rows = conn.connection.dbapi_connection.cursor().execute("SELECT id, body FROM articles")
                else:
                    rows = conn.execute(text("SELECT id, body FROM articles"))
                self.bodies.update((docid, body or "") for docid, body in rows)
                return
            wanted = sorted(set(docids) - self.bodies.keys())
            for start in range(0, len(wanted), 500):
                rows = conn.execute(_query("SELECT a.id, a.body FROM articles a WHERE {where}", "a.id IN :ids"),
                                    {"ids": wanted[start : start + 500]})  # fmt: skip
                self.bodies.update((docid, body or "") for docid, body in rows)


@dataclass
class Site:
    """Everything an export publishes: settings, sections and the published stories."""

    site_name: str
    agency_name: str
    tz_name: str
    tz: ZoneInfo
    sections: list[SectionRecord]
    stories: dict[int, Story]  # by document id, ascending
    bodies: BodyLoader
    base_url: str = ""  # where the bundle is served, ending in "/"; "" when unknown
    tagline: str = DEFAULT_SETTINGS["tagline"]

    def url(self, rel: str) -> str:
        """The absolute address of a bundle path (the path itself when there is no base URL)."""
        return self.base_url + rel

    def section_names(self) -> dict[str, str]:
        """Section slug -> Arabic name."""
        return {s.slug: s.name for s in self.sections}


def _parse_time(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


_STORIES = (
    "SELECT a.id, s.slug, a.headline, a.subheadline, a.byline, a.source_title, a.keywords, a.dateline_city, "
    "a.dateline_at, a.dateline_agency, coalesce(a.published_at, a.created_at) AS published_at, a.updated_at, "
    "a.version FROM articles a JOIN sections s ON s.id = a.section_id WHERE {where} ORDER BY a.id"
)
_GALLERY = (
    "SELECT g.article_id, p.sha256, p.ext, p.width, p.height, p.orientation, g.caption, g.alt, g.credit, g.slug, "
    "p.meta, g.rotate, g.focus_x, g.focus_y FROM gallery_items g JOIN photos p ON p.sha256 = g.photo_sha256 "
    "JOIN articles a ON a.id = g.article_id WHERE {where} ORDER BY g.article_id, g.position, g.id"
)
_RELATED = (
    "SELECT r.article_id, r.related_id FROM related_links r JOIN articles a ON a.id = r.article_id "
    "WHERE {where} ORDER BY r.article_id, r.position, r.id"
)


def _query(sql: str, where: str):
    query = text(sql.format(where=where))
    return query.bindparams(bindparam("ids", expanding=True)) if ":ids" in where else query


def photo_creator(meta) -> str:
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            return ""
    value = (meta or {}).get("creator") or ""
    return ", ".join(value) if isinstance(value, list) else str(value)


def load_site(library: Library, docids: list[int] | None = None) -> Site:
    """The site as it would be published now: settings, sections and every published story.

    With `docids`, only those stories are read, whatever their status (for a preview).
    """
    if docids is None:
        where, params = PUBLISHED, {}
    else:
        where, params = "a.id IN :ids", {"ids": sorted(set(docids)) or [-1]}
    bodies = BodyLoader(library)
    sections = SectionRepo(library).tree()
    with library.engine.connect() as conn:
        settings = dict(conn.execute(select(Setting.key, Setting.value)).all())
        photos: dict[int, list[PhotoRef]] = {}
        if docids is None and library.is_sqlite:
            # The driver's own cursor: several times faster on ten thousand rows.
            cursor = conn.connection.dbapi_connection.cursor()

            def select_rows(sql: str):
                return cursor.execute(sql.format(where=where))
        else:

            def select_rows(sql: str):
                return conn.execute(_query(sql, where), params)

        creators: dict = {}
        for row in select_rows(_GALLERY):
            docid, sha, ext, width, height, orientation, caption, alt, credit, slug, meta, rotate, fx, fy = row
            key = meta if isinstance(meta, str) else json.dumps(meta, sort_keys=True)
            creator = creators.get(key)
            if creator is None:
                creator = creators[key] = photo_creator(meta)
            width, height = turned_size(width, height, rotate or 0)
            photos.setdefault(docid, []).append(PhotoRef(
                sha, ext, width, height, orientation or 1, c(caption or ""), c(alt or ""), c(credit or ""),
                c(slug or ""), c(creator), rotate or 0, None if fx is None or fy is None else (fx, fy),
            ))  # fmt: skip
        related: dict[int, list[int]] = {}
        for article_id, related_id in select_rows(_RELATED):
            related.setdefault(article_id, []).append(related_id)
        stories: dict[int, Story] = {}
        rows = select_rows(_STORIES)
        for row in rows:
            (docid, slug, headline, subheadline, byline, source_title, keywords, city, dateline_at, agency,
             published_at, updated_at, version) = row  # fmt: skip
            stories[docid] = Story(
                docid, slug, c(headline or ""), c(subheadline or ""), c(byline or ""), c(source_title or ""),
                keywords, c(city or ""), _parse_time(dateline_at), c(agency or ""), _parse_time(published_at),
                _parse_time(updated_at), version, tuple(photos.get(docid, ())), tuple(related.get(docid, ())),
                bodies, tuple(row),
            )  # fmt: skip
    tz_name = settings.get("timezone", DEFAULT_SETTINGS["timezone"])
    return Site(
        site_name=c(settings.get("site_name", DEFAULT_SETTINGS["site_name"])),
        agency_name=c(settings.get("agency_name", DEFAULT_SETTINGS["agency_name"])),
        tz_name=tz_name,
        tz=site_zone(tz_name),
        sections=sections,
        stories=stories,
        bodies=bodies,
        base_url=normalize_base_url(settings.get(BASE_URL_SETTING, "")),
        tagline=c(settings.get("tagline", DEFAULT_SETTINGS["tagline"])),
    )


def published_status(library: Library, docids: list[int]) -> dict[int, str]:
    """For each existing article of these ids: 'published', 'draft', 'ready' or 'trash'."""
    query = _query("SELECT a.id, a.status, a.trashed_at FROM articles a WHERE {where}", "a.id IN :ids")
    with library.engine.connect() as conn:
        rows = conn.execute(query, {"ids": sorted(set(docids)) or [-1]}).all()
    return {r.id: "trash" if r.trashed_at is not None else r.status for r in rows}
