"""Foreign markup mapped onto the body subset, before sanitizing throws the rest away.

Browsers, word processors and wire feeds say "bold" and "paragraph" in many ways:
`<b>`, `<span style="font-weight:700">`, Google Docs' `<b style="font-weight:normal">`
wrapper (which is *not* bold), `<div>` lines, `<h1>`. Sanitizing alone would strip
those tags and lose the meaning (or run lines together); this module renames them to
the subset's own tags first. Everything else is left for `sanitize_body` to judge.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from workstation.body.subset import HEADINGS

# Tags whose presence means there is something to map; the stored subset never has them.
_FOREIGN = re.compile(r"<(b|i|h1|h4|h5|h6|span|div|section|article|header|footer|main|pre|tr|td|th|"
                      r"dt|dd|font|head|title|center|address|figcaption)\b", re.I)  # fmt: skip
_FRAGMENT = re.compile(r"<!--\s*StartFragment\s*-->(.*?)<!--\s*EndFragment\s*-->", re.S | re.I)

_RENAME = {"b": "strong", "i": "em", "dt": "p", "dd": "p"} | {h: to for h, to in HEADINGS.items() if h != to}
_BLOCKISH = {"div", "section", "article", "header", "footer", "main", "pre", "tr", "center", "address",
             "figcaption"}  # fmt: skip
_BLOCK_CHILDREN = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table",
                   "section", "article", "header", "footer", "main", "pre", "tr", "center", "address", "dl"}  # fmt: skip
_DROP_WITH_CONTENT = {"head", "title", "script", "style", "template", "xml"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*(italic|oblique)\b", re.I)


class _Node:
    """An element of the small tree built while mapping."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]):
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """A forgiving tree of the fragment: an end tag closes the nearest open element of its name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("", [])
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs)
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self._stack[-1].children.append(_Node(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data):
        self._stack[-1].children.append(data)


def _style(node: _Node) -> str:
    return next((v or "" for k, v in node.attrs if k == "style"), "")


def _has_block_child(node: _Node) -> bool:
    return any(isinstance(c, _Node) and c.tag in _BLOCK_CHILDREN for c in node.children)


def _serialize(node: _Node, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(html.escape(child, quote=False))
            continue
        tag, style = child.tag, _style(child)
        if tag in _DROP_WITH_CONTENT:
            continue
        wrap: list[str] = []
        if tag in ("b", "strong") and _NOT_BOLD.search(style):
            tag = ""  # Google Docs wraps whole pastes in a bold tag that is not bold
        elif tag in _RENAME:
            tag = _RENAME[tag]
        elif tag in _BLOCKISH:
            tag = "" if _has_block_child(child) else "p"
        elif tag in ("td", "th"):
            tag = ""
            wrap = [" "]
        if tag in ("span", "font", "") and style:
            if _BOLD.search(style):
                wrap.insert(0, "strong")
            if _ITALIC.search(style):
                wrap.insert(0, "em")
        opened = [w for w in wrap if w != " "]
        if tag and tag not in ("span", "font"):
            attrs = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in child.attrs)
            out.append(f"<{tag}{attrs}>")
        out.extend(f"<{w}>" for w in opened)
        if tag not in _VOID:
            _serialize(child, out)
            out.extend(f"</{w}>" for w in reversed(opened))
            if " " in wrap:
                out.append(" ")
            if tag and tag not in ("span", "font"):
                out.append(f"</{tag}>")


def clipboard_fragment(markup: str) -> str:
    """The part of clipboard HTML that was copied (between the StartFragment markers when present)."""
    found = _FRAGMENT.search(markup)
    return found.group(1) if found else markup


def map_foreign(fragment: str) -> str:
    """The fragment with presentational and word-processor markup renamed to the body subset."""
    if not _FOREIGN.search(fragment):
        return fragment
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    out: list[str] = []
    _serialize(builder.root, out)
    return "".join(out)
