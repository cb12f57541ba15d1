"""The article body as a list of blocks, read from and written to the stored HTML subset.

The subset (p, h2, h3, strong, em, a, blockquote, ul/ol/li, br) is what
`workstation.body.richtext.sanitize_body` keeps. The editor turns its text document into
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
from typing import NamedTuple
from urllib.parse import urlsplit

from workstation.body.subset import HEADINGS, LINK_SCHEMES

LINE_BREAK = "\u2028"
BLOCK_KINDS = ("p", "h2", "h3", "li")
_LAYOUT_SPACE = re.compile(r" *[\t\n\r\f][\t\n\r\f ]*")
_LAYOUT_CHARS = re.compile(r"[\t\n\r\f]")
_SENTINEL = "\x00"  # stands for layout whitespace until a block knows whether it is at its edge


class Run(NamedTuple):
    """Characters sharing the same inline marks."""

    text: str
    strong: bool = False
    em: bool = False
    href: str | None = None

    def marks(self) -> tuple[bool, bool, str | None]:
        """The marks, for comparing neighbouring runs."""
        return (self.strong, self.em, self.href)


class Block(NamedTuple):
    """One paragraph, heading or list item, and whether it sits inside a quote."""

    kind: str = "p"
    runs: tuple[Run, ...] = ()
    quote: bool = False
    lists: tuple[tuple[str, int], ...] = ()  # ((ul|ol, key), ...) outermost first

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
    return url if scheme in LINK_SCHEMES and len(url) > len(scheme) + 1 else None


def merge_runs(runs: list[Run] | tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs with empty ones dropped and neighbours of equal marks joined."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].marks() == run.marks():
            merged[-1] = merged[-1]._replace(text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


# -- reading -------------------------------------------------------------------------------------
# A tokenizer rather than html.parser: bodies are sanitized fragments, and loading a long article
# must stay well inside the editor's switching budget.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment
    r"|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # content that is never text
    r"|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>"
    r"|<[!?/][^>]*>"  # doctype, processing instruction, malformed end tag
    r"|([^<]+|<)",
    re.S | re.I,
)  # fmt: skip
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


class _BodyReader:
    """Collects blocks from a body fragment; tags outside the subset are ignored, their text kept."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._quote = 0
        self._lists: list[tuple[str, int]] = []
        self._list_count = 0
        self._kind: str | None = None  # the open block
        self._runs: list[tuple[str, bool, bool, str | None]] = []
        self._strong = 0
        self._em = 0
        self._hrefs: list[str | None] = []
        self._marks: tuple[bool, bool, str | None] = (False, False, None)

    def feed(self, fragment: str) -> None:
        for match in _TOKEN.finditer(fragment):
            slash, tag, attrs, text = match.group(2, 3, 4, 5)
            if text is not None:
                self.text(html.unescape(text) if "&" in text else text)
            elif tag is not None:
                if slash:
                    self.end(tag.lower())
                else:
                    self.start(tag.lower(), attrs)
        self._close()

    # block structure
    def _open(self, kind: str) -> None:
        self._close()
        self._kind = kind

    def _close(self) -> None:
        if self._kind is None:
            return
        runs = self._runs
        if len(runs) == 1 and _SENTINEL not in runs[0][0]:  # the usual paragraph of plain text
            if runs[0][0]:
                lists = tuple(self._lists) if self._kind == "li" else ()
                self.blocks.append(Block(self._kind, (Run(*runs[0]),), bool(self._quote) and not lists, lists))
            self._kind, self._runs = None, []
            return
        if runs:
            runs[0] = (runs[0][0].lstrip(_SENTINEL), *runs[0][1:])
            runs[-1] = (runs[-1][0].rstrip(_SENTINEL), *runs[-1][1:])
        merged: list[list] = []
        for text, *marks in runs:
            if not text:
                continue
            if merged and merged[-1][1:] == marks:
                merged[-1][0] += text
            else:
                merged.append([text, *marks])
        if merged:
            lists = tuple(self._lists) if self._kind == "li" else ()
            block_runs = tuple(Run(t.replace(_SENTINEL, " "), s, e, h) for t, s, e, h in merged)
            self.blocks.append(Block(self._kind, block_runs, bool(self._quote) and not lists, lists))
        self._kind, self._runs = None, []

    def _implicit_block(self) -> None:
        if self._kind is None:
            self._kind = "li" if self._lists else "p"

    def start(self, tag: str, attrs: str) -> None:
        if tag == "p" or tag in HEADINGS:
            if not self._lists:
                self._open("p" if tag == "p" else HEADINGS[tag])
            elif self._kind != "li":
                self._open("li")
            elif self._runs:
                # paragraphs inside one list item stay one item, a line apart
                self._runs.append((LINE_BREAK, *self._marks))
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
            self._update_marks()
        elif tag in ("em", "i"):
            self._em += 1
            self._update_marks()
        elif tag == "a":
            found = _HREF.search(attrs)
            href = next((g for g in found.groups() if g is not None), "") if found else ""
            self._hrefs.append(clean_href(html.unescape(href)))
            self._update_marks()
        elif tag == "br":
            self._implicit_block()
            self._runs.append((LINE_BREAK, *self._marks))

    def end(self, tag: str) -> None:
        if tag == "p" or tag in HEADINGS:
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
            self._update_marks()
        elif tag in ("em", "i"):
            self._em = max(0, self._em - 1)
            self._update_marks()
        elif tag == "a" and self._hrefs:
            self._hrefs.pop()
            self._update_marks()

    def text(self, data: str) -> None:
        if _SENTINEL in data:
            data = data.replace(_SENTINEL, "")
        if _LAYOUT_CHARS.search(data):
            data = _LAYOUT_SPACE.sub(_SENTINEL, data)
        if self._kind is None:
            if not data.replace(_SENTINEL, " ").strip():
                return  # whitespace between blocks
            self._implicit_block()
        self._runs.append((data, *self._marks))

    def _update_marks(self) -> None:
        href = next((h for h in reversed(self._hrefs) if h), None)
        self._marks = (self._strong > 0, self._em > 0, href)


def parse_body(fragment: str) -> list[Block]:
    """The blocks of a body fragment (the stored subset, or anything sanitized to it)."""
    reader = _BodyReader()
    reader.feed(fragment)
    return reader.blocks


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
        result.append(block._replace(lists=lists))
    return result
