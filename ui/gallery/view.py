"""The gallery's icon view: thumbnails in story order, drag to reorder, drop files to add copies.

A photo dragged inside the view lands where the drop indicator shows it: in front of the
photo under the pointer when the pointer is on that photo's reading-start half (its right
half, right to left), else after it. The view drives this drag itself, over the model's
moveRows, rather than leaving it to QListView's icon mode, which moves icons on screen and
leaves the model (and so the story order) alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView

from ui.mime import MIME_ITEMS, decode_items


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
        self.setAccessibleName(self.tr("Photos of the article"))
        self.set_thumbnail_size(160)
        self.drop_row: int | None = None  # where a photo being dragged would land (for the indicator)
        self._drop_anchor: tuple[int, bool] | None = None  # the photo it lands by, and whether in front

    def set_thumbnail_size(self, size: int) -> None:
        """Thumbnail edge in pixels; the grid leaves room for two lines of caption under a square one."""
        self.setIconSize(QSize(size, size))
        self.setGridSize(QSize(size + 24, size + 3 * self.fontMetrics().lineSpacing() + 12))

    # -- reordering by drag ------------------------------------------------------------------------
    def startDrag(self, supported_actions) -> None:
        indexes = sorted((i for i in self.selectedIndexes() if i.isValid()), key=lambda i: i.row())
        if not indexes or self.model() is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData(indexes))
        icon = self.model().data(self.currentIndex() if self.currentIndex().isValid() else indexes[0],
                                 Qt.ItemDataRole.DecorationRole)  # fmt: skip
        if icon is not None:
            pixmap = icon.pixmap(self.iconSize() * 0.6)
            drag.setPixmap(pixmap)
            drag.setHotSpot(QPoint(pixmap.width() // 2, pixmap.height() // 2))
        # a move inside the gallery; a copy onto an article of the list
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)
        self._set_drop_row(None)

    def _internal(self, event) -> bool:
        return event.mimeData().hasFormat(MIME_ITEMS)  # photos of this gallery (others are ignored)

    def row_at(self, pos: QPoint) -> int:
        """The row a photo dropped at `pos` (viewport coordinates) would take."""
        return self._drop_place(pos)[0]

    def _drop_place(self, pos: QPoint) -> tuple[int, int, bool]:
        """The row a drop at `pos` takes, the photo it lands by, and whether in front of that photo."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        index = self.indexAt(pos)
        if not index.isValid():  # between cells: the nearest cell on the same line decides
            line = [
                (abs(pos.x() - rect.center().x()), row)
                for row in range(count)
                if (rect := self.visualRect(model.index(row, 0))).top() <= pos.y() <= rect.bottom()
            ]
            if not line:
                return count, count - 1, False
            index = model.index(min(line)[1], 0)
        rect = self.visualRect(index)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        before = pos.x() > rect.center().x() if rtl else pos.x() < rect.center().x()
        return (index.row() if before else index.row() + 1), index.row(), before

    def _set_drop_row(self, row: int | None, anchor: tuple[int, bool] | None = None) -> None:
        if (row, anchor) != (self.drop_row, self._drop_anchor):
            self.drop_row, self._drop_anchor = row, anchor
            self.viewport().update()

    def empty_text(self) -> str:
        """What an empty gallery says."""
        return self.tr("No photos yet. Drop photos or folders here from a card, a camera or the wire, "
                       "paste files copied in a file manager, or use Add photos (Ctrl+Shift+I).")  # fmt: skip

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and not self.model().rowCount() and self.isEnabled():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text())
            painter.end()
            return
        if self._drop_anchor is None or self.model() is None or not self.model().rowCount():
            return
        # A bar at the edge of the photo under the pointer where the dropped photo will go: its reading
        # start (right, right to left) when the drop lands in front of it, else its reading end.
        row, before = self._drop_anchor
        rect = self.visualRect(self.model().index(row, 0))
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = rect.right() + self.spacing() // 2 if rtl == before else rect.left() - self.spacing() // 2
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self.palette().highlight().color(), 4))
        painter.drawLine(x, rect.top(), x, rect.bottom())
        painter.end()

    # -- drops: photos moving inside the view; files from outside, always a copy ----------------------
    def _external(self, event) -> bool:
        return event.source() is not self and bool(local_paths(event.mimeData()))

    def dragEnterEvent(self, event) -> None:
        if self._internal(event) or self._external(event):
            self.dragMoveEvent(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._internal(event):
            row, anchor, before = self._drop_place(event.position().toPoint())
            self._set_drop_row(row, (anchor, before))
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        elif self._external(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._set_drop_row(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        if self._internal(event):
            row = self.row_at(event.position().toPoint())
            self._set_drop_row(None)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self.model().move_ids(decode_items(event.mimeData()), row)  # one undoable step
            return
        if not self._external(event):
            event.ignore()
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
