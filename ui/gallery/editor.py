"""The fields of the current gallery item, and beside them what the file itself said."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.photos.gallery import GalleryItemRecord, arabic_date

from ui.gallery.focus import FocusPreview


def text_direction(text: str, default: Qt.LayoutDirection = Qt.LayoutDirection.RightToLeft) -> Qt.LayoutDirection:
    """The direction of a text's first strong character (Arabic: right to left; Latin, Chinese: left to right)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return default


class CaptionEdit(QPlainTextEdit):
    """A caption box that reports its text when the editor leaves it (one undo step per edit)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._direction: Qt.LayoutDirection | None = None
        self.textChanged.connect(self._follow_direction)
        self._follow_direction()

    def _follow_direction(self) -> None:
        # A plain text box lays every line out from the left whatever its direction: an Arabic caption
        # is put flush right, a Latin one flush left, as the text itself reads.
        direction = text_direction(self.toPlainText())
        if direction != self._direction:
            self._direction = direction
            option = self.document().defaultTextOption()
            edge = (
                Qt.AlignmentFlag.AlignRight
                if direction == Qt.LayoutDirection.RightToLeft
                else Qt.AlignmentFlag.AlignLeft
            )
            option.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute)
            option.setTextDirection(direction)
            self.document().setDefaultTextOption(option)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


class ItemEditor(QWidget):
    """Caption (Arabic, right to left), alt text, credit and wire slug (its own direction) of one item,
    over a preview of its photo where a click sets the focal point."""

    edited = Signal(int, str, str)  # item id, field, new value
    framed = Signal(int, object)  # item id, {"focus_x": x, "focus_y": y} (None and None: the centre)

    def __init__(self, parent: QWidget | None = None, cache_dir: Path | None = None):
        super().__init__(parent)
        self._record: GalleryItemRecord | None = None
        self.preview = FocusPreview(cache_dir)
        self.preview.focusPicked.connect(lambda x, y: self._frame(x, y))
        self.clear_focus = QPushButton(self.tr("Centre the crops"))
        self.clear_focus.setToolTip(self.tr("Forget the focal point: the crops are centred on the photo"))
        self.clear_focus.clicked.connect(lambda: self._frame(None, None))
        self.caption = CaptionEdit()
        self.caption.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.caption.setTabChangesFocus(True)
        self.caption.setFixedHeight(self.fontMetrics().height() * 5)
        self.alt = QLineEdit()
        self.alt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.credit = QLineEdit()
        self.slug = QLineEdit()
        for line in (self.credit, self.slug):
            line.textChanged.connect(
                lambda text, line=line: line.setLayoutDirection(text_direction(text, self.layoutDirection()))
            )
        self.caption.committed.connect(lambda text: self._commit("caption", text))
        for name in ("alt", "credit", "slug"):
            line = getattr(self, name)
            line.editingFinished.connect(lambda name=name, line=line: self._commit(name, line.text()))

        fields = QFormLayout()
        fields.addRow(self.tr("Caption"), self.caption)
        fields.addRow(self.tr("Alt text"), self.alt)
        fields.addRow(self.tr("Credit"), self.credit)
        fields.addRow(self.tr("Wire slug"), self.slug)

        self.source_box = QGroupBox(self.tr("From the file"))
        self.source_form = QFormLayout(self.source_box)
        self.source_labels: dict[str, QLabel] = {}
        for key, title in (("caption", self.tr("Caption")), ("headline", self.tr("Headline")),
                           ("creator", self.tr("Creator")), ("credit", self.tr("Credit")),
                           ("source", self.tr("Source")), ("city", self.tr("City")),
                           ("country", self.tr("Country")), ("keywords", self.tr("Keywords")),
                           ("taken", self.tr("Taken")), ("file", self.tr("File"))):  # fmt: skip
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.source_labels[key] = label
            self.source_form.addRow(title, label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.clear_focus, 0, Qt.AlignmentFlag.AlignTrailing)
        layout.addLayout(fields)
        # What the file said scrolls when the pane is short, so the photo keeps room to be clicked.
        source = QScrollArea()
        source.setWidget(self.source_box)
        source.setWidgetResizable(True)
        source.setFrameShape(QScrollArea.Shape.NoFrame)
        source.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(source, 1)
        self.show_record(None)

    def show_record(self, record: GalleryItemRecord | None) -> None:
        """Fills the fields from an item (None clears and disables them)."""
        self._record = record
        self.preview.show_record(record)
        self.clear_focus.setEnabled(record is not None and record.focus_x is not None)
        for widget in (self.caption, self.alt, self.credit, self.slug):
            widget.blockSignals(True)
        self.caption.setPlainText(record.caption if record else "")
        self.alt.setText(record.alt if record else "")
        self.credit.setText(record.credit if record else "")
        self.slug.setText(record.slug if record else "")
        for line in (self.credit, self.slug):
            line.setLayoutDirection(text_direction(line.text(), self.layoutDirection()))
        for widget in (self.caption, self.alt, self.credit, self.slug):
            widget.blockSignals(False)
            widget.setEnabled(record is not None)
        source = dict(record.source) if record else {}
        values = {
            key: str(source.get(key, ""))
            for key in ("caption", "headline", "creator", "credit", "source", "city", "country")
        }
        keywords = source.get("keywords", [])
        values["keywords"] = ("، " if text_direction("".join(keywords), Qt.LayoutDirection.LeftToRight) == Qt.LayoutDirection.RightToLeft
                              else ", ").join(keywords)  # fmt: skip
        values["taken"] = arabic_date(record.taken_at) if record else ""
        values["file"] = f"{record.filename} — {record.width} × {record.height}" if record else ""
        for key, label in self.source_labels.items():
            label.setText(values[key] or "—")
            direction = text_direction(values[key], self.layoutDirection())
            label.setLayoutDirection(direction)
            # The text keeps its own direction; the column stays flush with the form's leading edge.
            edge = Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
            label.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)

    def commit_caption(self) -> None:
        """Keeps the caption typed so far, as leaving the box does."""
        self._commit("caption", self.caption.toPlainText())

    def _frame(self, x: float | None, y: float | None) -> None:
        if self._record is not None and (self._record.focus_x, self._record.focus_y) != (x, y):
            self.framed.emit(self._record.id, {"focus_x": x, "focus_y": y})

    def _commit(self, name: str, value: str) -> None:
        # The item shown when the edit was made, even if the selection has moved on since.
        if self._record is not None and getattr(self._record, name) != value:
            self.edited.emit(self._record.id, name, value)
