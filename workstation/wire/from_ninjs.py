"""ninjs (IPTC News in JSON) 1.0–1.6, 2.0–2.2 and 3.0–3.1 items, from JSON or JSON Lines.

1.x names its texts by pattern (`headline_main`, `body_html`, `body_richtext`, `description_text`);
2.x and 3.x give lists of `headlines`, `descriptions` and `bodies`, each with a `role` and a
content type; 3.x spells its names in camelCase (`versionCreated`, `contentType`) and declares
itself in a `standard` object. A minor version this reader has never seen is read as its major.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from workstation.body.richtext import body_text
from workstation.wire import from_nitf
from workstation.wire.registry import Head, Parsed, WireFormat, register
from workstation.wire.story import (
    ItemError,
    SectionMatcher,
    WireStory,
    not_a_story,
    parse_time,
    pubstatus,
    split_keywords,
    to_incoming,
)

KNOWN_MAJORS = (1, 2, 3)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_STORY_KINDS = ("text", "composite", "article")
_HTML_KEYS = ("body_html", "body_xhtml", "body_richtext")


def prepare(item: Any, line: int, sections: SectionMatcher):
    """The article values of one ninjs item; raises ItemError with the reason it is refused."""
    try:
        return to_incoming(read_item(item), line, sections)
    except ItemError:
        raise
    except Exception as exc:  # an input nobody foresaw must cost this item, not the import
        raise ItemError(f"cannot be read ({type(exc).__name__}: {exc})") from None


def _get(item: dict, name: str) -> Any:
    """A property under its 1.x/2.x name (`versioncreated`) or its 3.x camelCase one (`versionCreated`)."""
    if name in item:
        return item[name]
    return item.get(_CAMEL.get(name, name))


_CAMEL = {
    "versioncreated": "versionCreated",
    "firstcreated": "firstCreated",
    "contentcreated": "contentCreated",
    "pubstatus": "pubStatus",
    "contenttype": "contentType",
}


def _text(item: dict, key: str) -> str | None:
    value = _get(item, key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ItemError(f"{key} is not text")
    return value.strip()


def version(item: dict) -> int:
    """The ninjs major version an item declares (a minor version is not checked), else the one its shape shows."""
    standard = item.get("standard")
    declared = standard.get("version") if isinstance(standard, dict) else None
    if declared is None and isinstance(item.get("$schema"), str):
        found = re.search(r"ninjs-schema_(\d+(?:\.\d+)*)", item["$schema"])
        declared = found.group(1) if found else None
    if declared is not None:
        major = str(declared).split(".")[0].strip()
        if not major.isdigit() or int(major) not in KNOWN_MAJORS:
            raise ItemError(f"unknown ninjs version {declared}")
        return int(major)
    if any(k in item for k in ("versionCreated", "firstCreated", "pubStatus", "bylines")):
        return 3
    return 2 if ("headlines" in item or "bodies" in item or "by" in item) else 1


def kind(item: dict) -> str | None:
    """The item's type (`picture`, `event`, …) whatever its spelling (`ninat:picture`, a newscode uri)."""
    value = item.get("type")
    if not isinstance(value, str) or not value.strip():
        return None
    return re.split(r"[:/]", value.strip().rstrip("/"))[-1].lower()


def read_item(item: Any) -> WireStory:
    """The story a ninjs item tells; raises ItemError for anything that is not a text story."""
    if not isinstance(item, dict):
        what = {list: "a list", str: "a string", type(None): "null"}.get(type(item), "a number or boolean")
        raise ItemError(f"not an object but {what}")
    found = kind(item)
    if found is not None and found not in _STORY_KINDS:
        raise not_a_story(found)
    story = WireStory()
    if version(item) == 1:
        _read_1x(item, story)
    else:
        _read_2x(item, story)

    story.keywords = split_keywords(item["keywords"]) if "keywords" in item else None
    subjects = item.get("subjects", item.get("subject"))
    story.sections = item["service"] if "service" in item else subjects
    if isinstance(subjects, list):
        names = (s.get("name") if isinstance(s, dict) else s for s in subjects)
        story.subjects = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    story.dateline_city = _located(item)
    times = {k: parse_time(_get(item, k), k) for k in ("firstcreated", "versioncreated", "embargoed")
             if _get(item, k) is not None}  # fmt: skip
    story.first_created = times.get("firstcreated")
    story.version_created = times.get("versioncreated")
    story.embargoed = times.get("embargoed")
    urgency = item.get("urgency")
    story.urgency = urgency if isinstance(urgency, int) and not isinstance(urgency, bool) else None
    story.pubstatus = pubstatus(_get(item, "pubstatus"))
    number = item.get("version")
    if isinstance(number, str) and number.strip().isdigit():
        number = int(number)
    story.version = number if isinstance(number, int) and not isinstance(number, bool) else None
    uri = item.get("uri")
    if uri is not None and (not isinstance(uri, str) or not uri.strip()):
        raise ItemError("uri is not text")
    story.uri = uri
    language = item.get("language")
    story.language = language.strip() if isinstance(language, str) else None
    return story


def _read_1x(item: dict, story: WireStory) -> None:
    story.headline = _text(item, "headline") or _by_pattern(item, "headline_", ("headline_main",))
    story.byline = _text(item, "byline") if "byline" in item else _text(item, "by")
    summary = _text(item, "description_text")
    if summary is None:
        html = _by_pattern(item, "description_", ("description_html",))
        summary = body_text(html) if html is not None else None
    story.summary = summary
    bodies = {k: v for k, v in item.items() if k.startswith("body_") and isinstance(v, str)}
    plain, nitf = bodies.pop("body_text", None), bodies.pop("body_nitf", None)
    # HTML first (body_html, body_xhtml, body_richtext, or any other holding markup), then NITF.
    for key in (*_HTML_KEYS, *bodies):
        if key in bodies and (key in _HTML_KEYS or "<" in bodies[key]):
            story.body_html = bodies[key]
            break
    if story.body_html is None and nitf is not None and nitf.strip():
        story.body_html = from_nitf.nitf_to_html(nitf)
    if plain is None:  # e.g. body_main without markup
        plain = next((v for v in bodies.values() if v.strip() and "<" not in v), None)
    story.body_text = plain


def _by_pattern(item: dict, prefix: str, first: tuple[str, ...]) -> str | None:
    """A 1.x pattern property: a preferred name, else the first non-empty one with that prefix."""
    for key in (*first, *(k for k in item if k.startswith(prefix))):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _entries(item: dict, key: str) -> list[dict]:
    """A 2.x/3.x list (headlines, descriptions, bodies): its entries that hold text."""
    entries = item.get(key)
    if entries is None:
        return []
    if isinstance(entries, dict):  # some emitters give one object instead of a list of one
        entries = [entries]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ItemError(f"{key} is not a list of objects")
    return [e for e in entries if isinstance(e.get("value"), str) and e["value"].strip()]


def _content_type(entry: dict) -> str:
    value = _get(entry, "contenttype")
    if isinstance(value, str) and value.strip():
        return value.split(";", 1)[0].strip().lower()
    return "text/html" if "<" in entry["value"] else "text/plain"


def _pick(entries: list[dict], roles: tuple[str, ...]) -> dict | None:
    """The entry with a preferred role (or none: the main one), else the first."""
    for entry in entries:
        role = entry.get("role")
        if role is None or (isinstance(role, str) and role.rsplit(":", 1)[-1].lower() in roles):
            return entry
    return entries[0] if entries else None


def _plain(entry: dict | None) -> str | None:
    if entry is None:
        return None
    kind_ = _content_type(entry)
    return body_text(entry["value"]) if kind_ in _HTML_TYPES or "<" in entry["value"] else entry["value"].strip()


def _read_2x(item: dict, story: WireStory) -> None:
    entry = _pick(_entries(item, "headlines"), ("main", "headline"))
    story.headline = _plain(entry) if entry else _text(item, "headline")
    story.summary = _plain(_pick(_entries(item, "descriptions"), ("summary", "abstract", "main")))
    bodies = _entries(item, "bodies")
    # HTML first, then NITF (converted), then plain text; the main body before other roles.
    for wanted in (_HTML_TYPES, ("application/nitf+xml", "application/vnd.iptc.nitf+xml", "text/nitf")):
        entry = _pick([e for e in bodies if _content_type(e) in wanted], ("main", "body"))
        if entry is not None:
            value = entry["value"]
            story.body_html = value if wanted is _HTML_TYPES else from_nitf.nitf_to_html(value)
            break
    entry = _pick([e for e in bodies if _content_type(e) == "text/plain"], ("main", "body"))
    story.body_text = entry["value"] if entry else None
    story.byline = _byline(item)


def _byline(item: dict) -> str | None:
    by = _text(item, "by")
    if by is not None:
        return by
    names = []
    for entry in item.get("bylines") or []:
        value = entry if isinstance(entry, str) else next(
            (entry.get(k) for k in ("byline", "name", "value") if isinstance(entry, dict) and entry.get(k)), None
        )  # fmt: skip
        if isinstance(value, str) and value.strip():
            names.append(value.strip())
    return "، ".join(names) if names else None


def _located(item: dict) -> str | None:
    located = item.get("located")
    if isinstance(located, dict):  # some emitters give {"name": …, "city": …}
        located = located.get("city") or located.get("name")
    if isinstance(located, str) and located.strip():
        return located.strip()
    places = item.get("places", item.get("place"))
    if isinstance(places, list):
        places = [p for p in places if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].strip()]
        chosen = next((p for p in places if str(p.get("rel", p.get("role", ""))).endswith("located")), None)
        if chosen or places:
            return (chosen or places[0])["name"].strip()
    return None


# -- reading files --------------------------------------------------------------------------------
def json_error(exc: Exception, one_line: bool = False) -> str:
    """The reason a JSON text could not be read, with where in it (the column, for a JSON Lines line)."""
    if isinstance(exc, json.JSONDecodeError):
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        return f"invalid JSON at {where}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {exc}"  # e.g. a number too long to read


def read_lines(data: bytes, sections: SectionMatcher) -> Parsed:
    """Parses JSON Lines (one item a line; blank lines skipped); line numbers count from 0."""
    result = Parsed()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    result.lines = len(lines)
    for number, raw in enumerate(lines):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            result.problems.append((number, "not UTF-8 text"))
            continue
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:
            result.problems.append((number, json_error(exc, one_line=True)))
            continue
        try:
            result.items.append((number, prepare(item, number, sections)))
        except ItemError as exc:
            result.problems.append((number, str(exc)))
    return result


def _skip_space(data: str, pos: int) -> int:
    while pos < len(data) and data[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def read_document(data: str) -> Iterator[tuple[int, Any, str | None]]:
    """The items of a JSON text as (line, item, None), or (line, None, reason) for what is broken.

    The text may hold one object, a list of them, or several such values one after another.
    """
    decoder = json.JSONDecoder()
    pos, line, counted = _skip_space(data, 0), 1, 0

    def line_at(p: int) -> int:
        nonlocal line, counted
        line += data.count("\n", counted, p)
        counted = p
        return line

    while pos < len(data):
        in_list = data[pos] == "["
        if in_list:
            pos = _skip_space(data, pos + 1)
            if data.startswith("]", pos):
                pos = _skip_space(data, pos + 1)
                continue
        while True:
            try:
                value, end = decoder.raw_decode(data, pos)
            except (ValueError, RecursionError) as exc:
                yield line_at(pos), None, f"{json_error(exc)}; the rest of the file is skipped"
                return
            yield line_at(pos), value, None
            pos = _skip_space(data, end)
            if not in_list:
                break
            if data.startswith(",", pos):
                pos = _skip_space(data, pos + 1)
            elif data.startswith("]", pos):
                pos = _skip_space(data, pos + 1)
                break
            else:
                yield (
                    line_at(pos),
                    None,
                    "invalid JSON: expected ',' or ']' after an item; the rest of the file is skipped",
                )
                return


def read_json(data: bytes, sections: SectionMatcher) -> Parsed:
    """Parses one JSON text (an item, a list of them, or several); each item is placed by its first line."""
    result = Parsed()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.problems.append(("", f"not UTF-8 text (byte {exc.start})"))
        return result
    for line, item, broken in read_document(text):
        try:
            if broken is not None:
                raise ItemError(broken)
            result.items.append((line - 1, prepare(item, line, sections)))
        except ItemError as exc:
            result.problems.append((line - 1, str(exc)))
    return result


_LINES_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")


def _is_json_lines(head: Head) -> bool:
    if head.start[:1] not in (b"{", b"["):
        return False
    if head.suffix in _LINES_SUFFIXES:
        return True
    # A whole object on the first line means JSON Lines (even if that line is broken: the others
    # still land); the first line of a pretty-printed object is not a whole object.
    first = head.first_line.strip()
    return head.start[:1] == b"{" and first.startswith(b"{") and first.endswith(b"}")


register(WireFormat("ninjs-lines", _is_json_lines, read_lines, by_lines=True))
register(WireFormat("ninjs", lambda head: head.start[:1] in (b"{", b"["), read_json))
