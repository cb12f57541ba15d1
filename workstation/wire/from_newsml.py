"""NewsML-G2 (IPTC's XML news exchange format): text news items, alone or in a `newsMessage`.

A `newsItem` of class `ninat:text` is a story; its body is the `contentSet`'s `inlineXML`
(XHTML, else NITF) or `inlineData` (HTML, else plain text). Other items are refused by kind:
pictures, videos, events (concept items), planning items, and packages, except a package whose
every reference is to a text item of the same message (those stories are imported themselves).
The item's `guid` is its identity: a later `version` of the same guid updates the article.
Each item is placed by its XML path, e.g. `/newsMessage/itemSet/newsItem[2]`.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from workstation.wire import from_nitf, xmltext
from workstation.wire.registry import Head, Parsed, WireFormat, register
from workstation.wire.story import (
    ItemError,
    SectionMatcher,
    WireStory,
    not_a_story,
    parse_time,
    pubstatus,
    to_incoming,
)
from workstation.wire.xmltext import child, children, local, text

G2_ROOTS = ("newsMessage", "newsItem", "packageItem", "conceptItem", "planningItem", "knowledgeItem", "catalogItem")
_HTML_TYPES = ("application/xhtml+xml", "text/html")
_NITF_TYPES = ("application/nitf+xml", "application/vnd.iptc.nitf+xml", "text/nitf")


def read(data: bytes, sections: SectionMatcher) -> Parsed:
    """Parses a NewsML-G2 file: each of its items becomes an article or a refusal placed by its path."""
    result = Parsed()
    try:
        root = xmltext.parse(data)
    except ItemError as exc:
        result.problems.append(("", str(exc)))
        return result
    name = local(root.tag)
    if name == "newsMessage":
        item_set = child(root, "itemSet")
        items = _with_paths(list(item_set) if item_set is not None else [], "/newsMessage/itemSet")
        if not items:
            result.problems.append(("/newsMessage", "a news message with no items"))
    elif name in G2_ROOTS:
        items = [(root, f"/{name}")]
    else:
        result.problems.append(("", f"not NewsML-G2: the root element is <{name}>"))
        return result
    text_guids = {e.get("guid") for e, _ in items if local(e.tag) == "newsItem" and _item_class(e) == "text"}
    versions: dict[str, int] = {}
    for element, path in items:
        try:
            story = _read_item(element, text_guids)
            if story is None:
                continue
            version = _version(element)
            if story.uri and versions.get(story.uri, 0) > version:
                raise ItemError(f"version {version} is older than version {versions[story.uri]} earlier in the file")
            if story.uri:
                versions[story.uri] = version
            story.version = version if element.get("version") else None
            result.items.append((path, to_incoming(story, 0, sections)))
        except ItemError as exc:
            result.problems.append((path, str(exc)))
        except Exception as exc:  # an input nobody foresaw must cost this item, not the import
            result.problems.append((path, f"cannot be read ({type(exc).__name__}: {exc})"))
    return result


def _with_paths(elements: list[Element], parent: str) -> list[tuple[Element, str]]:
    """Each element with its XML path, numbered among its namesakes from 1."""
    counts: dict[str, int] = {}
    placed = []
    for element in elements:
        name = local(element.tag)
        if not name:  # a comment or processing instruction
            continue
        counts[name] = counts.get(name, 0) + 1
        placed.append((element, f"{parent}/{name}[{counts[name]}]"))
    return placed


def _qcode_word(element: Element | None) -> str | None:
    """The code of a `qcode` (`ninat:text` → `text`) or `uri` (`…/ninature/text` → `text`) attribute."""
    if element is None:
        return None
    code = element.get("qcode") or element.get("uri") or ""
    word = code.replace("/", ":").rstrip(":").rsplit(":", 1)[-1].strip().lower()
    return word or None


def _item_class(item: Element) -> str | None:
    return _qcode_word(child(item, "itemMeta", "itemClass"))


def _version(item: Element) -> int:
    value = (item.get("version") or "1").strip()
    return int(value) if value.isdigit() else 1


def _read_item(item: Element, text_guids: set[str | None]) -> WireStory | None:
    """The story of a text news item; None for a package of text items that are imported themselves."""
    name = local(item.tag)
    if name == "packageItem":
        refs = [e.get("residref") for e in item.iter() if local(e.tag) == "itemRef"]
        if refs and all(ref in text_guids for ref in refs):
            return None
        raise not_a_story("package")
    if name == "conceptItem":
        concept_type = _qcode_word(child(item, "concept", "type"))
        raise not_a_story("event" if concept_type == "event" else "concept")
    if name != "newsItem":
        raise not_a_story(name.removesuffix("Item"))
    item_class = _item_class(item)
    if item_class not in (None, "text"):
        raise not_a_story(item_class)
    return read_news_item(item)


def read_news_item(item: Element) -> WireStory:
    """The story a text `newsItem` tells."""
    meta, content = child(item, "itemMeta"), child(item, "contentMeta")
    story = WireStory(uri=(item.get("guid") or "").strip() or None)
    times = {}
    for where, name in ((meta, "firstCreated"), (meta, "versionCreated"), (meta, "embargoed"),
                        (content, "contentCreated")):  # fmt: skip
        value = text(child(where, name))
        if value:
            times[name] = parse_time(value, name)
    story.first_created = times.get("firstCreated") or times.get("contentCreated")
    story.version_created = times.get("versionCreated")
    story.embargoed = times.get("embargoed")
    story.pubstatus = pubstatus(_qcode_word(child(meta, "pubStatus")))
    if content is not None:
        _read_content_meta(content, story)
    language = child(content, "language")
    story.language = (language.get("tag") if language is not None else None) or xmltext.lang(item)
    _read_content_set(child(item, "contentSet"), story)
    return story


def _read_content_meta(content: Element, story: WireStory) -> None:
    headlines = children(content, "headline")
    main = next((h for h in headlines if (h.get("role") or "").endswith("main") or not h.get("role")), None)
    story.headline = text(main or (headlines[0] if headlines else None)) or text(child(content, "slugline"))
    summaries = children(content, "description")
    summary = next((d for d in summaries if (d.get("role") or "").endswith(("summary", "abstract"))), None)
    story.summary = text(summary or (summaries[0] if summaries else None))
    story.byline = text(child(content, "by")) or _names(children(content, "creator"))
    located = child(content, "located")
    story.dateline_city = text(child(located, "name")) if located is not None else None
    if story.dateline_city is None and located is not None:
        story.dateline_city = located.get("literal") or text(located)
    if story.dateline_city is None and text(child(content, "dateline")):
        story.dateline_city = text(child(content, "dateline")).split(",")[0].strip() or None
    subjects = [text(child(s, "name")) or s.get("literal") for s in children(content, "subject")]
    story.subjects = [s for s in subjects if s]
    story.sections = [*(s.get("qcode") for s in children(content, "subject") if s.get("qcode")), *story.subjects]
    keywords = [text(k) for k in children(content, "keyword")]
    story.keywords = [k for k in keywords if k] or None
    urgency = text(child(content, "urgency"))
    story.urgency = int(urgency) if urgency and urgency.isdigit() else None


def _names(people: list[Element]) -> str | None:
    names = [text(child(p, "name")) or p.get("literal") for p in people]
    names = [n for n in names if n]
    return "، ".join(names) if names else None


def _read_content_set(content_set: Element | None, story: WireStory) -> None:
    if content_set is None:
        return
    html = nitf = plain = None
    for part in content_set:
        kind = (part.get("contenttype") or "").split(";", 1)[0].strip().lower()
        name = local(part.tag)
        if name == "inlineXML":
            inner = next(iter(part), None)
            inner_name = local(inner.tag) if inner is not None else ""
            if kind in _NITF_TYPES or inner_name == "nitf":
                nitf = nitf if nitf is not None else inner
            elif inner is not None and html is None:
                body = inner if inner_name != "html" else child(inner, "body")
                html = xmltext.to_html(body) if body is not None else ""
        elif name == "inlineData":
            value = "".join(part.itertext())
            if kind in _HTML_TYPES and html is None:
                html = value
            elif plain is None:
                plain = value
    if nitf is not None:
        from_nitf_story = from_nitf.read_nitf(nitf)
        if html is None:
            html = from_nitf_story.body_html
        for name in ("headline", "summary", "byline", "dateline_city"):  # what the item's metadata lacks
            if getattr(story, name) is None:
                setattr(story, name, getattr(from_nitf_story, name))
    if html is None and plain is None and children(content_set, "remoteContent"):
        raise ItemError("its text is not in the file (remoteContent only)")
    story.body_html, story.body_text = html, plain


def _is_newsml(head: Head) -> bool:
    return head.start[:1] == b"<" and xmltext.root_name(head.start) in G2_ROOTS


register(WireFormat("newsml-g2", _is_newsml, read, utf8=False))
