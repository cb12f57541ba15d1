"""Other editors' work as it happens: the library's change stream, presence marks, and what the window shows of them.

A thread reads the library's change feed (LISTEN/NOTIFY on a server, the polled change log of a
file) and hands each event to the GUI thread. The article list and section counts follow every
change; an open article that someone else saved gets a bar ("changed by X at HH:MM", reload or
compare) and nothing typed is touched: reloading an article with unsaved edits goes through the
editor's save, whose version check offers the usual conflict choices. Opening an article marks
it "being edited by" this editor for the others, renewed every HEARTBEAT seconds.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import qtawesome as qta
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton
from sqlalchemy.exc import SQLAlchemyError

from workstation.articles.repo import ArticleRepo
from workstation.library.outage import is_unreachable
from workstation.library.presence import HEARTBEAT, Presence
from workstation.library.store import Library
from workstation.library.urls import driver_reason

from ui.editor.conflict import CompareDialog

REFRESH_MS = 300  # changes arriving together refresh the list once


class LiveBar(QFrame):
    """A bar above the editor: who changed or is editing the open article, with reload and compare."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("LiveBar { background: #fff3c4; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.icon = QLabel(self)
        self.icon.setPixmap(qta.icon("mdi6.account-edit-outline").pixmap(16, 16))
        self.label = QLabel(self)
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.compare_button = QPushButton(self.tr("Compare"), self)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.compare_button)
        self.hide()

    def show_changed(self, who: str, at: str) -> None:
        """Someone else saved the open article."""
        self.label.setText(self.tr("Changed by %1 at %2").replace("%1", who).replace("%2", at))
        self.reload_button.show()
        self.compare_button.show()
        self.show()

    def show_editing(self, names: list[str]) -> None:
        """Others have the open article open for editing (a soft lock: editing stays possible)."""
        if self.reload_button.isVisible() and self.isVisible():
            return  # a change to reload matters more
        self.label.setText(self.tr("Being edited by %1").replace("%1", "، ".join(names)))
        self.reload_button.hide()
        self.compare_button.hide()
        self.setVisible(bool(names))


class LiveLink(QObject):
    """Connects a main window to the library's live changes and presence marks."""

    received = Signal(dict)
    _feed_lost = Signal(object)  # the exception: the feed's connection dropped (from the feed's thread)
    _feed_back = Signal()  # the feed listens again

    def __init__(self, library: Library, window, parent: QObject | None = None):
        super().__init__(parent or window)
        self.library = library
        self.window = window
        self.connection = window.connection  # told of every failure and every call that gets through
        self.connection.restored.connect(self._back)
        self.presence = Presence(library)
        self.marked: int | None = None
        self._unsure = False  # a lost connection may have left marks of this session: all are dropped first
        self.bar = LiveBar(window.editor)
        window.editor.layout().insertWidget(0, self.bar)
        self.bar.reload_button.clicked.connect(self.reload)
        self.bar.compare_button.clicked.connect(self.compare)
        self.refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS, timeout=self._refresh)
        self.heartbeat_timer = QTimer(self, interval=HEARTBEAT * 1000, timeout=self._heartbeat)
        self.heartbeat_timer.start()
        self.received.connect(self._event, Qt.ConnectionType.QueuedConnection)
        self._feed_lost.connect(self.connection.failed, Qt.ConnectionType.QueuedConnection)
        self._feed_back.connect(self._feed_returned, Qt.ConnectionType.QueuedConnection)
        window.articles.currentArticleChanged.connect(lambda _docid: QTimer.singleShot(0, self._opened))
        self._stop = threading.Event()
        self._stopped = False
        lost = None
        try:
            self._feed = library.backend.change_feed(library.engine)
        except Exception as exc:  # the server went away since the library opened: the thread listens once it is back
            self._feed, lost = None, exc
        self._thread = threading.Thread(target=self._listen, name="live-changes", daemon=True)
        self._thread.start()
        window.destroyed.connect(self._stop.set)
        if lost is not None:
            self.connection.failed(lost)
        self._opened()

    # -- the feed, on its thread ------------------------------------------------------------------
    def _listen(self) -> None:
        lost = self._feed is None
        try:
            while not self._stop.is_set():
                try:
                    if self._feed is None:
                        self._feed = self.library.backend.change_feed(self.library.engine)
                    events = self._feed.poll(0.5)
                except Exception as exc:  # a busy file, or a lost connection (the next poll listens anew)
                    if not lost and is_unreachable(exc):
                        lost = True
                        self._emit(self._feed_lost, exc)
                    self._stop.wait(2.0)
                    continue
                if lost:  # listening again: what changed meanwhile is read by a list refresh
                    lost = False
                    self._emit(self._feed_back)
                for event in events:
                    self._emit(self.received, event)
        finally:
            if self._feed is not None:
                self._feed.close()

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window closed while the feed waited
            self._stop.set()

    def stop(self) -> None:
        """Stops reading changes and drops this workstation's presence marks."""
        self._stop.set()
        self._thread.join(timeout=3)
        self.heartbeat_timer.stop()
        self.refresh_timer.stop()
        self._stopped = True
        try:
            self.presence.stop()
        except SQLAlchemyError:
            pass  # the marks lapse on their own

    # -- events, on the GUI thread ----------------------------------------------------------------
    def _event(self, event: dict) -> None:
        if self._stopped:
            return
        kind, docid = event["event"], event["docid"]
        editor = self.window.editor
        self.refresh_timer.start()  # every kind shows in the list: counts, headlines, who is editing
        if kind.startswith("editing.") and docid == editor.current_docid():
            self._show_presence()
        if kind in ("article.saved", "article.moved", "photos.changed") and docid == editor.current_docid():
            record = editor.current_record()
            if record is not None and event["version"] is not None and event["version"] > record.version:
                self.bar.show_changed(event["by"] or "?", _local_time(event["at"]))

    def _feed_returned(self) -> None:
        self.connection.succeeded()
        self.refresh_timer.start()  # changes made while the feed was away

    def _back(self) -> None:
        """The server is back: the list catches up and this editor's presence mark returns."""
        if self._stopped:
            return
        self._unsure = True
        self._opened()
        self.refresh_timer.start()

    def _refresh(self) -> None:
        window = self.window
        if self._stopped or self.connection.down:
            return  # the list catches up when the server is back
        try:
            window.list_model.editing = self.presence.others()
            window.list_model.reload()
            window.tree_model.reload()
        except SQLAlchemyError as exc:
            if not self.connection.failed(exc):
                window.statusBar().showMessage(
                    self.tr("The article list could not be read: %1").replace("%1", driver_reason(exc)), 10000
                )
            return
        self.connection.succeeded()

    # -- presence -------------------------------------------------------------------------------
    def _opened(self) -> None:
        if self._stopped:
            return
        docid = self.window.editor.current_docid()
        if docid == self.marked and not self._unsure:
            return
        self.bar.hide()
        if self.connection.down:
            return  # the mark is made when the server is back
        try:
            if self._unsure:
                self.presence.stop()  # every mark of this session: none is left renewed by the heartbeat
            elif self.marked is not None:
                self.presence.stop(self.marked)
            if docid is not None:
                self.presence.start(docid)
            self.marked, self._unsure = docid, False
        except SQLAlchemyError as exc:  # the server is away: the marks return with it
            self._unsure = True
            self.connection.failed(exc)
            return
        self._show_presence()

    def _heartbeat(self) -> None:
        if self.connection.down:
            return  # the watch tries the server meanwhile
        try:
            if self._unsure or self.marked != self.window.editor.current_docid():
                self._opened()
            self.presence.heartbeat()
        except SQLAlchemyError as exc:
            self.connection.failed(exc)

    def _show_presence(self) -> None:
        docid = self.window.editor.current_docid()
        try:
            names = self.presence.others([docid]).get(docid, []) if docid is not None else []
        except SQLAlchemyError:
            return
        self.bar.show_editing(names)

    # -- the bar's buttons ----------------------------------------------------------------------
    def reload(self) -> None:
        """Shows the library's version; unsaved edits first go through the save and its conflict choices."""
        editor = self.window.editor
        docid = editor.current_docid()
        if docid is None:
            return
        if editor.is_dirty():
            editor.flush()  # refused as stale: the editor offers to keep mine, take theirs or compare
            if editor.is_dirty():
                return
        editor.load(None)
        editor.load(docid)
        self.bar.hide()
        self._show_presence()

    def compare(self) -> None:
        """The version this editor opened beside the library's current one."""
        editor = self.window.editor
        mine = editor.current_record()
        if mine is None:
            return
        theirs = ArticleRepo(self.library).get(mine.docid)
        titles = (self.tr("Opened (version %1)").replace("%1", str(mine.version)),
                  self.tr("Now in the library (version %1)").replace("%1", str(theirs.version)))  # fmt: skip
        CompareDialog(mine.snapshot(), theirs.snapshot(), titles, self.window).exec()


def _local_time(at: str | None) -> str:
    """HH:MM in this computer's time zone of an event's UTC time."""
    if not at:
        return "?"
    when = datetime.fromisoformat(at.replace("Z", "+00:00")).replace(tzinfo=UTC)
    return when.astimezone().strftime("%H:%M")
