"""Whether the library's server can be reached, decided in one place, and the banner that says when it cannot.

The editor's saves, the live link's list refresh, heartbeat and change feed, and the crash handler
report each failure to the window's ConnectionWatch. A failure that means the server is away (see
workstation.library.outage) turns the watch `down`: the banner shows, the editor keeps what is typed
and stops trying to save, and the watch tries the server every RETRY_MS, off the GUI thread (a
server that does not answer holds a connection attempt for up to its connect timeout). The first
call that gets through turns it up again: the banner goes, and the editor saves what waited (the
version check still refuses a stale save). A file library is never "away": a locked or read-only
file keeps its own message in the editor.
"""

from __future__ import annotations

import threading

import qtawesome as qta
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workstation.library.outage import is_unreachable
from workstation.library.store import Library

RETRY_MS = 5000


class ConnectionWatch(QObject):
    """The one judge of whether the library's server can be reached; see the module docstring."""

    lost = Signal()
    restored = Signal()
    _probed = Signal(bool)  # a probe's outcome, carried into the GUI thread

    def __init__(self, library: Library, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.down = False
        self._probing = False
        self._closed = False  # the window went: the library may be closed, nothing is tried any more
        self._timer = QTimer(self, interval=RETRY_MS, timeout=self.retry)
        self._probed.connect(self._probe_done, Qt.ConnectionType.QueuedConnection)

    def failed(self, exc: BaseException) -> bool:
        """Reports a failed library call; whether it means the server cannot be reached (then the banner shows)."""
        if not is_unreachable(exc):
            return False
        if not self.down:
            self.down = True
            self._timer.start()
            self.lost.emit()
        return True

    def succeeded(self) -> None:
        """Reports a library call that got through: a server that was away is back."""
        if self.down:
            self.down = False
            self._timer.stop()
            self.restored.emit()

    def close(self) -> None:
        """Stops trying the server (the window is going, and the library with it); a probe under way is dropped."""
        self._closed = True
        self._timer.stop()

    def retry(self) -> None:
        """Tries the server now, on a thread of its own; `restored` follows when it answers."""
        if self._probing or not self.down or self._closed:
            return
        self._probing = True
        threading.Thread(target=self._probe, name="library-probe", daemon=True).start()

    def _probe(self) -> None:
        if self._closed:
            return
        try:
            with self.library.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                if self._closed:  # closed while connecting: the connection is not handed back to the pool
                    conn.invalidate()
            answered = True
        except Exception:  # still away (or refusing): the next try is RETRY_MS away
            answered = False
        if self._closed:
            return
        try:
            self._probed.emit(answered)
        except RuntimeError:  # the window closed meanwhile
            pass

    def _probe_done(self, answered: bool) -> None:
        self._probing = False
        if answered:
            self.succeeded()


class ConnectionBanner(QFrame):
    """A bar across the top of the window while the library's server cannot be reached, with Retry now."""

    def __init__(self, watch: ConnectionWatch, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connection-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("ConnectionBanner { background: #fde3e1; border: 1px solid #e0a19b; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        icon = QLabel(self)
        icon.setPixmap(qta.icon("mdi6.lan-disconnect", color="#a4262c").pixmap(20, 20))
        self.label = QLabel(
            self.tr(
                "The library cannot be reached: what you type is kept here and saved as soon as the connection "
                "returns (it is tried again every few seconds)."
            ),
            self,
        )
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.retry_button = QPushButton(qta.icon("mdi6.refresh"), self.tr("Retry now"), self)
        self.retry_button.clicked.connect(watch.retry)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.setAccessibleName(self.tr("Connection lost"))
        watch.lost.connect(self.show)
        watch.restored.connect(self.hide)
        self.hide()


def with_banner(content: QWidget, watch: ConnectionWatch) -> QWidget:
    """The window's central widget: the connection banner above `content`."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(ConnectionBanner(watch, box))
    layout.addWidget(content, 1)
    return box
