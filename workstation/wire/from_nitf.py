"""NITF (News Industry Text Format) 3.x stories: files of their own, and bodies inside ninjs or NewsML-G2.

What is read: `hl1` (headline), `hl2` in the head (the summary, unless an `abstract` is given),
`byline`, `dateline` (its `location`/`city`), `docdata` (`doc-id`, `date.issue`, `urgency`,
`key-list`, `management-status`, `date.release` as the embargo), the language, and
`body.content` converted to the body's HTML (photos and tables left out).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from workstation.wire import xmltext
from workstation.wire.registry import Head, Parsed, WireFormat, register
from workstation.wire.story import ItemError, SectionMatcher, WireStory, parse_time, pubstatus, to_incoming
from workstation.wire.xmltext import child, children, text


def nitf_to_html(value: str | bytes) -> str:
    """The HTML of an NITF document's `body.content` (or of a bare `body.content` fragment)."""
    return body_html(xmltext.parse(value))


def body_html(root: Element) -> str:
    """The HTML of `body.content` found in an NITF element (the element itself if it is one)."""
    if xmltext.local(root.tag) == "body.content":
        return xmltext.to_html(root)
    content = child(root, "body", "body.content")
    return xmltext.to_html(content) if content is not None else ""


def read_nitf(root: Element) -> WireStory:
    """The story an `nitf` element tells; raises ItemError when it has none to tell."""
    head, body_head = child(root, "head"), child(root, "body", "body.head")
    docdata = child(head, "docdata")
    story = WireStory()
    story.headline = text(child(body_head, "hedline", "hl1")) or text(child(head, "title"))
    story.summary = text(child(body_head, "abstract")) or text(child(body_head, "hedline", "hl2"))
    byline = child(body_head, "byline")
    if byline is not None:  # its title (byttl) is not the name
        story.byline = " ".join(
            "".join([byline.text or "", *(_text_but(c, "byttl") for c in byline)]).split()
        ).strip(" ,،") or None  # fmt: skip
    dateline = child(body_head, "dateline")
    story.dateline_city = text(child(dateline, "location", "city")) or text(child(dateline, "location"))
    if story.dateline_city is None and dateline is not None and dateline.text and dateline.text.strip():
        story.dateline_city = dateline.text.split(",")[0].strip() or None
    story.body_html = body_html(root)
    story.language = next(
        (xmltext.lang(e) for e in (root, child(root, "body"), child(root, "body", "body.content"))
         if e is not None and xmltext.lang(e)), None
    )  # fmt: skip
    if docdata is not None:
        _read_docdata(docdata, story)
    return story


def _text_but(element: Element, skipped: str) -> str:
    own = "" if xmltext.local(element.tag) == skipped else "".join(element.itertext())
    return own + (element.tail or "")


def _read_docdata(docdata: Element, story: WireStory) -> None:
    doc_id = child(docdata, "doc-id")
    if doc_id is not None and (doc_id.get("id-string") or "").strip():
        story.uri = doc_id.get("id-string").strip()
    issued = child(docdata, "date.issue")
    if issued is not None and issued.get("norm"):
        story.first_created = parse_time(issued.get("norm"), "date.issue")
    release = child(docdata, "date.release")
    if release is not None and release.get("norm"):
        story.embargoed = parse_time(release.get("norm"), "date.release")
    urgency = child(docdata, "urgency")
    if urgency is not None and (urgency.get("ed-urg") or "").strip().isdigit():
        story.urgency = int(urgency.get("ed-urg"))
    keywords = [k.get("key", "").strip() for k in children(child(docdata, "key-list") or Element("x"), "keyword")]
    if any(keywords):
        story.keywords = [k for k in keywords if k]
    status = docdata.get("management-status")
    if status == "embargoed":  # NITF's own word for a story held until its release time
        status = "withheld" if story.embargoed is None else "usable"
    story.pubstatus = pubstatus(status)


def read(data: bytes, sections: SectionMatcher) -> Parsed:
    """Parses an NITF file: one story, placed at the `/nitf` path."""
    result = Parsed()
    try:
        root = xmltext.parse(data)
    except ItemError as exc:
        result.problems.append(("", str(exc)))
        return result
    try:
        if xmltext.local(root.tag) != "nitf":
            raise ItemError(f"not NITF: the root element is <{xmltext.local(root.tag)}>")
        result.items.append(("/nitf", to_incoming(read_nitf(root), 0, sections)))
    except ItemError as exc:
        result.problems.append(("/nitf", str(exc)))
    except Exception as exc:  # an input nobody foresaw must cost this file, not the import
        result.problems.append(("/nitf", f"cannot be read ({type(exc).__name__}: {exc})"))
    return result


def _is_nitf(head: Head) -> bool:
    return head.start[:1] == b"<" and xmltext.root_name(head.start) == "nitf"


register(WireFormat("nitf", _is_nitf, read, utf8=False))
