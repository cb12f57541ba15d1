"""The registry of publish targets: a URL scheme names the module that sends files there.

A target is a small set of file operations on paths relative to its root; the sync engine
(`sync.py`) decides what to send and in which order. A new kind of server is a new module
registered here, not a new branch in the engine.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from workstation.publish.plan import PublishError

_REGISTRY: dict[str, str] = {
    "file": "workstation.publish.folder:FolderTarget",
    "sftp": "workstation.publish.sftp:SftpTarget",
}


@dataclass(frozen=True)
class Access:
    """How to reach a server: the key file, the known_hosts file, and a key passphrase given by
    the editor (kept here only, never written anywhere)."""

    identity: Path | None = None
    known_hosts: Path | None = None
    passphrase: str | None = None

    def __repr__(self) -> str:  # the passphrase never reaches a log or a traceback
        return f"Access(identity={self.identity!r}, known_hosts={self.known_hosts!r})"


class Target(ABC):
    """A place a bundle is published to: file operations on paths relative to its root."""

    concurrency = 4  # how many operations may be in flight at once

    @property
    @abstractmethod
    def label(self) -> str:
        """The target as the editor names it (a URL without secrets, or a folder)."""

    @abstractmethod
    async def open(self, create: bool = True) -> None:
        """Connects, checks who is at the other end, and (with `create`) makes the root folder when missing."""

    async def close(self) -> None:  # noqa: B027 (nothing to end for most targets)
        """Ends the connection."""

    @abstractmethod
    async def read(self, rel: str) -> bytes | None:
        """A file's bytes, or None when there is no such file."""

    @abstractmethod
    async def listdir(self, rel: str) -> dict[str, int]:
        """The regular files of a folder ("" for the root) with their sizes; empty when there is no such folder."""

    @abstractmethod
    async def write(self, rel: str, data: bytes) -> None:
        """Creates or overwrites a file (its folder exists)."""

    @abstractmethod
    async def rename(self, src: str, dst: str) -> None:
        """Puts `src` in the place of `dst` in one step, replacing it."""

    @abstractmethod
    async def remove(self, rel: str) -> None:
        """Deletes a file; nothing when it is already gone."""

    @abstractmethod
    async def mkdir(self, rel: str) -> None:
        """Makes a folder whose parent exists; nothing when it exists."""

    @abstractmethod
    async def rmdir(self, rel: str) -> None:
        """Removes a folder if it is empty; nothing otherwise."""


def scheme_of(spec: str) -> str:
    """The registry key of a target spec: its URL scheme, or "file" for a plain folder path."""
    head, sep, _ = spec.partition("://")
    if sep and head.isalpha() and len(head) > 1:  # a Windows drive letter is no scheme
        return head.lower()
    return "file"


def target_for(spec: str, access: Access | None = None) -> Target:
    """The target a spec names (`sftp://user@host[:port]/path`, `file:///path` or a folder path)."""
    scheme = scheme_of(spec)
    entry = _REGISTRY.get(scheme)
    if entry is None:
        known = ", ".join(f"{s}://" for s in sorted(_REGISTRY))
        raise PublishError(f"The target {spec} has a scheme this version cannot publish to ({known} or a folder).")
    module, _, name = entry.partition(":")
    cls = getattr(importlib.import_module(module), name)
    return cls.from_spec(spec, access or Access())
