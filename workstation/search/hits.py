"""What a search shows of each article it found: headline, section, date, and a snippet cut from
the article's own text (not the normalized index text), so the editor sees the spelling that was
written. A snippet is HTML: the text escaped, each match wrapped in <mark>…</mark>, "…" where the
text was cut."""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy import text as sql

from workstation.body.richtext import body_text
from workstation.library.backends import fold_accents
from workstation.search.textnorm import normalize, normalize_with_offsets

SNIPPET_CHARS = 180  # about 30 Arabic words


@dataclass(frozen=True)
class Hit:
    """One article found: what a result list shows of it."""

    docid: int
    headline: str
    section: str  # slug
    snippet: str  # HTML: escaped text, matches in <mark>…</mark>
    published: datetime | None  # naive UTC

    def as_json(self) -> dict:
        """The hit as the CLI's `search --json` prints it (docs/cli.md)."""
        return {
            "docid": self.docid,
            "headline": self.headline,
            "section": self.section,
            "snippet": self.snippet,
            "published": self.published.isoformat() + "Z" if self.published else None,
        }


def hits(conn, docids: list[int], finders: list[re.Pattern]) -> list[Hit]:
    """The hits of these articles in this order, their snippets marking what the finders find
    (one pattern per required part of the query)."""
    if not docids:
        return []
    ids = {"ids": docids}
    rows = {
        row[0]: tuple(row)
        for row in conn.execute(
            sql(
                "SELECT a.id, a.headline, a.body, a.byline, a.keywords, s.slug, a.published_at "
                "FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            ids,
        )
    }
    captions: dict[int, list[str]] = {}
    for docid, caption in conn.execute(
        sql(
            "SELECT article_id, caption FROM gallery_items WHERE article_id IN :ids ORDER BY article_id, position"
        ).bindparams(bindparam("ids", expanding=True)),
        ids,
    ):
        captions.setdefault(docid, []).append(caption)
    found = []
    for docid in docids:
        row = rows.get(docid)
        if row is None:  # deleted between the two statements
            continue
        _, headline, body, byline, keywords, slug, published = row
        fields = (
            body_text(body),
            "\n".join(captions.get(docid, ())),
            " ".join(json.loads(keywords) if isinstance(keywords, str) else (keywords or ())),
            byline,
            headline,
        )
        found.append(Hit(docid, headline, slug, snippet(fields, finders), _time(published)))
    return found


def snippet(fields: tuple[str, ...], finders: list[re.Pattern]) -> str:
    """A marked excerpt of the field holding the most of the query's parts.

    Fields come in order of preference, the headline last: it is shown beside the snippet
    anyway, so it is the snippet only when nothing else matches.
    """
    best = None
    for i, text in enumerate(fields):
        if best is not None and i == len(fields) - 1:
            break
        norm, origin = _normalized(text)
        spans = _spans(fold_accents(norm), finders)
        parts = len({n for _, _, n in spans})
        if parts and (best is None or parts > best[0]):
            best = (parts, text, norm, origin, spans)
            if parts == len(finders):
                break
    if best is not None:
        return _excerpt(*best[1:])
    text = fields[0]
    cut = _word_end(text, SNIPPET_CHARS)
    return html.escape(text[:cut].replace("\n", " "), quote=False) + (" …" if cut < len(text) else "")


def _spans(text: str, finders: list[re.Pattern]) -> list[tuple[int, int, int]]:
    """Where the finders match whole words (or word starts, for a prefix): (start, end, finder), in order."""
    spans = []
    for n, finder in enumerate(finders):
        for m in finder.finditer(text):
            if m.start() == 0 or not text[m.start() - 1].isalnum():  # isalnum: [^\W_]
                spans.append((m.start(), m.end(), n))
    return sorted(spans)


def _normalized(text: str) -> tuple[str, list[int] | None]:
    """The normalized text and where each of its characters came from (None: the same place)."""
    norm = normalize(text)
    if len(norm) == len(text):  # nothing was removed, and every other change is one letter for one
        return norm, None
    return normalize_with_offsets(text)


def _excerpt(text: str, norm: str, origin: list[int] | None, spans: list[tuple[int, int, int]]) -> str:
    # The window (in normalized text) holding the most of the query's parts, then the most
    # matches; it starts a little before its first match.
    starts = [s for s, _, _ in spans]
    best, start_at = (0, 0), 0
    for i, start in enumerate(starts):
        inside = spans[i : bisect_right(starts, start + SNIPPET_CHARS - 1)]
        score = (len({n for _, _, n in inside}), len(inside))
        if score > best:
            best, start_at = score, i
    first, first_end, _ = spans[start_at]
    begin = _word_start(norm, max(0, first - SNIPPET_CHARS // 4))
    end = _word_end(norm, max(begin + SNIPPET_CHARS, first_end))
    marks = [(s, e) for s, e, _ in spans if s >= begin and e <= end]

    def at(k: int) -> int:  # a normalized offset in the original text; an end takes the marks after it
        if origin is None:
            return k
        return origin[k] if k < len(origin) else len(text)

    out = ["… "] if begin > 0 else []
    pos = at(begin) if begin > 0 else 0
    for s, e in _merged(marks):
        out.append(_escape(text[pos : at(s)]))
        out.append("<mark>" + _escape(text[at(s) : at(e)]) + "</mark>")
        pos = at(e)
    out.append(_escape(text[pos : at(end)]))
    if end < len(norm):
        out.append(" …")
    return "".join(out).strip()


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _escape(text: str) -> str:
    return html.escape(text.replace("\n", " "), quote=False)


def _word_start(text: str, k: int) -> int:
    """The start of the word at k (k itself when it is not inside a word)."""
    while 0 < k < len(text) and not text[k - 1].isspace():
        k -= 1
    return k


def _word_end(text: str, k: int) -> int:
    """The end of the word at k."""
    while k < len(text) and not text[k].isspace():
        k += 1
    return min(k, len(text))


def _time(value) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):  # SQLite gives the stored text
        value = datetime.fromisoformat(value)
    return value.replace(microsecond=0)
