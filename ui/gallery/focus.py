"""The photo of the current gallery item, turned as the export turns it, with its focal point:
a click sets the point the export's crops are centred on.

The photo is drawn as it is, never mirrored: under a right-to-left layout its left edge is still
x = 0, and the point is kept in fractions of the photo as shown (the export's `focus`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from workstation.photos.gallery import GalleryItemRecord
from workstation.photos.renditions import preview_path


class FocusPreview(QWidget):
    """The 1,200 px preview of one item, fitted to the widget, with a marker on its focal point."""

    focusPicked = Signal(float, float)  # x, y: fractions of the photo as shown

    def __init__(self, cache_dir: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.record: GalleryItemRecord | None = None
        self._image: QImage | None = QImage()  # None: not read yet (read when first drawn)
        self._key: tuple | None = None  # (sha256, rotate) of the image
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Focal point"))
        self.setToolTip(self.tr("Click the photo where its crops should be centred"))

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def show_record(self, record: GalleryItemRecord | None) -> None:
        """Shows this item's photo and focal point (None: nothing)."""
        self.record = record
        key = (record.sha256, record.rotate) if record is not None else None
        if key != self._key:
            self._key = key
            self._image = None if record is not None else QImage()
        self.update()

    def photo_ready(self, sha256: str) -> None:
        """Reads the photo again if its preview was missing (the thumbnail loader remakes both)."""
        if (
            self.record is not None
            and self.record.sha256 == sha256
            and self._image is not None
            and self._image.isNull()
        ):
            self._image = None
            self.update()

    def _load(self, record: GalleryItemRecord | None) -> QImage:
        if self.cache_dir is None or record is None:
            return QImage()
        reader = QImageReader(str(preview_path(self.cache_dir, record.sha256)))
        # Decoded at the size shown (a JPEG scales while it decodes): a photo appears at once.
        size = reader.size().transposed() if record.rotate in (90, 270) else reader.size()
        fitted = size.scaled(self.size() * self.devicePixelRatioF(), Qt.AspectRatioMode.KeepAspectRatio)
        if size.isValid() and 0 < fitted.width() < size.width():
            reader.setScaledSize(fitted.transposed() if record.rotate in (90, 270) else fitted)
        image = reader.read()
        if image.isNull():
            return image
        return image.transformed(QTransform().rotate(record.rotate)) if record.rotate else image

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._image is not None and not self._image.isNull() and self.record is not None:
            wanted = self._image.size().scaled(
                self.size() * self.devicePixelRatioF(), Qt.AspectRatioMode.KeepAspectRatio
            )
            if wanted.width() > self._image.width():
                self._image = None  # shown larger than read: read again when next drawn

    def image_rect(self) -> QRectF:
        """Where the photo is drawn, in widget coordinates (centred, aspect kept)."""
        if self._image is None:
            self._image = self._load(self.record)
        if self._image.isNull():
            return QRectF()
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                      size.width(), size.height())  # fmt: skip

    def focus(self) -> tuple[float, float] | None:
        """The item's focal point (None: the centre)."""
        if self.record is None or self.record.focus_x is None or self.record.focus_y is None:
            return None
        return self.record.focus_x, self.record.focus_y

    def marker_pos(self) -> QPointF:
        """Where the marker is drawn: the focal point, or the centre of the photo when there is none."""
        rect = self.image_rect()
        fx, fy = self.focus() or (0.5, 0.5)
        return QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.image_rect()
        if rect.isNull():
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No preview") if self.record else "")
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self._image)
        if self.record is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre, radius = self.marker_pos(), 9
        dashed = self.focus() is None  # the centre, used when no point is set
        for colour, width in ((QColor(0, 0, 0, 160), 4), (QColor(255, 255, 255), 2)):
            pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed and width == 2 else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawEllipse(centre, radius, radius)
            painter.drawLine(centre - QPointF(radius + 5, 0), centre - QPointF(radius - 4, 0))
            painter.drawLine(centre + QPointF(radius - 4, 0), centre + QPointF(radius + 5, 0))
            painter.drawLine(centre - QPointF(0, radius + 5), centre - QPointF(0, radius - 4))
            painter.drawLine(centre + QPointF(0, radius - 4), centre + QPointF(0, radius + 5))

    def mousePressEvent(self, event) -> None:
        rect = self.image_rect()
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton or self.record is None or not rect.contains(pos):
            super().mousePressEvent(event)
            return
        # Widget coordinates are never mirrored, whatever the layout direction.
        x = min(1.0, max(0.0, (pos.x() - rect.left()) / rect.width()))
        y = min(1.0, max(0.0, (pos.y() - rect.top()) / rect.height()))
        event.accept()
        self.focusPicked.emit(round(x, 4), round(y, 4))
