"""Importing wire copy in ninjs (IPTC News in JSON) 1.x and 2.x, from JSON or JSON Lines files.

Each item becomes an article (or updates the one imported from the same `uri`). Bad
items are refused one by one, named by file and line; the good ones still land.

Work is split in two: reading, parsing, sanitizing and normalizing an item (pure, so
large JSON Lines files are spread over worker processes by byte range), and writing,
done by the calling process alone in batch transactions. Each batch commits its
articles, their revisions and their search-index rows together, so an import killed
at any moment leaves only whole articles behind.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.articles.bulkwrite import MAX_DOCID, BulkWriter, IncomingArticle
from workstation.body.richtext import sanitize_body, text_to_body
from workstation.errors import LibraryError, Problem
from workstation.library.store import Library
from workstation.search.index import document
from workstation.search.textnorm import normalize
from workstation.workers import BrokenProcessPool, WorkerPool

CHUNK_BYTES = 16 << 20  # a worker's share of a JSON Lines file (about 2,800 stories), and one write transaction
PARALLEL_BYTES = 8 << 20  # smaller files are read in this process: starting workers costs more
DOCUMENT_BATCH = 500  # items of a JSON document written per transaction
_HEAD_BYTES = 1 << 16


@dataclass
class ImportReport:
    """What an import did: articles created and updated, items read, and what was refused."""

    created: int = 0
    updated: int = 0
    items_seen: int = 0
    refused: list[Problem] = field(default_factory=list)


class ItemError(ValueError):
    """An item that cannot become an article; the message is the reason."""


# -- one item -------------------------------------------------------------------------------------
class SectionMatcher:
    """Finds the section a `service` (or 2.x subject) names, by slug or by Arabic name."""

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


def _text(item: dict, key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ItemError(f"{key} is not text")
    return value.strip()


def _first_value(entries: Any, key: str, prefer: tuple[str, ...] = ()) -> dict | None:
    """The entry of a 2.x list (headlines, bodies, descriptions) to use: a preferred one, else the first."""
    if entries is None:
        return None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ItemError(f"{key} is not a list of objects")
    usable = [e for e in entries if isinstance(e.get("value"), str) and e["value"].strip()]
    for wanted in prefer:
        for entry in usable:
            if wanted in (entry.get("role"), entry.get("contenttype")):
                return entry
    return usable[0] if usable else None


def _version(item: dict) -> int:
    standard = item.get("standard")
    declared = standard.get("version") if isinstance(standard, dict) else None
    if declared is None and isinstance(item.get("$schema"), str):
        found = re.search(r"ninjs-schema_(\d+(?:\.\d+)*)", item["$schema"])
        declared = found.group(1) if found else None
    if declared is not None:
        major = str(declared).split(".")[0].strip()
        if major not in ("1", "2"):
            raise ItemError(f"unknown ninjs version {declared}")
        return int(major)
    return 2 if ("headlines" in item or "bodies" in item or "by" in item) else 1


def _keywords(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = re.split(r"[,،;]", value)
    if not isinstance(value, list):
        raise ItemError("keywords is not a list")
    return [k.strip() for k in value if isinstance(k, str) and k.strip()]


def _utf8(value: str, name: str) -> bytes:
    """The text as UTF-8; a lone surrogate (a `\\ud83d` escape without its pair) is refused, named."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start].encode("unicode_escape").decode("ascii")
        raise ItemError(f"{name} holds {bad}, half of a character (a lone surrogate)") from None


def prepare(item: Any, line: int, sections: SectionMatcher) -> IncomingArticle:
    """The article values of one ninjs item; raises ItemError with the reason it is refused."""
    try:
        return _prepare(item, line, sections)
    except ItemError:
        raise
    except Exception as exc:  # an input nobody foresaw must cost this item, not the import
        raise ItemError(f"cannot be read ({type(exc).__name__}: {exc})") from None


def _prepare(item: Any, line: int, sections: SectionMatcher) -> IncomingArticle:
    if not isinstance(item, dict):
        kind = {list: "a list", str: "a string", type(None): "null"}.get(type(item), "a number or boolean")
        raise ItemError(f"not an object but {kind}")
    version = _version(item)
    kind = item.get("type")
    if kind is not None and kind not in ("text", "composite"):
        raise ItemError(f"a {kind} item, not a text story")
    values: dict[str, Any] = {}

    if version == 1:
        headline = _text(item, "headline")
        body_html, body_plain = _text(item, "body_html"), _text(item, "body_text")
        byline = _text(item, "byline")
        summary = _text(item, "description_text")
    else:
        entry = _first_value(item.get("headlines"), "headlines", ("main", "text/plain"))
        headline = entry["value"].strip() if entry else _text(item, "headline")
        entry = _first_value(item.get("bodies"), "bodies", ("text/html", "main", "text/plain"))
        body_html = body_plain = None
        if entry is not None:
            is_plain = entry.get("contenttype") == "text/plain" or (
                entry.get("contenttype") is None and "<" not in entry["value"]
            )
            body_plain, body_html = (entry["value"], None) if is_plain else (None, entry["value"])
        byline = _text(item, "by")
        entry = _first_value(item.get("descriptions"), "descriptions", ("summary", "text/plain"))
        summary = entry["value"].strip() if entry else None
    if not headline:
        raise ItemError("no headline")
    values["headline"] = " ".join(headline.split())
    body = None  # the HTML keeps the markup the desk wrote; the plain text is the fallback
    if body_html is not None and (body_html or body_plain is None):
        body = sanitize_body(body_html)
    elif body_plain is not None:
        body = text_to_body(body_plain)
    if byline is not None:
        values["byline"] = byline
    if summary is not None:
        values["subheadline"] = summary
    if "keywords" in item:
        values["keywords"] = _keywords(item["keywords"])
    located = item.get("located")
    if isinstance(located, dict):  # some emitters give {"name": …, "city": …}
        located = located.get("city") or located.get("name")
    if isinstance(located, str) and located.strip():
        values["dateline_city"] = located.strip()

    times = {k: parse_time(item[k], k) for k in ("firstcreated", "versioncreated") if item.get(k) is not None}
    published_at = times.get("firstcreated") or times.get("versioncreated")
    pubstatus = item.get("pubstatus", "usable")
    if pubstatus not in ("usable", "withheld", "canceled", "cancelled", None):
        raise ItemError(f"unknown pubstatus {json.dumps(pubstatus, ensure_ascii=False)}")
    trash = pubstatus in ("canceled", "cancelled")
    status = "draft" if pubstatus == "withheld" or trash else "published"  # a killed story was never published

    uri = item.get("uri")
    if uri is not None and (not isinstance(uri, str) or not uri.strip()):
        raise ItemError("uri is not text")
    uri = uri.strip() if uri else None
    # Text bound as str would fail at the write and undo the whole batch: refuse it here.
    for name, value in (("uri", uri or ""), *values.items()):
        for text in value if isinstance(value, list) else [value]:
            _utf8(text, name)
    section_entries = item.get("service") if "service" in item else item.get("subjects")
    index_row = list(document(values["headline"], body or "", values.get("byline", ""), values.get("keywords", []), []))
    index_row[1] = _utf8(index_row[1], "body")  # the bulk writer takes long texts as UTF-8
    return IncomingArticle(
        line=line,
        uri=uri,
        docid=docid_from_uri(uri) if uri else None,
        section=sections.match(section_entries),
        values=values,
        body=None if body is None else _utf8(body, "body"),
        status=status,
        trash=trash,
        published_at=published_at,
        index_row=tuple(index_row),
    )


# -- reading files --------------------------------------------------------------------------------
@dataclass
class ChunkResult:
    """What a piece of a JSON Lines file held: its line count, its items and its bad lines."""

    lines: int
    items: list[IncomingArticle]
    problems: list[tuple[int, str]]  # (line, reason), lines relative to the chunk


def read_lines(data: bytes, sections: SectionMatcher) -> ChunkResult:
    """Parses JSON Lines (one item a line; blank lines skipped); line numbers count from 0."""
    result = ChunkResult(0, [], [])
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
            result.problems.append((number, _json_error(exc, one_line=True)))
            continue
        try:
            result.items.append(prepare(item, number, sections))
        except ItemError as exc:
            result.problems.append((number, str(exc)))
    return result


def _json_error(exc: Exception, one_line: bool = False) -> str:
    """The reason a JSON text could not be read, with where in it (the column, for a JSON Lines line)."""
    if isinstance(exc, json.JSONDecodeError):
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        return f"invalid JSON at {where}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {exc}"  # e.g. a number too long to read


def _read_chunk(path: str, start: int, end: int, sections: SectionMatcher) -> ChunkResult:
    with open(path, "rb") as fh:
        fh.seek(start)
        return read_lines(fh.read(end - start), sections)


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
                yield line_at(pos), None, f"{_json_error(exc)}; the rest of the file is skipped"
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


@dataclass
class _Source:
    """A file to import and how to read it."""

    path: Path
    lines: bool  # JSON Lines; otherwise one JSON text
    size: int


def _open_source(path: Path) -> _Source | str:
    """How to read the file, or why it cannot be read."""
    try:
        if path.is_dir():
            return "is a folder, not a file"
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
            fh.seek(0)
            first_line = fh.readline(1 << 26)
    except FileNotFoundError:
        return "file not found"
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text; only UTF-8 is read"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) == size)
    except UnicodeDecodeError:
        return "not UTF-8 text"
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if not start:
        return "empty file: no items"
    if start[:1] not in (b"{", b"["):
        return "not JSON or JSON Lines (it does not start with '{' or '[')"
    lines = path.suffix.lower() in (".jsonl", ".ndjson", ".jsonlines")
    if not lines and start[:1] == b"{":
        # A whole object on the first line means JSON Lines (even if that line is broken: the others
        # still land); the first line of a pretty-printed object is not a whole object.
        first = first_line.lstrip(codecs.BOM_UTF8).strip()
        lines = first.startswith(b"{") and first.endswith(b"}")
    return _Source(path, lines, size)


def _line_chunks(path: Path, size: int, chunk_bytes: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of about chunk_bytes that end at line ends."""
    start = 0
    with path.open("rb") as fh:
        while start < size:
            if start + chunk_bytes >= size:
                yield start, size
                return
            fh.seek(start + chunk_bytes - 1)
            fh.readline()
            end = min(fh.tell(), size)
            yield start, end
            start = end


# -- worker processes -----------------------------------------------------------------------------
_MATCHER: SectionMatcher | None = None  # a worker's own, made once when it starts


def _worker_init(sections: tuple[tuple[str, str], ...]) -> None:
    global _MATCHER
    _MATCHER = SectionMatcher(sections)


def _parse_range(task: tuple[str, int, int]) -> ChunkResult:
    """A worker's job: the items of one range of lines of a file."""
    return _read_chunk(*task, _MATCHER)


# -- the import -----------------------------------------------------------------------------------
def _worker_count() -> int:
    if getattr(sys, "frozen", False):
        return 0  # a packaged app would start itself again as the worker
    # One core writes; the others parse. Two workers at most: beyond that the writer is the limit.
    return max(1, min(2, (os.cpu_count() or 1) - 1))


def import_files(library: Library, paths: Iterable[Path], *, workers: int | None = None) -> ImportReport:
    """Imports ninjs files (JSON or JSON Lines); returns what was created, updated and refused.

    `workers` is the number of parsing processes for large JSON Lines files (None: chosen
    from the machine; 0: everything in this process).
    """
    report = ImportReport()
    with BulkWriter(library) as writer:
        matcher = SectionMatcher(writer.sections)
        pool: WorkerPool | None = None
        try:
            for path in paths:
                source = _open_source(Path(path))
                if isinstance(source, str):
                    report.refused.append(Problem(str(path), source))
                    continue
                if source.lines:
                    parallel = workers if workers is not None else _worker_count()
                    if pool is None and parallel > 0 and (workers or source.size >= PARALLEL_BYTES):
                        pool = WorkerPool(parallel, initializer=_worker_init, initargs=(writer.sections,))
                    _import_lines(source, str(path), writer, matcher, pool, report)
                else:
                    _import_document(source, str(path), writer, matcher, report)
        except BaseException:
            if pool is not None:
                pool.kill()
                pool = None
            raise
        finally:
            if pool is not None:
                pool.close()
    return report


def _import_lines(source: _Source, name: str, writer: BulkWriter, matcher: SectionMatcher,
                  pool: WorkerPool | None, report: ImportReport) -> None:  # fmt: skip
    tasks = ((str(source.path), start, end) for start, end in _line_chunks(source.path, source.size, CHUNK_BYTES))
    if pool is not None:
        results = pool.ordered(_parse_range, tasks, ahead=2 * pool.count)
    else:
        results = (_read_chunk(*task, matcher) for task in tasks)
    base = 0  # lines before the chunk
    for chunk in _unbroken(results):
        for line, reason in chunk.problems:
            report.refused.append(Problem(f"{name}:{base + line + 1}", reason))
        report.items_seen += len(chunk.items) + len(chunk.problems)
        batch = []
        for item in chunk.items:
            item.line += base + 1
            batch.append((f"{name}:{item.line}", item))
        _write_batch(writer, batch, report)
        base += chunk.lines


def _unbroken(results: Iterator[ChunkResult]) -> Iterator[ChunkResult]:
    try:
        yield from results
    except BrokenProcessPool:
        raise LibraryError("An import worker process stopped unexpectedly; nothing after it was read.") from None


def _import_document(source: _Source, name: str, writer: BulkWriter, matcher: SectionMatcher,
                     report: ImportReport) -> None:  # fmt: skip
    try:
        data = source.path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        report.refused.append(Problem(name, f"not UTF-8 text (byte {exc.start})"))
        return
    except OSError as exc:
        report.refused.append(Problem(name, f"cannot read the file: {exc.strerror}"))
        return
    batch: list[tuple[str, IncomingArticle]] = []
    for line, item, broken in read_document(data):
        report.items_seen += 1
        where = f"{name}:{line}"
        try:
            if broken is not None:
                raise ItemError(broken)
            batch.append((where, prepare(item, line, matcher)))
        except ItemError as exc:
            report.refused.append(Problem(where, str(exc)))
        if len(batch) >= DOCUMENT_BATCH:
            _write_batch(writer, batch, report)
            batch = []
    _write_batch(writer, batch, report)


def _write_batch(writer: BulkWriter, batch: list[tuple[str, IncomingArticle]], report: ImportReport) -> None:
    try:
        created, updated, refused = writer.write([article for _where, article in batch])
    except LibraryError as exc:
        # Another writer got in the way of one item: the batch is undone, so say so for each of its items.
        for where, _item in batch:
            report.refused.append(Problem(where, str(exc)))
        return
    for position, reason in refused:
        report.refused.append(Problem(batch[position][0], reason))
    report.created += created
    report.updated += updated
