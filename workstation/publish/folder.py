"""Publishing to a folder: a mounted share or the web server's own document root."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from workstation.publish.plan import PublishError
from workstation.publish.targets import Access, Target


class FolderTarget(Target):
    """A folder on this machine; writes and renames are the file system's own."""

    def __init__(self, root: Path):
        self.root = root.expanduser().absolute()

    @classmethod
    def from_spec(cls, spec: str, access: Access) -> FolderTarget:
        """The folder a plain path or a `file://` URL names."""
        if spec.startswith("file://"):
            spec = unquote(urlsplit(spec).path)
        return cls(Path(spec))

    @property
    def label(self) -> str:
        return str(self.root)

    def _path(self, rel: str, folder: bool = False) -> str:
        path = os.path.join(self.root, *rel.split("/")) if rel else str(self.root)
        # A folder inside the target that is a link to elsewhere must not carry files out of it.
        real = os.path.realpath(path if folder else os.path.dirname(path))
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            raise PublishError(f"{rel} is outside {self.root} (a link leads elsewhere); refused.")
        return path

    async def open(self, create: bool = True) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise PublishError(f"{self.root} is not a folder.")
        try:
            if create:
                self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PublishError(f"Cannot create the folder {self.root}: {exc.strerror}.") from None
        self._real_root = os.path.realpath(self.root)

    async def read(self, rel: str) -> bytes | None:
        try:
            with open(self._path(rel), "rb") as fh:
                return fh.read()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    async def listdir(self, rel: str) -> dict[str, int]:
        try:
            with os.scandir(self._path(rel, folder=True)) as it:
                return {e.name: e.stat().st_size for e in it if e.is_file(follow_symlinks=False)}
        except (FileNotFoundError, NotADirectoryError):
            return {}

    async def write(self, rel: str, data: bytes) -> None:
        with open(self._path(rel), "wb") as fh:
            fh.write(data)

    async def rename(self, src: str, dst: str) -> None:
        os.replace(self._path(src), self._path(dst))

    async def remove(self, rel: str) -> None:
        try:
            os.unlink(self._path(rel))
        except FileNotFoundError:
            pass

    async def mkdir(self, rel: str) -> None:
        path = self._path(rel)
        try:
            os.mkdir(path)
        except FileExistsError:
            if not os.path.isdir(path):
                raise

    async def rmdir(self, rel: str) -> None:
        try:
            os.rmdir(self._path(rel))
        except OSError:
            pass
