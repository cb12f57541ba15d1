"""The newsroom's code replacements: a table to add, edit, search and sort them, TSV in and out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.shortcuts.codes import ShortcutRepo, check_code


class ShortcutTableModel(QAbstractTableModel):
    """The codes and their texts, two editable columns over the library's list."""

    CODE, TEXT = 0, 1

    def __init__(self, repo: ShortcutRepo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.rows: list[tuple[str, str]] = []
        self.reload()

    def reload(self) -> None:
        """Reads the list again from the library."""
        self.beginResetModel()
        self.rows = list(self.repo.table().items())
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return self.rows[index.row()][index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt override)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Code"), self.tr("Text"))[section]
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt override)
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        code, text = self.rows[index.row()]
        try:
            if index.column() == self.CODE:
                new_code = check_code(str(value))
                if new_code != code:
                    if new_code in dict(self.rows):
                        raise ValueError(self.tr("The code '%1' is already in the list.").replace("%1", new_code))
                    self.repo.set({new_code: text})
                    self.repo.remove([code])
            else:
                self.repo.set({code: str(value)})
        except ValueError as exc:
            QMessageBox.warning(None, self.tr("Code replacements"), str(exc))
            return False
        self.reload()
        return True

    def add(self, code: str, text: str) -> QModelIndex:
        """Adds a code (or replaces its text); the index of its row."""
        self.repo.set({code: text})
        self.reload()
        row = next(i for i, (c, _t) in enumerate(self.rows) if c == check_code(code))
        return self.index(row, self.TEXT)

    def remove_rows(self, rows: list[int]) -> None:
        """Removes the codes of these rows."""
        self.repo.remove([self.rows[r][0] for r in rows])
        self.reload()


class ShortcutsDialog(QDialog):
    """Manages the list: type in the search box to filter, click a column to sort, double-click to edit."""

    def __init__(self, repo: ShortcutRepo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Code replacements"))
        self.resize(640, 480)
        self.model = ShortcutTableModel(repo, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search codes and texts…"))
        self.search.setAccessibleName(self.tr("Search codes and texts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Code replacements"))

        buttons = QHBoxLayout()
        for text, slot in ((self.tr("&Add"), self.add), (self.tr("&Remove"), self.remove_selected),
                           (self.tr("&Import TSV…"), self.import_tsv), (self.tr("E&xport TSV…"), self.export_tsv)):  # fmt: skip
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)

    def add(self) -> None:
        """A new row with a free code, ready to be typed over."""
        taken = {code for code, _text in self.model.rows}
        code = next(f"code{n}" for n in range(1, len(taken) + 2) if f"code{n}" not in taken)
        index = self.proxy.mapFromSource(self.model.add(code, "…"))
        self.table.setCurrentIndex(index.siblingAtColumn(0))
        self.table.edit(index.siblingAtColumn(0))

    def remove_selected(self) -> None:
        """Removes the selected codes."""
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        if rows:
            self.model.remove_rows(rows)

    def import_tsv(self, path: str | None = None) -> None:
        """Adds the codes of a TSV file (code<TAB>text); bad lines are named."""
        path = path or QFileDialog.getOpenFileName(self, self.tr("Import codes"), "", self.tr("TSV (*.tsv *.txt)"))[0]
        if not path:
            return
        stored, problems = self.model.repo.import_tsv(Path(path))
        self.model.reload()
        if problems:
            lines = "\n".join(f"{p.where}: {p.reason}" for p in problems[:20])
            QMessageBox.warning(self, self.tr("Code replacements"),
                                self.tr("%1 codes stored; these lines were refused:").replace("%1", str(stored))
                                + "\n" + lines)  # fmt: skip

    def export_tsv(self, path: str | None = None) -> None:
        """Writes every code to a TSV file."""
        path = path or QFileDialog.getSaveFileName(self, self.tr("Export codes"), "codes.tsv", "TSV (*.tsv)")[0]
        if path:
            self.model.repo.export_tsv(Path(path))
