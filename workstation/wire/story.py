"""A wire story, whatever format it came in, and how it becomes an article for the bulk writer.

Each format's reader (`from_ninjs`, `from_newsml`, `from_nitf`) fills a `WireStory`; the rules
that do not depend on the format live here once: which body wins, status from `pubStatus`,
language and embargo, the document id a uri holds, the section an item names, the search row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from workstation.articles.bulkwrite import MAX_DOCID, IncomingArticle
from workstation.body.plaintext import clean_text
from workstation.body.richtext import sanitize_body, text_to_body
from workstation.clock import utcnow
from workstation.search.index import document
from workstation.search.textnorm import normalize

LIBRARY_LANGUAGE = "ar"
"""The language the site publishes in; a story in any other is a source for the translation desk."""

NOT_STORIES = {
    "picture": "a picture item",
    "photo": "a picture item",
    "graphic": "a graphic item",
    "video": "a video item",
    "audio": "an audio item",
    "event": "an event",
    "planning": "a planning item",
    "concept": "a concept item",
    "knowledge": "a knowledge item",
    "package": "a package item",
    "component": "a component item",
}
"""What an item that is not a text story is called in its refusal, by its kind."""


class ItemError(ValueError):
    """An item that cannot become an article; the message is the reason."""


def not_a_story(kind: str) -> ItemError:
    """The refusal of an item of another kind than a text story."""
    name = NOT_STORIES.get(kind) or (f"an {kind} item" if kind[:1] in "aeiou" else f"a {kind} item")
    return ItemError(f"{name}, not a text story")


@dataclass(slots=True)
class WireStory:
    """One text story as a wire format gives it, before it becomes an article."""

    headline: str | None = None
    body_html: str | None = None  # HTML or XHTML, sanitized on the way in
    body_text: str | None = None  # plain text, one paragraph a line
    byline: str | None = None
    summary: str | None = None
    keywords: list[str] | None = None
    dateline_city: str | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed: datetime | None = None
    urgency: int | None = None
    version: int | None = None  # the item's own version number (NewsML-G2 `version`, ninjs `version`)
    pubstatus: str = "usable"  # usable, withheld or canceled
    uri: str | None = None
    language: str | None = None  # a BCP 47 tag as the item gives it
    sections: Any = None  # codes or names that may name a section
    subjects: list[str] = field(default_factory=list)  # subject names: the keywords of a story that has none


class SectionMatcher:
    """Finds the section a `service` (or a subject) names, by slug or by Arabic name."""

    def __init__(self, sections: Iterable[tuple[str, str]]):
        self.sections = tuple(sections)
        self._keys: dict[str, str] = {}
        for slug, name in self.sections:
            self._keys.setdefault(slug.casefold(), slug)
            self._keys.setdefault(self._name_key(name), slug)

    @staticmethod
    def _name_key(name: str) -> str:
        # Wire desks spell the same name with or without hamza and marks: compare the search form.
        return " ".join(normalize(name).split()).casefold()

    def match(self, entries: Any) -> str | None:
        """The slug of the first entry whose code or name is a section's slug or name."""
        if isinstance(entries, (str, dict)):
            entries = [entries]
        if not isinstance(entries, list):
            return None
        for entry in entries:
            candidates = [entry] if isinstance(entry, str) else (
                [entry.get(k) for k in ("code", "literal", "qcode", "name")] if isinstance(entry, dict) else []
            )  # fmt: skip
            for candidate in candidates:
                if isinstance(candidate, str) and candidate.strip():
                    slug = self._keys.get(candidate.strip().casefold()) or self._keys.get(self._name_key(candidate))
                    if slug:
                        return slug
        return None


_DOCID_PAGE = re.compile(r"/c_(\d{1,19})(?:_\d{1,9})?\.s?html?$", re.IGNORECASE)  # page k: c_<id>_<k>.htm
_DOCID_TAIL = re.compile(r"[:/](\d{1,19})$")


def docid_from_uri(uri: str) -> int | None:
    """The document id a uri holds (`…/c_136205067.htm`, `…/c_136205067_2.htm`, or all digits after
    the last `:` or `/`), whatever ?query or #fragment follows."""
    uri = uri.split("#", 1)[0].split("?", 1)[0]
    match = _DOCID_PAGE.search(uri) or _DOCID_TAIL.search(uri)
    if not match:
        return None
    docid = int(match.group(1))
    return docid if 0 < docid <= MAX_DOCID else None


def parse_time(value: Any, name: str) -> datetime:
    """An ISO 8601 date-time as naive UTC (a time without an offset is taken as UTC)."""
    if not isinstance(value, str):
        raise ItemError(f"bad date in {name}: {json.dumps(value, ensure_ascii=False)}")
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except ValueError:
        raise ItemError(f"bad date in {name}: {value!r}") from None
    except OverflowError:  # e.g. year 1 with a positive offset: before the first day Python knows in UTC
        raise ItemError(f"bad date in {name}: {value!r} is out of range") from None
    return moment.replace(microsecond=0)


def split_keywords(value: Any) -> list[str]:
    """Keywords from a list, or from one text separated by commas (Latin or Arabic) or semicolons."""
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[,،;]", value)
    if not isinstance(value, list):
        raise ItemError("keywords is not a list")
    return [k.strip() for k in value if isinstance(k, str) and k.strip()]


def pubstatus(value: Any) -> str:
    """usable, withheld or canceled, from any spelling the standards use (`stat:canceled`, …)."""
    if value is None:
        return "usable"
    word = value.rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower() if isinstance(value, str) else None
    if word in ("usable", "withheld"):
        return word
    if word in ("canceled", "cancelled"):
        return "canceled"
    raise ItemError(f"unknown pubstatus {json.dumps(value, ensure_ascii=False)}")


def utf8(value: str, name: str) -> bytes:
    """The text as UTF-8; a lone surrogate (a `\\ud83d` escape without its pair) is refused, named."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start].encode("unicode_escape").decode("ascii")
        raise ItemError(f"{name} holds {bad}, half of a character (a lone surrogate)") from None


def is_library_language(tag: str | None) -> bool:
    """Whether a language tag (`ar`, `ar-EG`, `AR`) is the site's; no tag counts as the site's."""
    return not tag or tag.replace("_", "-").split("-", 1)[0].strip().lower() == LIBRARY_LANGUAGE


def to_incoming(story: WireStory, line: int, sections: SectionMatcher) -> IncomingArticle:
    """The article values of a story; raises ItemError with the reason it is refused."""
    if not story.headline or not story.headline.strip():
        raise ItemError("no headline")
    values: dict[str, Any] = {"headline": " ".join(story.headline.split())}
    body = None  # the HTML keeps the markup the desk wrote; the plain text is the fallback
    if story.body_html is not None and (story.body_html.strip() or story.body_text is None):
        body = sanitize_body(story.body_html)
    elif story.body_text is not None:
        body = text_to_body(story.body_text)
    if story.byline is not None:
        values["byline"] = story.byline.strip()
    if story.summary is not None:
        values["subheadline"] = story.summary.strip()
    keywords = story.keywords
    if keywords is None and story.subjects:  # those naming the section excepted
        keywords = [s for s in dict.fromkeys(story.subjects) if sections.match(s) is None] or None
    if keywords is not None:
        values["keywords"] = keywords
    if story.dateline_city and story.dateline_city.strip():
        values["dateline_city"] = story.dateline_city.strip()

    trash = story.pubstatus == "canceled"
    # A killed story was never published; one in another language is a source, not copy; an
    # embargoed one waits for an editor.
    foreign = not is_library_language(story.language)
    embargoed = story.embargoed is not None and story.embargoed > utcnow()
    status = "draft" if story.pubstatus != "usable" or foreign or embargoed else "published"
    uri = story.uri.strip() if story.uri else None
    values = {k: [clean_text(t) for t in v] if isinstance(v, list) else clean_text(v) for k, v in values.items()}
    # Text bound as str would fail at the write and undo the whole batch: refuse it here.
    for name, value in (("uri", uri or ""), ("language", story.language or ""), *values.items()):
        for text in value if isinstance(value, list) else [value]:
            utf8(text, name)
    index_row = list(document(values["headline"], body or "", values.get("byline", ""), values.get("keywords", []), []))
    index_row[1] = utf8(index_row[1], "body")  # the bulk writer takes long texts as UTF-8
    return IncomingArticle(
        line=line,
        uri=uri,
        docid=docid_from_uri(uri) if uri else None,
        section=sections.match(story.sections),
        values=values,
        body=None if body is None else utf8(body, "body"),
        status=status,
        trash=trash,
        published_at=story.first_created or story.version_created,
        index_row=tuple(index_row),
        language=story.language.strip()[:35] if foreign else "",
        urgency=story.urgency if story.urgency is not None and 0 <= story.urgency <= 9 else None,
        embargoed=story.embargoed,
        wire_version=story.version if story.version is not None and 0 < story.version < 1 << 31 else None,
    )
