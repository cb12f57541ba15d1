"""Importing wire files: ninjs (JSON or JSON Lines), NewsML-G2 and NITF, whatever mix is given.

Each story becomes an article, or updates the one imported from the same `uri` (a NewsML-G2
`guid`). Bad items are refused one by one, named by file and line or XML path; the good ones
still land.

Work is split in two: reading, parsing, sanitizing and normalizing (pure, so it is spread over
worker processes: a large JSON Lines file by ranges of lines, small files a group at a time), and
writing, done by the calling process alone in batch transactions. Each batch commits its
articles, their revisions and their search-index rows together, so an import killed at any
moment leaves only whole articles behind.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workstation.articles.bulkwrite import BulkWriter, IncomingArticle
from workstation.errors import LibraryError, Problem
from workstation.library.store import Library
from workstation.wire import from_newsml, from_ninjs, from_nitf, registry  # the formats register themselves
from workstation.wire.registry import Head, Parsed, Where, WireFormat
from workstation.wire.story import SectionMatcher
from workstation.workers import BrokenProcessPool, WorkerPool

__all__ = ["ImportReport", "Problem", "from_newsml", "from_ninjs", "from_nitf", "import_files"]

CHUNK_BYTES = 16 << 20  # a worker's share of a JSON Lines file (about 2,800 stories), and one write transaction
BATCH_ITEMS = 5000  # at most this many articles a transaction (a long JSON list, many small files)
# Small files go to a worker in groups of about this size: the groups in flight (two a worker) then
# hold about one write transaction, so the workers parse the next batch while this process writes one.
GROUP_BYTES = 4 << 20
GROUP_FILES = 1000
PARALLEL_BYTES = 8 << 20  # less input than this is read in this process: starting workers costs more
_HEAD_BYTES = 1 << 16


@dataclass
class ImportReport:
    """What an import did: articles created and updated, items read, and what was refused."""

    created: int = 0
    updated: int = 0
    items_seen: int = 0
    refused: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """A file, or a range of its lines, to read in one format; or a file that cannot be read, and why."""

    path: str
    format: str = ""
    start: int = 0
    end: int = 0
    refused: str = ""


def open_source(path: Path) -> tuple[WireFormat, int] | str:
    """The format of a file and its size, or why it cannot be read."""
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
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if not start:
        return "empty file: no items"
    found = registry.recognise(Head(start, first_line.lstrip(codecs.BOM_UTF8), path.suffix.lower()))
    if found is not None and found.utf8 and not found.by_lines:  # a JSON Lines line that is not UTF-8 is refused alone
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) == size)
        except UnicodeDecodeError:
            return "not UTF-8 text"
    elif found is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return "not UTF-8 text"
        if start[:1] == b"<":
            return "XML, but neither NewsML-G2 nor NITF"
        return "not JSON, JSON Lines or XML (it does not start with '{', '[' or '<')"
    return found, size


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


def _groups(paths: Iterable[Path]) -> Iterator[list[Part]]:
    """The work, in file order: a range of a large line file alone, small files a group at a time."""
    group: list[Part] = []
    size = 0
    for path in paths:
        source = open_source(path)
        if isinstance(source, str):
            group.append(Part(str(path), refused=source))
            continue
        wire_format, length = source
        if wire_format.by_lines and length > min(GROUP_BYTES, CHUNK_BYTES):
            if group:
                yield group
                group, size = [], 0
            for start, end in _line_chunks(path, length, CHUNK_BYTES):
                yield [Part(str(path), wire_format.name, start, end)]
            continue
        group.append(Part(str(path), wire_format.name, 0, length))
        size += length
        if size >= GROUP_BYTES or len(group) >= GROUP_FILES:
            yield group
            group, size = [], 0
    if group:
        yield group


def read_part(part: Part, sections: SectionMatcher) -> Parsed:
    """The articles and refusals of one part."""
    if part.refused:
        return Parsed(problems=[("", part.refused)])
    try:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
    except OSError as exc:
        return Parsed(problems=[("", f"cannot read the file: {exc.strerror}")])
    return registry.get(part.format).read(data, sections)


# -- worker processes -----------------------------------------------------------------------------
_MATCHER: SectionMatcher | None = None  # a worker's own, made once when it starts


def _worker_init(sections: tuple[tuple[str, str], ...]) -> None:
    global _MATCHER
    _MATCHER = SectionMatcher(sections)


def _read_group(group: list[Part]) -> list[tuple[Part, Parsed]]:
    """A worker's job: the articles and refusals of a group of parts."""
    return [(part, read_part(part, _MATCHER)) for part in group]


def _worker_count() -> int:
    if getattr(sys, "frozen", False):
        return 0  # a packaged app would start itself again as the worker
    # One core writes; the others parse. Two workers at most: beyond that the writer is the limit.
    return max(1, min(2, (os.cpu_count() or 1) - 1))


def _input_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


# -- the import -----------------------------------------------------------------------------------
def import_files(library: Library, paths: Iterable[Path], *, workers: int | None = None) -> ImportReport:
    """Imports wire files (ninjs, NewsML-G2, NITF); returns what was created, updated and refused.

    `workers` is the number of parsing processes (None: chosen from the machine and the size of
    the input; 0: everything in this process).
    """
    paths = [Path(p) for p in paths]
    report = ImportReport()
    with BulkWriter(library) as writer:
        matcher = SectionMatcher(writer.sections)
        parallel = workers if workers is not None else _worker_count()
        pool: WorkerPool | None = None
        try:
            if parallel > 0 and (workers or _input_bytes(paths) >= PARALLEL_BYTES):
                pool = WorkerPool(parallel, initializer=_worker_init, initargs=(writer.sections,))
                results = pool.ordered(_read_group, _groups(paths), ahead=2 * pool.count)
            else:
                results = ([(part, read_part(part, matcher)) for part in group] for group in _groups(paths))
            _write_all(_unbroken(results), writer, report)
        except BaseException:
            if pool is not None:
                pool.kill()
                pool = None
            raise
        finally:
            if pool is not None:
                pool.close()
    return report


def _unbroken(results: Iterator[list[tuple[Part, Parsed]]]) -> Iterator[tuple[Part, Parsed]]:
    try:
        for group in results:
            yield from group
    except BrokenProcessPool:
        raise LibraryError("An import worker process stopped unexpectedly; nothing after it was read.") from None


def _place(name: str, where: Where, base: int) -> str:
    """`FILE:LINE`, `FILE:/xml/path`, or the file alone for what concerns all of it."""
    if isinstance(where, int):
        return f"{name}:{base + where + 1}"
    return f"{name}:{where}" if where else name


def _write_all(results: Iterator[tuple[Part, Parsed]], writer: BulkWriter, report: ImportReport) -> None:
    batch: list[tuple[str, IncomingArticle]] = []
    batch_bytes = base = 0  # base: lines of the file before the part
    for part, parsed in results:
        if part.start == 0:
            base = 0
        for where, reason in parsed.problems:
            report.refused.append(Problem(_place(part.path, where, base), reason))
            report.items_seen += where != ""
        report.items_seen += len(parsed.items)
        for where, item in parsed.items:
            if isinstance(where, int):
                item.line = base + where + 1
            batch.append((_place(part.path, where, base), item))
            if len(batch) >= BATCH_ITEMS:
                _write_batch(writer, batch, report)
                batch, batch_bytes = [], 0
        base += parsed.lines
        batch_bytes += part.end - part.start
        if batch_bytes >= CHUNK_BYTES:
            _write_batch(writer, batch, report)
            batch, batch_bytes = [], 0
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
