"""The article body as a list of blocks, read from and written to the stored HTML subset.

The subset (p, h2, h3, strong, em, a, blockquote, ul/ol/li, br) is what
`workstation.richtext.sanitize_body` keeps. The editor turns its text document into
these blocks and back; `render_body(parse_body(html))` is the canonical form of a
body, and parsing that form again gives the same blocks, so nothing is lost between
the editor and the store.

Inline text is a run of characters sharing marks (strong, em, a link). A line break
(`<br>`) is U+2028 inside a run, as in Qt's text documents. Lists are a path of
(tag, key) pairs from the outermost list to the item's own; keys number the list
elements in document order so two parses of the same HTML compare equal.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlsplit

LINE_BREAK = "\u2028"
BLOCK_KINDS = ("p", "h2", "h3", "li")
ALLOWED_SCHEMES = ("http", "https", "mailto")

_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_LAYOUT_SPACE = re.compile(r" *[\t\n\r\f][\t\n\r\f ]*")
_SENTINEL = "\x00"  # stands for layout whitespace until a block knows whether it is at its edge


@dataclass(frozen=True)
class Run:
    """Characters sharing the same inline marks."""

    text: str
    strong: bool = False
    em: bool = False
    href: str | None = None

    def marks(self) -> tuple[bool, bool, str | None]:
        """The marks, for comparing neighbouring runs."""
        return (self.strong, self.em, self.href)


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item, and whether it sits inside a quote."""

    kind: str = "p"
    runs: tuple[Run, ...] = ()
    quote: bool = False
    lists: tuple[tuple[str, int], ...] = field(default=())  # ((ul|ol, key), ...) outermost first

    @property
    def text(self) -> str:
        """The block's plain text (line breaks as U+2028)."""
        return "".join(r.text for r in self.runs)


def clean_href(url: str) -> str | None:
    """The link target if it is one the body may carry (http, https, mailto), else None."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ALLOWED_SCHEMES and len(url) > len(scheme) + 1 else None


def merge_runs(runs: list[Run] | tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs with empty ones dropped and neighbours of equal marks joined."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].marks() == run.marks():
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


# -- reading -------------------------------------------------------------------------------------
class _BodyParser(HTMLParser):
    """Collects blocks from a body fragment; tags outside the subset are ignored, their text kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._quote = 0
        self._lists: list[tuple[str, int]] = []
        self._list_count = 0
        self._kind: str | None = None  # the open block
        self._runs: list[Run] = []
        self._strong = 0
        self._em = 0
        self._hrefs: list[str | None] = []
        self._skip = 0  # inside script/style, should any reach here

    # block structure
    def _open(self, kind: str) -> None:
        self._close()
        self._kind = kind

    def _close(self) -> None:
        if self._kind is None:
            return
        runs = list(self._runs)
        if runs:
            runs[0] = replace(runs[0], text=runs[0].text.lstrip(_SENTINEL))
            runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip(_SENTINEL))
        runs = [replace(r, text=r.text.replace(_SENTINEL, " ")) for r in runs]
        merged = merge_runs(runs)
        if merged:
            lists = tuple(self._lists) if self._kind == "li" else ()
            self.blocks.append(Block(self._kind, merged, bool(self._quote) and not lists, lists))
        self._kind, self._runs = None, []

    def _implicit_block(self) -> None:
        if self._kind is None:
            self._kind = "li" if self._lists else "p"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "p" or tag in _HEADINGS:
            if not self._lists:
                self._open("p" if tag == "p" else _HEADINGS[tag])
            elif self._kind != "li":
                self._open("li")
            elif self._runs:
                # paragraphs inside one list item stay one item, a line apart
                self._runs.append(Run(LINE_BREAK, *self._marks()))
        elif tag == "blockquote":
            self._close()
            self._quote += 1
        elif tag in ("ul", "ol"):
            self._close()
            self._lists.append((tag, self._list_count))
            self._list_count += 1
        elif tag == "li":
            if not self._lists:  # a stray item is still an item
                self._lists.append(("ul", self._list_count))
                self._list_count += 1
            self._open("li")
        elif tag in ("strong", "b"):
            self._strong += 1
        elif tag in ("em", "i"):
            self._em += 1
        elif tag == "a":
            self._hrefs.append(clean_href(dict(attrs).get("href") or ""))
        elif tag == "br":
            self._implicit_block()
            self._runs.append(Run(LINE_BREAK, *self._marks()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p" or tag in _HEADINGS:
            if not self._lists:
                self._close()
        elif tag == "blockquote":
            self._close()
            self._quote = max(0, self._quote - 1)
        elif tag in ("ul", "ol"):
            self._close()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._close()
        elif tag in ("strong", "b"):
            self._strong = max(0, self._strong - 1)
        elif tag in ("em", "i"):
            self._em = max(0, self._em - 1)
        elif tag == "a" and self._hrefs:
            self._hrefs.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = _LAYOUT_SPACE.sub(_SENTINEL, data.replace(_SENTINEL, ""))
        if self._kind is None:
            if not data.replace(_SENTINEL, " ").strip():
                return  # whitespace between blocks
            self._implicit_block()
        self._runs.append(Run(data, *self._marks()))

    def _marks(self) -> tuple[bool, bool, str | None]:
        href = next((h for h in reversed(self._hrefs) if h), None) if self._hrefs else None
        return (self._strong > 0, self._em > 0, href)

    def close(self) -> None:
        super().close()
        self._close()


def parse_body(fragment: str) -> list[Block]:
    """The blocks of a body fragment (the stored subset, or anything sanitized to it)."""
    parser = _BodyParser()
    parser.feed(fragment)
    parser.close()
    return parser.blocks


# -- writing -------------------------------------------------------------------------------------
def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace(LINE_BREAK, "<br>")


def _open_tag(mark: tuple[str, str | None]) -> str:
    name, href = mark
    return f'<a href="{html.escape(href or "", quote=True)}">' if name == "a" else f"<{name}>"


def _run_marks(run: Run) -> set[tuple[str, str | None]]:
    marks: set[tuple[str, str | None]] = set()
    if run.href:
        marks.add(("a", run.href))
    if run.strong:
        marks.add(("strong", None))
    if run.em:
        marks.add(("em", None))
    return marks


_ORDER = {"a": 0, "strong": 1, "em": 2}


def render_inline(runs: tuple[Run, ...] | list[Run]) -> str:
    """The HTML of a block's runs, nesting the marks so that the longest-lasting one is outermost."""
    runs = merge_runs(runs)
    wanted = [_run_marks(r) for r in runs]
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []
    for i, run in enumerate(runs):
        marks = wanted[i]
        # close everything from the first open mark this run lacks
        cut = next((j for j, m in enumerate(stack) if m not in marks), len(stack))
        for mark in reversed(stack[cut:]):
            out.append(f"</{mark[0]}>")
        del stack[cut:]

        def lasting(mark: tuple[str, str | None], start: int = i) -> tuple[int, int]:
            n = start
            while n < len(runs) and mark in wanted[n]:
                n += 1
            return (-(n - start), _ORDER[mark[0]])

        for mark in sorted(marks - set(stack), key=lasting):
            out.append(_open_tag(mark))
            stack.append(mark)
        out.append(_escape(run.text))
    out.extend(f"</{mark[0]}>" for mark in reversed(stack))
    return "".join(out)


def render_body(blocks: list[Block]) -> str:
    """The canonical HTML of the blocks; empty blocks are left out."""
    out: list[str] = []
    open_lists: list[tuple[str, int]] = []
    quote = False

    def close_lists(keep: int) -> None:
        while len(open_lists) > keep:
            out.append(f"</li></{open_lists.pop()[0]}>")

    for block in blocks:
        if not block.text:
            continue
        if block.kind == "li" and block.lists:
            if quote:
                out.append("</blockquote>")
                quote = False
            path = list(block.lists)
            common = 0
            while common < min(len(path), len(open_lists)) and path[common] == open_lists[common]:
                common += 1
            if common == len(path):
                close_lists(common)
                out.append("</li><li>")
            else:
                close_lists(common)
                for level in path[common:]:
                    out.append(f"<{level[0]}><li>")
                    open_lists.append(level)
            out.append(render_inline(block.runs))
            continue
        close_lists(0)
        if block.quote != quote:
            out.append("<blockquote>" if block.quote else "</blockquote>")
            quote = block.quote
        tag = block.kind if block.kind in ("h2", "h3") else "p"
        out.append(f"<{tag}>{render_inline(block.runs)}</{tag}>")
    close_lists(0)
    if quote:
        out.append("</blockquote>")
    return "".join(out)


def renumber_lists(blocks: list[Block]) -> list[Block]:
    """The blocks with list keys renumbered in order of first appearance (for comparing structures)."""
    numbers: dict[int, int] = {}
    result = []
    for block in blocks:
        lists = tuple((tag, numbers.setdefault(key, len(numbers))) for tag, key in block.lists)
        result.append(replace(block, lists=lists))
    return result
