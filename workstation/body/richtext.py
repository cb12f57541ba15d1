"""The article body's HTML subset: sanitizing to it, and plain text out of it."""

from __future__ import annotations

import html
import re

import nh3

from workstation.body.htmlmap import map_foreign
from workstation.body.plaintext import clean_markup, strip_controls
from workstation.body.subset import BODY_TAGS, LINK_SCHEMES

_ATTRIBUTES = {"a": {"href"}}

# Fallback containers whose content the parser would take as raw text (turning the rest of the
# body into visible tags); our pages need no script or plugin, so their content is shown as markup.
_FALLBACK_TAGS = re.compile(r"</?(?:noscript|noembed|noframes)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def sanitize_body(fragment: str) -> str:
    """The fragment reduced to the body subset: scripts, handlers, styles and other tags removed.

    Presentational markup (b, i, h1, bold spans, div lines) is first renamed to the subset;
    control characters go and bidi controls are balanced in each run of text.
    """
    return clean_markup(
        nh3.clean(
            map_foreign(_FALLBACK_TAGS.sub("", strip_controls(fragment))),
            tags=set(BODY_TAGS),
            attributes=_ATTRIBUTES,
            url_schemes=set(LINK_SCHEMES),
            link_rel=None,
            strip_comments=True,
            clean_content_tags={"script", "style"},
        )
    ).strip()


def body_text(fragment: str) -> str:
    """The plain text of a body fragment, one line per block."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", fragment))
    lines = (_collapse_spaces(line) for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _collapse_spaces(line: str) -> str:
    # The regex scan costs tens of nanoseconds a character and most lines have nothing to
    # collapse; these `in` tests are far cheaper, which counts when a bulk import indexes
    # 100,000 bodies.
    if "  " in line or "\t" in line or "\r" in line or "\f" in line or "\v" in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


def text_to_body(text: str) -> str:
    """A body fragment of plain text: one paragraph per non-empty line."""
    return "".join(f"<p>{html.escape(line.strip(), quote=False)}</p>" for line in text.splitlines() if line.strip())
