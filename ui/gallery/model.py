"""The gallery's list model and its thumbnail cache.

Thumbnails are read from the renditions cache by a thread pool, never on the UI thread,
and only for the rows the view asks to paint; an original is opened only when its cached
thumbnail is missing, and then with a scaled decode. The model holds plain records and
hands every change to callbacks that run undoable core commands.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMetaType,
    QMimeData,
    QModelIndex,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from workstation.library.store import Library
from workstation.photos.files import photo_path
from workstation.photos.gallery import GalleryItemRecord
from workstation.photos.renditions import ensure_renditions

from ui.gallery.editor import text_direction
from ui.mime import MIME_ITEMS, decode_items, encode_items

ItemIdRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2


def read_thumbnail(path: Path) -> QImage:
    """Reads one cached thumbnail file (a function of its own so tests can watch what is read)."""
    return QImage(str(path))


def _squared(image: QImage) -> QImage:
    """The thumbnail centred on a transparent square, so every cell's caption starts at the same height."""
    if image.isNull() or image.width() == image.height():
        return image
    side = max(image.width(), image.height())
    square = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)  # painting on a QImage is safe outside the UI thread
    painter.drawImage((side - image.width()) // 2, (side - image.height()) // 2, image)
    painter.end()
    return square


URI_LIST = "text/uri-list"


class _LoadTask(QRunnable):
    """Reads (or, if the cache lost it, remakes) one thumbnail in a pool thread."""

    def __init__(self, cache: ThumbnailCache, sha256: str, original: Path):
        super().__init__()
        self.cache, self.sha256, self.original = cache, sha256, original

    def run(self) -> None:
        try:
            image = read_thumbnail(ensure_renditions(self.original, self.cache.cache_dir, self.sha256))
        except Exception:  # a missing or damaged original: the placeholder stays, the gallery works on
            image = QImage()
        self.cache.arrived.emit(self.sha256, _squared(image))


class ThumbnailCache(QObject):
    """Thumbnails by content hash: loaded lazily off the UI thread, the most recent few hundred kept."""

    loaded = Signal(str)  # a thumbnail is ready to paint
    arrived = Signal(str, QImage)  # from the pool threads, delivered on the UI thread

    def __init__(self, library: Library, cache_dir: Path, capacity: int = 600, parent: QObject | None = None):
        super().__init__(parent)
        self.library, self.cache_dir, self.capacity = library, Path(cache_dir), capacity
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._pending: set[str] = set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    def icon(self, sha256: str, ext: str) -> QIcon | None:
        """The thumbnail if it is loaded; otherwise starts loading it and gives None."""
        # An icon, not a pixmap: the view then scales it to its zoom instead of painting 320 px.
        icon = self._icons.get(sha256)
        if icon is not None:
            self._icons.move_to_end(sha256)
            return icon
        if sha256 not in self._pending:
            self._pending.add(sha256)
            self.pool.start(_LoadTask(self, sha256, photo_path(self.library, sha256, ext)))
        return None

    def loaded_count(self) -> int:
        """How many thumbnails are held in memory."""
        return len(self._icons)

    def shutdown(self) -> None:
        """Waits for the loads in flight (before the window closes)."""
        self.pool.clear()
        self.pool.waitForDone()

    def _on_arrived(self, sha256: str, image: QImage) -> None:
        self._pending.discard(sha256)
        if image.isNull():
            return
        self._icons[sha256] = QIcon(QPixmap.fromImage(image))
        while len(self._icons) > self.capacity:
            self._icons.popitem(last=False)
        self.loaded.emit(sha256)


class ItemsMimeData(QMimeData):
    """A drag of gallery items that also offers their files (`text/uri-list`), made only when a drop
    target asks for them: a drag inside the app never waits for an encoding."""

    def __init__(self, files: Callable[[], list[Path]]):
        super().__init__()
        self._files = files
        self._urls: list[QUrl] | None = None

    def formats(self) -> list[str]:
        return [*super().formats(), URI_LIST]

    def hasFormat(self, mime_type: str) -> bool:  # noqa: N802 (Qt override)
        return mime_type == URI_LIST or super().hasFormat(mime_type)

    def retrieveData(self, mime_type: str, preferred_type):  # noqa: N802 (Qt override)
        if mime_type != URI_LIST:
            return super().retrieveData(mime_type, preferred_type)
        if self._urls is None:
            self._urls = [QUrl.fromLocalFile(str(path)) for path in self._files()]
        if preferred_type.id() == QMetaType.Type.QVariantList.value:  # urls()
            return list(self._urls)
        return QByteArray(b"".join(bytes(url.toEncoded()) + b"\r\n" for url in self._urls))


class GalleryModel(QAbstractListModel):
    """An article's gallery items in story order, with thumbnails; edits and moves go to callbacks."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QObject | None = None):
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.records: list[GalleryItemRecord] = []
        self.icon_size = 160
        self.item_size = QSize(184, 230)  # every cell alike, so a square photo's caption is not cut
        self.on_edit: Callable[[int, dict[str, str]], None] | None = None
        self.on_move: Callable[[list[int], int | None], bool] | None = None
        self.on_share: Callable[[list[GalleryItemRecord]], list[Path]] | None = None  # files a drag carries out
        self._placeholder: QIcon | None = None
        thumbnails.loaded.connect(self._on_thumbnail)

    # -- contents ------------------------------------------------------------------------------
    def set_records(self, records: list[GalleryItemRecord]) -> None:
        """Shows these items; rows stay put (only their data changes) when the order is the same."""
        if [r.id for r in records] == [r.id for r in self.records] and records:
            self.records = list(records)
            self.dataChanged.emit(self.index(0), self.index(len(records) - 1))
            return
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> GalleryItemRecord:
        """The item shown in a row."""
        return self.records[row]

    def row_of(self, item_id: int) -> int:
        """The row of an item, -1 if it is not shown."""
        return next((n for n, r in enumerate(self.records) if r.id == item_id), -1)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        r = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # A mark of the text's own direction first, so the number stays at the start of the caption
            # in a view of either direction.
            text = r.caption or r.filename
            mark = "\u200f" if text_direction(text) == Qt.LayoutDirection.RightToLeft else "\u200e"
            return f"{mark}{r.position}. {text}"
        if role == Qt.ItemDataRole.EditRole:
            return r.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnails.icon(r.sha256, r.ext) or self._placeholder_icon()
        if role == Qt.ItemDataRole.SizeHintRole:
            return self.item_size
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.filename} — {r.width} × {r.height}"
        if role == ItemIdRole:
            return r.id
        if role == RecordRole:
            return r
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        r = self.records[index.row()]
        if str(value) != r.caption:
            self.on_edit(r.id, {"caption": str(value)})
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)  # fmt: skip

    # -- drag and drop (reordering; files from outside are the view's) ----------------------------
    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def moveRows(self, source_parent, source_row: int, count: int, destination_parent, destination_child: int) -> bool:  # noqa: N802
        """Moves a block of rows in front of `destination_child` (the row count: to the end), as one
        undoable reorder; the rows move at once, the library follows through the callback."""
        n = len(self.records)
        if (source_parent.isValid() or destination_parent.isValid() or count < 1 or self.on_move is None
                or not (0 <= source_row and source_row + count <= n and 0 <= destination_child <= n)
                or source_row <= destination_child <= source_row + count):  # fmt: skip
            return False
        moving = self.records[source_row : source_row + count]
        before = self.records[destination_child].id if destination_child < n else None
        self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child)
        rest = [r for r in self.records if r not in moving]
        at = next((i for i, r in enumerate(rest) if r.id == before), len(rest))
        self.records = rest[:at] + moving + rest[at:]
        self.endMoveRows()
        return bool(self.on_move([r.id for r in moving], before))

    def move_ids(self, ids: list[int], row: int) -> bool:
        """Moves these items, in story order, in front of the item at `row` (the row count: to the end)."""
        rows = sorted(self.row_of(i) for i in ids if self.row_of(i) >= 0)
        if not rows or self.on_move is None:
            return False
        if rows == list(range(rows[0], rows[-1] + 1)):
            return self.moveRows(QModelIndex(), rows[0], len(rows), QModelIndex(), row)
        before = self.records[row].id if 0 <= row < len(self.records) else None
        return bool(self.on_move([self.records[r].id for r in rows], before))

    def mimeTypes(self) -> list[str]:
        return [MIME_ITEMS]

    def mimeData(self, indexes) -> QMimeData:
        """The items' ids for the app, and for a file manager the files of their web renditions."""
        records = [self.records[i.row()] for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()]
        ids = encode_items([r.id for r in records]).data(MIME_ITEMS)
        share = self.on_share
        data = ItemsMimeData(lambda: share(records)) if share is not None and records else QMimeData()
        data.setData(MIME_ITEMS, ids)
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME_ITEMS)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        """Reorders (one undoable step); answers False so that a view removes no rows itself."""
        if not data.hasFormat(MIME_ITEMS) or self.on_move is None:
            return False
        if parent.isValid():
            row = parent.row()  # dropped onto an item: in front of it
        if not 0 <= row <= len(self.records):
            row = len(self.records)
        self.move_ids(decode_items(data), row)
        return False

    # -- internals -----------------------------------------------------------------------------
    def set_icon_size(self, size: int, item_size: QSize) -> None:
        """The thumbnail size the view shows and the cell each item gets (the placeholder follows)."""
        self.icon_size, self.item_size = size, QSize(item_size)
        self._placeholder = None
        if self.records:
            self.dataChanged.emit(self.index(0), self.index(len(self.records) - 1), [Qt.ItemDataRole.SizeHintRole])

    def _placeholder_icon(self) -> QIcon:
        if self._placeholder is None:
            pixmap = QPixmap(QSize(self.icon_size, self.icon_size * 2 // 3))
            pixmap.fill(QColor("#d9d9d9"))
            self._placeholder = QIcon(pixmap)
        return self._placeholder

    def _on_thumbnail(self, sha256: str) -> None:
        for n, r in enumerate(self.records):
            if r.sha256 == sha256:
                index = self.index(n)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
