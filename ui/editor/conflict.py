"""When someone else saved the article first: keep mine, take theirs, or compare the two side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workstation.body.stats import side_by_side, snapshot_lines

_COLOURS = {"changed": "#fff3c4", "removed": "#fde0dc", "added": "#dff5d8"}


class CompareDialog(QDialog):
    """Two versions of an article side by side, the lines that differ marked."""

    def __init__(self, left: dict[str, Any], right: dict[str, Any], titles: tuple[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare versions"))
        self.rows = side_by_side(snapshot_lines(left), snapshot_lines(right))
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setHorizontalHeaderLabels(list(titles))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, diff in enumerate(self.rows):
            for column, text in enumerate((diff.left, diff.right)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
                if diff.kind in _COLOURS:
                    item.setBackground(QColor(_COLOURS[diff.kind]))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(1000, 640)

    def differing_rows(self) -> int:
        """How many rows differ between the two versions."""
        return sum(1 for r in self.rows if r.kind != "equal")


class ConflictDialog(QDialog):
    """Asks what to do with my unsaved edits now that the library holds someone else's newer version.

    After exec(), `choice` is "mine", "theirs" or None (decide later: nothing is saved or dropped).
    """

    def __init__(self, docid: int, mine: dict[str, Any], theirs: dict[str, Any], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Article changed by someone else"))
        self.mine, self.theirs = mine, theirs
        self.choice: str | None = None
        text = QLabel(self.tr(
            "Article {docid} was saved by someone else while you were editing it. Nothing has been "
            "overwritten. Keep your version (theirs stays in the revision history), take theirs "
            "(your unsaved edits are dropped), or compare the two first."
        ).format(docid=docid))  # fmt: skip
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.mine_button = QPushButton(self.tr("Keep mine"))
        self.theirs_button = QPushButton(self.tr("Take theirs"))
        self.compare_button = QPushButton(self.tr("Compare side by side…"))
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Decide later"))
        self.mine_button.clicked.connect(lambda: self.choose("mine"))
        self.theirs_button.clicked.connect(lambda: self.choose("theirs"))
        self.compare_button.clicked.connect(self.compare)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.mine_button.setDefault(True)

    def choose(self, choice: str) -> None:
        """Closes the dialog with this choice ("mine" or "theirs")."""
        self.choice = choice
        self.accept()

    def compare(self) -> CompareDialog:
        """Shows my version and theirs side by side (the choice is still to be made)."""
        dialog = CompareDialog(self.mine, self.theirs, (self.tr("Mine (not saved)"), self.tr("Theirs (in the library)")),
                               self)  # fmt: skip
        dialog.exec()
        return dialog
