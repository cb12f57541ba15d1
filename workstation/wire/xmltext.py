"""Reading wire XML safely, and turning NITF or XHTML markup into HTML for the body sanitizer.

defusedxml refuses what an attacker's file could use against the reader: entity declarations
(so "billion laughs" never expands) and external entities or DTDs (so nothing is fetched or read
from disk). A text with no DTD at all cannot declare or refer to an entity, so one that is plainly
UTF-8 (or ASCII) and has no `<!DOCTYPE` or `<!ENTITY` anywhere is read by the standard library's
C parser, twice as fast; anything else goes through defusedxml. Namespaces are dropped from
element names as soon as a text is read: agencies mix prefixes, defaults and none at all.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element, ParseError, XMLParser

import defusedxml
import defusedxml.ElementTree as SafeTree

from workstation.wire.story import ItemError

XML_NAMESPACE = "{http://www.w3.org/XML/1998/namespace}"


_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _without_dtd(data: bytes | str) -> bool:
    """Whether a text surely has no DTD: no `<!DOCTYPE`/`<!ENTITY`, and bytes read as UTF-8 from the start."""
    if isinstance(data, str):
        return "<!DOCTYPE" not in data and "<!ENTITY" not in data
    start = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if start[:1] != b"<" or start[1:2] == b"\x00":  # UTF-16 or UTF-32: the search below would not see a DTD
        return False
    declared = _DECLARED_ENCODING.match(start[:200])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return False
    return b"<!DOCTYPE" not in data and b"<!ENTITY" not in data


def parse(data: bytes | str) -> Element:
    """The root element of an XML text, its names without namespaces; raises ItemError saying why it cannot be read."""
    try:
        if _without_dtd(data):
            parser = XMLParser()
            parser.feed(data)
            root = parser.close()
        else:
            root = SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        for element in root.iter():
            if "}" in element.tag:
                element.tag = element.tag.rsplit("}", 1)[1]
        return root
    except defusedxml.EntitiesForbidden:
        raise ItemError(
            "the XML declares entities, which are never expanded (an XML bomb, or an unsafe file)"
        ) from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise ItemError("the XML refers to an external file or DTD, which is never read") from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":", 1)[0]
        raise ItemError(f"invalid XML at line {line} column {column + 1}: {reason}") from None


def local(tag: str) -> str:
    """An element's name without its namespace (`parse` has dropped them already)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    """The element's children of that name."""
    return [child for child in element if child.tag == name]


def child(element: Element | None, *path: str) -> Element | None:
    """The first descendant down that path of names, if any."""
    for name in path:
        if element is None:
            return None
        for candidate in element:
            if candidate.tag == name:
                element = candidate
                break
        else:
            return None
    return element


def text(element: Element | None) -> str | None:
    """All the text inside an element, white space collapsed; None without the element or text."""
    if element is None:
        return None
    words = " ".join("".join(element.itertext()).split())
    return words or None


def lang(element: Element) -> str | None:
    """The element's xml:lang, if it has one."""
    return element.get(f"{XML_NAMESPACE}lang") or element.get("lang")


# NITF names that become HTML ones; NITF and XHTML share the rest (p, ul, ol, li, a, em, br, …).
_RENAMED = {"hl1": "h2", "hl2": "h2", "bq": "blockquote", "pre": "p", "dt": "p", "dd": "p", "block": "div"}
# Not text of the story: photos, tables, footnotes, and the XHTML head.
_DROPPED = {"media", "table", "nitf-table", "fn", "head", "script", "style", "object", "credit", "tagline"}


def to_html(element: Element) -> str:
    """The inner markup of an NITF or XHTML element as HTML (names without namespaces, only href kept)."""
    out: list[str] = []
    if element.text:
        out.append(_escape(element.text))
    for node in element:
        _write(node, out)
    return "".join(out)


def _write(node: Element, out: list[str]) -> None:
    name = node.tag if isinstance(node.tag, str) else ""
    if name and name not in _DROPPED:
        name = _RENAMED.get(name, name)
        href = node.get("href") if name == "a" else None
        out.append(f'<{name} href="{html.escape(href)}">' if href else f"<{name}>")
        if node.text:
            out.append(_escape(node.text))
        for sub in node:
            _write(sub, out)
        out.append(f"</{name}>")
    if node.tail:  # the text after an element belongs to its parent, dropped element or not
        out.append(_escape(node.tail))


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _escape(text: str) -> str:
    # A line break in XML is the file's layout, not the story's: white space with one becomes a
    # space, or nothing between elements.
    if "\n" in text:
        text = "" if not text.strip() else _LINE_BREAK.sub(" ", text)
    return html.escape(text, quote=False)


def root_name(start: bytes) -> str | None:
    """The local name of the first element of an XML text's head (past declarations, comments, DOCTYPE)."""
    pos = 0
    while True:
        while pos < len(start) and start[pos : pos + 1] in b" \t\r\n":
            pos += 1
        if start.startswith(b"<?", pos):
            end, skip = start.find(b"?>", pos), 2
        elif start.startswith(b"<!--", pos):
            end, skip = start.find(b"-->", pos), 3
        elif start.startswith(b"<!", pos):
            bracket, close = start.find(b"[", pos), start.find(b">", pos)
            end, skip = (start.find(b"]>", pos), 2) if -1 < bracket < close else (close, 1)
        else:
            break
        if end < 0:
            return None
        pos = end + skip
    match = _START_TAG.match(start, pos)
    return match.group(1).decode("ascii").rsplit(":", 1)[-1] if match else None


_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
