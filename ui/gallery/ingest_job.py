"""Runs a core ingest off the UI thread, reporting progress and honouring cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from workstation.library.store import Library
from workstation.photos.ingest import ingest


class IngestThread(QThread):
    """One ingest of dropped, pasted or chosen files; the decoding itself runs in worker processes."""

    progressed = Signal(int, int, str)  # done, total, file
    done = Signal(object)  # the IngestReport, or the exception that stopped it

    def __init__(self, library: Library, docid: int, paths: list[Path], cache_dir: Path, parent=None):
        super().__init__(parent)
        self.library, self.docid, self.paths, self.cache_dir = library, docid, list(paths), cache_dir
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Asks the ingest to stop after the files in flight (those are still added)."""
        self._cancel.set()

    def run(self) -> None:
        try:
            result = ingest(self.library, self.docid, self.paths, cache_dir=self.cache_dir,
                            progress=self.progressed.emit, cancel=self._cancel.is_set)  # fmt: skip
        except Exception as exc:  # shown to the user by the panel; nothing was half-written
            result = exc
        self.done.emit(result)
