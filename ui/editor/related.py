"""Related articles: an ordered list (reordered by drag), added by search, removed with a key or button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.articles.repo import ArticleRepo
from workstation.library.store import Library

# Finds candidate articles for a query: (docid, headline) pairs, best first.
SearchFunction = Callable[[str], list[tuple[int, str]]]
_HEADLINE = Qt.ItemDataRole.UserRole + 1


def _item(docid: int, headline: str) -> QListWidgetItem:
    item = QListWidgetItem(f"{headline or '—'}  ({docid})")
    item.setData(Qt.ItemDataRole.UserRole, docid)
    item.setData(_HEADLINE, headline)
    item.setToolTip(str(docid))
    return item


def library_search(library: Library) -> SearchFunction:
    """Related-article search over the library: a document id typed as digits, then the full-text hits."""
    repo = ArticleRepo(library)

    def run(query: str) -> list[tuple[int, str]]:
        hits: list[tuple[int, str]] = []
        if query.isdigit() and repo.exists(int(query)):
            hits.append((int(query), repo.get(int(query)).headline))
        from workstation.search.query import search

        hits.extend((h.docid, h.headline) for h in search(library, query, limit=30).hits)
        return hits

    return run


class RelatedSearchDialog(QDialog):
    """Searches the library as the editor types and returns the chosen articles."""

    def __init__(self, search: SearchFunction, exclude: set[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add related articles"))
        self._search = search
        self._exclude = exclude
        self.query = QLineEdit(placeholderText=self.tr("Search headlines and text, or type a document id"))
        self.results = QListWidget()
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.message = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run_search)
        self.query.textEdited.connect(lambda _text: self._timer.start())
        self.resize(520, 380)

    def run_search(self) -> None:
        """Shows the articles matching the query, leaving out those already related."""
        self.results.clear()
        query = self.query.text().strip()
        if not query:
            self.message.clear()
            return
        try:
            hits = self._search(query)
        except Exception as exc:  # a search that fails must not take the editor down with it
            self.message.setText(self.tr("Search failed: {reason}").format(reason=exc))
            return
        shown = 0
        for docid, headline in hits:
            if docid not in self._exclude:
                self.results.addItem(_item(docid, headline))
                shown += 1
        self.message.setText(self.tr("No article found.") if not shown else "")
        if shown:
            self.results.setCurrentRow(0)

    def chosen(self) -> list[tuple[int, str]]:
        """The selected articles, in list order."""
        items = sorted(self.results.selectedItems(), key=self.results.row)
        return [(i.data(Qt.ItemDataRole.UserRole), i.data(_HEADLINE)) for i in items]


class RelatedPanel(QWidget):
    """The article's related articles, in the order the page shows them."""

    changed = Signal()

    def __init__(self, search: SearchFunction, parent=None):
        super().__init__(parent)
        self._search = search
        self._docid: int | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Related articles"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.model().rowsMoved.connect(lambda *_args: self.changed.emit())
        self.add_button = QPushButton(self.tr("Add…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add_by_search)
        self.remove_button.clicked.connect(self.remove_selected)
        # Only the Delete key (StandardKey.Delete also means Ctrl+D on X11), and only in the list: the
        # context must be set after construction, PySide6 ignores the keyword.
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, self.remove_selected)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_items(self, docid: int | None, items: list[tuple[int, str]]) -> None:
        """Shows the related articles of article `docid`, in order."""
        self._docid = docid
        self.list.clear()
        for other, headline in items:
            self.list.addItem(_item(other, headline))

    def related_ids(self) -> list[int]:
        """The related document ids, in order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def add(self, items: list[tuple[int, str]]) -> None:
        """Appends articles that are not related yet (nor the article itself)."""
        present = set(self.related_ids()) | {self._docid}
        added = False
        for docid, headline in items:
            if docid not in present:
                self.list.addItem(_item(docid, headline))
                present.add(docid)
                added = True
        if added:
            self.changed.emit()

    def add_by_search(self) -> None:
        """Asks for articles by search and appends the chosen ones."""
        dialog = RelatedSearchDialog(self._search, set(self.related_ids()) | {self._docid}, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add(dialog.chosen())

    def remove_selected(self) -> None:
        """Removes the selected related articles."""
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Locks the list (an article in the trash) or unlocks it."""
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if read_only
                                  else QAbstractItemView.DragDropMode.InternalMove)  # fmt: skip
