"""The wire folder in the background: the core's folder watch on a thread, a status-bar button showing it.

The button says whether a folder is watched and how many files came in; its menu chooses or
stops the folder and lists the last imports. What each file became (done, refused and why) is
the core's `FolderWatch`; the article list follows the new articles through the library's own
change feed.
"""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QToolButton

from workstation.library.store import Library
from workstation.wire.watch import FileOutcome, FolderWatch, watch

SETTING = "wire/watch_folder"
KEEP = 10  # imports listed in the menu


class WireWatch(QObject):
    """Watches the wire folder chosen in the settings, off the GUI thread, with a status-bar button."""

    imported = Signal(object)  # a FileOutcome, from the watch thread
    failed = Signal(str)

    def __init__(self, library: Library, settings: QSettings, window: QMainWindow, *, settle: float | None = None):
        super().__init__(window)
        self.library, self.settings, self.window = library, settings, window
        self.settle = settle
        self.recent: deque[FileOutcome] = deque(maxlen=KEEP)
        self.count = 0
        self.folder: Path | None = None
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self.button = QToolButton(window)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        window.statusBar().addPermanentWidget(self.button)
        self.imported.connect(self._imported, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        window.destroyed.connect(lambda *_: self.stop())  # (not `forget`: the next start watches again)
        folder = settings.value(SETTING)
        if folder:
            self.start(Path(str(folder)))
        else:
            self._show()

    def start(self, folder: Path) -> None:
        """Watches that folder (instead of any other) and remembers it."""
        self.stop()
        try:
            watcher = FolderWatch(self.library, folder, **({"settle": self.settle} if self.settle is not None else {}))
        except OSError as exc:
            self.folder = None
            self._show(self.tr("Wire folder unavailable: %1").replace("%1", str(exc)))
            return
        self.folder = folder
        self.settings.setValue(SETTING, str(folder))
        self._stop = stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(watcher, stop), name="wire-watch", daemon=True)
        self._thread.start()
        self._show()

    def stop(self, forget: bool = False) -> None:
        """Stops watching once the file in hand is done; with `forget`, the next start of the app does not watch."""
        if self._stop is not None:
            self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self._stop = self._thread = None
        if forget:
            self.folder = None
            self.settings.remove(SETTING)
            self._show()

    def _run(self, watcher: FolderWatch, stop: threading.Event) -> None:
        try:
            watch(watcher, stop.is_set, self.imported.emit, interval=2.0)
        except Exception as exc:  # the folder went away, the library failed: say so, do not die silently
            self.failed.emit(str(exc))

    def _imported(self, outcome: FileOutcome) -> None:
        self.recent.appendleft(outcome)
        self.count += 1
        self._show()
        self.window.statusBar().showMessage(outcome.summary(), 8000)

    def _failed(self, message: str) -> None:
        self._thread = self._stop = None
        self._show(self.tr("Wire folder stopped: %1").replace("%1", message))

    def _show(self, problem: str = "") -> None:
        if problem:
            self.button.setIcon(qta.icon("mdi6.folder-alert-outline"))
            self.button.setText(self.tr("Wire: stopped"))
            self.button.setToolTip(problem)
        elif self.folder is None:
            self.button.setIcon(qta.icon("mdi6.folder-off-outline"))
            self.button.setText(self.tr("Wire: off"))
            self.button.setToolTip(self.tr("No wire folder is watched"))
        else:
            self.button.setIcon(qta.icon("mdi6.folder-eye-outline"))
            self.button.setText(self.tr("Wire: %1").replace("%1", str(self.count)))
            self.button.setToolTip(str(self.folder))

    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction(self.tr("Watch a wire folder…"), self._choose)
        if self.folder is not None:
            self.menu.addAction(self.tr("Stop watching"), lambda: self.stop(forget=True))
        if self.recent:
            self.menu.addSeparator()
            for outcome in self.recent:
                action = self.menu.addAction(outcome.summary())
                action.setEnabled(False)

    def _choose(self) -> None:
        start = str(self.folder) if self.folder else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Wire folder"), start)
        if folder:
            self.start(Path(folder))
