"""The errors and report types that every part of the core shares, each defined once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class LibraryError(Exception):
    """A library that cannot be opened or used; the message is one sentence for the user."""


class PasswordRefused(LibraryError):
    """A library server refused the connection for its password: `missing` when none was given, else a wrong one."""

    def __init__(self, message: str, missing: bool):
        super().__init__(message)
        self.missing = missing


class NotFoundError(LookupError):
    """An article, section or revision that does not exist; the message names it."""


class ConflictError(Exception):
    """A save based on a version that another writer has already replaced."""

    def __init__(self, docid: int, base_version: int, current_version: int):
        super().__init__(
            f"Article {docid} was changed by someone else (your copy is version {base_version}, "
            f"the library has version {current_version}); nothing was overwritten."
        )
        self.docid = docid
        self.base_version = base_version
        self.current_version = current_version


def no_such_section(slug: str) -> NotFoundError:
    """The one error for a section slug that the library does not have."""
    return NotFoundError(f"There is no section '{slug}'.")


def no_such_article(docid: int) -> NotFoundError:
    """The one error for a document id that the library does not have."""
    return NotFoundError(f"There is no article {docid}.")


@dataclass(frozen=True)
class Problem:
    """One refused input: where it is (`FILE`, `FILE:LINE`) and why, one sentence for the user."""

    where: str
    reason: str


Progress = Callable[[int, int, str], None]
"""A long job's progress callback: (done, total, what is being done now)."""
