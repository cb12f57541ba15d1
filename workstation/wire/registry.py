"""The wire formats the importer reads: each one registers how to recognise a file and read it.

A new format is a new `from_<format>` module that calls `register`; the importer never names a
format. A reader turns bytes (a whole file, or for a line format a range of whole lines) into
`Parsed`: the articles and the refusals, each placed by line or by XML path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workstation.articles.bulkwrite import IncomingArticle
from workstation.wire.story import SectionMatcher

Where = int | str
"""Where an item is in its file: a line (counted from 0 in what was read) or an XML path."""


@dataclass
class Parsed:
    """What a file, or a range of its lines, held: its line count, its articles and its refusals."""

    lines: int = 0
    items: list[tuple[Where, IncomingArticle]] = field(default_factory=list)
    problems: list[tuple[Where, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Head:
    """The start of a file, to recognise its format: what follows any BOM and leading white space."""

    start: bytes
    first_line: bytes
    suffix: str  # lower case, with its dot


@dataclass(frozen=True)
class WireFormat:
    """One format: how to recognise it from a file's head and how to read it."""

    name: str
    recognise: Callable[[Head], bool]
    read: Callable[[bytes, SectionMatcher], Parsed]
    by_lines: bool = False  # whole lines can be read apart, so a large file is shared between workers
    utf8: bool = True  # the text must be UTF-8 (XML declares its own encoding)


_FORMATS: dict[str, WireFormat] = {}


def register(wire_format: WireFormat) -> WireFormat:
    """Adds a format; the ones registered first are tried first."""
    _FORMATS[wire_format.name] = wire_format
    return wire_format


def get(name: str) -> WireFormat:
    """The format of that name."""
    return _FORMATS[name]


def recognise(head: Head) -> WireFormat | None:
    """The first format that recognises the file's head, if any."""
    return next((f for f in _FORMATS.values() if f.recognise(head)), None)
