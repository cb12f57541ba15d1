"""Where SQLite and PostgreSQL differ, behind one small interface; nothing outside this package asks which.

A backend knows how its database takes a write transaction, upserts, JSON snapshots and
driver parameters, how it keeps and queries the full-text search index (the analyzed text
of each live article, built by `workstation.search.index`), and how changes reach the
other workstations (a change log it polls, or LISTEN/NOTIFY).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

INDEX_COLUMNS = ("headline", "body", "byline", "keywords", "captions")
# The ranking weight of each index column: a word in the headline counts ten times one in the body.
INDEX_WEIGHTS = {"headline": 10.0, "body": 1.0, "byline": 2.0, "keywords": 5.0, "captions": 2.0}
CANDIDATES = 1000  # matches ranked by relevance: the newest this many (older ones follow, newest first)
TOTAL_CAP = 10_000  # a phrase's matches are counted up to this many
# What the index takes as a word: runs of letters and digits (FTS5's unicode61, Python's [^\W_]).
WORD = re.compile(r"[^\W_]+")

# FTS5's remove_diacritics folds accented Latin letters to their base letter; the snippet finder
# and the PostgreSQL index do the same, one letter for one, so offsets stay put.
_FOLD_TABLE: dict[int, int] = {}
for _code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
    _decomposed = unicodedata.normalize("NFD", chr(_code))
    if len(_decomposed) > 1 and all(unicodedata.combining(c) for c in _decomposed[1:]):
        _FOLD_TABLE[_code] = ord(_decomposed[0])
_ACCENTED = re.compile("[" + "".join(map(chr, _FOLD_TABLE)) + "]")


def fold_accents(text: str) -> str:
    """The text with accented Latin letters as their base letter (as FTS5's unicode61 tokenizer folds them)."""
    return text.translate(_FOLD_TABLE) if _ACCENTED.search(text) else text


class QueryTerm(Protocol):
    """One required part of a search: a word or a phrase, whose last word may be a prefix,
    found as any of its spellings (the typed one first, then the attached forms the index holds)."""

    words: tuple[str, ...]
    prefix: bool
    spellings: tuple[tuple[str, ...], ...]
    # Each word on its own: the word, then its attached forms the index holds (a prefix only as typed).
    word_spellings: tuple[tuple[str, ...], ...]


class SearchScope(Protocol):
    """The matches of one query in the index, restricted to a section when one is given."""

    def newest(self, limit: int, offset: int, below: int | None = None) -> list[int]:
        """Document ids of matches, newest first (below a document id when given)."""

    def ranked(self, limit: int, offset: int) -> tuple[list[int], int | None]:
        """A page in relevance order, and the total when the candidates were all the matches."""

    def count(self) -> tuple[int, bool]:
        """How many articles match, and whether that is exact (else: at least that many)."""


def ranked_page(scope: SearchScope, ranked: list[int], limit: int, offset: int) -> tuple[list[int], int | None]:
    """A page of the newest CANDIDATES matches in relevance order (`ranked`), then of the older ones,
    newest first; with the total when the candidates were all the matches."""
    docids = ranked[offset : offset + limit]
    if len(ranked) < CANDIDATES:
        return docids, len(ranked)
    if len(docids) < limit:  # past the ranked candidates: the older matches, newest first
        docids += scope.newest(limit - len(docids), max(0, offset - CANDIDATES), below=min(ranked))
    return docids, None


class ChangeFeed(Protocol):
    """The library's change events as they happen."""

    def poll(self, timeout: float) -> list[dict]:
        """The events since the last poll, waiting up to `timeout` seconds for one."""

    def close(self) -> None:
        """Lets go of the connection."""


class Backend(Protocol):
    """What differs between the databases a library can live in."""

    name: str

    def prepare(self, engine: Engine, editor: str) -> None:
        """Hooks the engine's new connections up (pragmas, who is writing)."""

    def change_feed(self, engine: Engine) -> ChangeFeed:
        """The changes anyone makes from now on."""

    def begin_write(self, conn: Connection) -> None:
        """Starts a write transaction on a connection that has none."""

    def lock_writes(self, conn: Connection) -> None:
        """Makes this transaction the library's one writer until it ends (call it first in the transaction)."""

    def begin_snapshot(self, conn: Connection) -> None:
        """Starts a read transaction whose statements all see one state of the library."""

    def after_explicit_ids(self, conn: Connection, tables: Sequence[str]) -> None:
        """After rows were written with their ids given: new rows get ids past them."""

    def driver_sql(self, statement: str) -> str:
        """A statement written with `?` parameters, in the driver's own parameter style."""

    def utf8_text(self, data: bytes) -> Any:
        """A parameter for `CAST(? AS TEXT)` holding UTF-8 text."""

    snapshot_sql: str  # a JSON object of article row `a`, in the shape of ArticleRecord.snapshot()
    distinct: str  # the null-safe "is not equal" operator

    def index_write(self, conn: Connection, rows: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Adds the index rows (docid, analyzed columns) of articles that have none."""

    def index_delete(self, conn: Connection, docids: Sequence[int]) -> None:
        """Drops the index rows of these articles."""

    def index_drift(self, conn: Connection, expected: Iterable[tuple[int, Sequence[str]]]) -> list[str]:
        """A sentence for each article whose index row is missing, out of date or left over."""

    def index_problems(self, conn: Connection) -> list[str]:
        """The database's own integrity checks (tables and index), one sentence each."""

    def bulk_index(self, conn: Connection) -> BulkIndex:
        """A context that makes many index writes cheaper (an import)."""

    def search_scope(self, conn: Connection, terms: Sequence[QueryTerm], section_id: int | None) -> SearchScope:
        """The matches of these terms (all required), their spellings found beforehand."""


class BulkIndex(Protocol):
    """Entered around an import, left when it is done."""

    def __enter__(self) -> BulkIndex: ...
    def __exit__(self, *exc) -> None: ...


class NoBulkIndex:
    """A bulk context that changes nothing."""

    def __enter__(self) -> NoBulkIndex:
        return self

    def __exit__(self, *exc) -> None:
        return None


def backend_for(dialect_name: str) -> Backend:
    """The backend of an SQLAlchemy dialect."""
    if dialect_name == "sqlite":
        from workstation.library.backends.sqlite import SqliteBackend

        return SqliteBackend()
    if dialect_name == "postgresql":
        from workstation.library.backends.postgresql import PostgresBackend

        return PostgresBackend()
    from workstation.errors import LibraryError

    raise LibraryError(f"A library lives in SQLite or PostgreSQL, not in {dialect_name}.")
