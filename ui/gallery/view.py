"""The gallery's icon view: thumbnails in story order, drag to reorder, drop files to add copies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView


def local_paths(mime) -> list[Path]:
    """The local files and folders a drag or the clipboard carries (other URLs are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class GalleryView(QListView):
    """Icon-mode list of thumbnails.

    A drop from outside is always a copy: the view accepts only CopyAction for it, whatever
    the file manager proposes (a move would delete the user's file), and hands the paths on
    after the drop event has returned, so the file manager is never kept waiting.
    """

    filesDropped = Signal(list)  # list[Path]
    zoomRequested = Signal(int)  # +1 / -1 steps (Ctrl + wheel)
    removeRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # drops then reach the model, which reorders the story
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.viewport().setAcceptDrops(True)  # drops land on the viewport, where the view handles them
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSpacing(6)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked)
        self.set_thumbnail_size(160)

    def set_thumbnail_size(self, size: int) -> None:
        """Thumbnail edge in pixels; the grid leaves room for two lines of caption under a square one."""
        self.setIconSize(QSize(size, size))
        self.setGridSize(QSize(size + 24, size + 3 * self.fontMetrics().lineSpacing() + 12))

    # -- drops from outside: always a copy ---------------------------------------------------------
    def _external(self, event) -> bool:
        return event.source() is not self and bool(local_paths(event.mimeData()))

    def dragEnterEvent(self, event) -> None:
        if self._external(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self._external(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if not self._external(event):
            super().dropEvent(event)
            return
        paths = local_paths(event.mimeData())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        # The copying starts once the event has returned to the file manager.
        QTimer.singleShot(0, lambda: self.filesDropped.emit(paths))

    # -- keyboard and wheel --------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.removeRequested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120 or (1 if event.angleDelta().y() > 0 else -1)
            self.zoomRequested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)
