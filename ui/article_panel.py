"""The article list's pane: the search box (the library, or this section only), the trash switch and the
table of articles, which keeps an article current through every change to the list."""

from __future__ import annotations

from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ui.article_list import FILTER_DELAY_MS, STATUS_LOOK, ArticleListModel
from ui.mime import MIME_ITEMS, decode_items


class ArticleListPanel(QWidget):
    """The list pane: filter box, trash switch and the table of articles."""

    currentArticleChanged = Signal(object)  # docid or None
    selectionChanged = Signal()
    filesDropped = Signal(int, list)  # docid, local file paths: photos for that article
    photosDropped = Signal(int, list)  # docid, gallery item ids dragged from a story: copies for that article

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.filter_box = QLineEdit(self)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.addAction(qta.icon("mdi6.magnify"), QLineEdit.ActionPosition.LeadingPosition)
        self.section_only_button = QToolButton(self)
        self.section_only_button.setCheckable(True)
        self.section_only_button.setIcon(qta.icon("mdi6.folder-search-outline"))
        self.section_only_button.toggled.connect(self._set_section_only)
        self.trash_button = QToolButton(self)
        self.trash_button.setCheckable(True)
        self.trash_button.setIcon(qta.icon("mdi6.trash-can-outline"))
        self.trash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Files from the file manager dropped on a row become that article's photos (always a copy).
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.HEADLINE, QHeaderView.ResizeMode.Stretch)
        # Widths from the widest texts, not from measuring every loaded row (thousands of them).
        metrics = self.table.fontMetrics()
        status_width = max(metrics.horizontalAdvance(model.status_name(s)) for s in STATUS_LOOK)
        header.resizeSection(ArticleListModel.STATUS, status_width + self.table.iconSize().width() + 40)
        header.resizeSection(ArticleListModel.DATE, metrics.horizontalAdvance("0000-00-00 00:00") + 40)
        header.setSortIndicator(ArticleListModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.menu_actions: list[QAction] = []  # the table's context menu (the window's actions on articles)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.section_only_button)
        top.addWidget(self.trash_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_box.textChanged.connect(self._timer.start)
        self.trash_button.toggled.connect(self._set_trash)
        self._current: int | None = None
        self._current_row = -1
        self._restoring = False
        model.modelReset.connect(self._show_section_column)
        self._show_section_column()
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selectionChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Sets the panel's texts in the current language."""
        self.filter_box.setPlaceholderText(
            self.tr("Search this section…") if self.model.section_only else self.tr("Search the library…")
        )
        self.filter_box.setAccessibleName(self.tr("Search articles"))
        self.section_only_button.setToolTip(self.tr("Search only the chosen section"))
        self.section_only_button.setAccessibleName(self.tr("This section only"))
        self.table.setAccessibleName(self.tr("Articles"))
        self.trash_button.setText(self.tr("Trash"))
        self.trash_button.setToolTip(self.tr("Show the articles in the trash"))

    # -- files dropped from outside ----------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if watched is self.table.viewport() and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            # Photos dragged out of a story's gallery are copied to the article they land on; files
            # from outside become its photos. Entering anywhere is fine; where they may land is decided row by row.
            items = decode_items(event.mimeData()) if event.mimeData().hasFormat(MIME_ITEMS) else []
            paths = [] if items else _local_files(event.mimeData())
            if items or paths:
                docid = self._docid_at(event.position().toPoint()) if kind != QEvent.Type.DragEnter else 0
                if docid is None or (paths and not self.model.rowCount()):
                    event.ignore()
                    return True
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                if kind == QEvent.Type.Drop:  # the slow part (copying, ingest) starts after the drop event returned
                    signal, payload = (self.photosDropped, items) if items else (self.filesDropped, paths)
                    QTimer.singleShot(0, lambda: signal.emit(docid, payload))
                return True
        return super().eventFilter(watched, event)

    def _docid_at(self, point) -> int | None:
        index = self.table.indexAt(point)
        return self.model.docid(index.row()) if index.isValid() else None

    # -- the filter ------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        """Filters the list by the text typed so far (runs once typing pauses)."""
        self._timer.stop()
        self.model.set_filter(self.filter_box.text())

    def _set_trash(self, on: bool) -> None:
        self.filter_box.setEnabled(not on)
        self.section_only_button.setEnabled(not on)
        self.model.set_trash(on)

    def _set_section_only(self, on: bool) -> None:
        self.model.set_section_only(on)
        self.retranslate()

    def section_only(self) -> bool:
        """Whether the search box searches the chosen section only."""
        return self.model.section_only

    def search_everywhere(self) -> None:
        """Puts the cursor in the search box, set to search every section."""
        self.trash_button.setChecked(False)
        self.section_only_button.setChecked(False)
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def move_selected(self, sections: list[tuple[str, str, int]], current: str | None) -> bool:
        """Asks which of these sections (slug, name, depth) takes the selected articles, and files them there."""
        docids = self.selected_docids()
        if not docids:
            return False
        choices = [(slug, "  " * depth + name) for slug, name, depth in sections]
        at = next((n for n, (slug, _) in enumerate(choices) if slug == current), 0)
        label = self.tr("Move %n article(s) to the section:", "", len(docids))
        text, ok = QInputDialog.getItem(self, self.tr("Move to section"), label, [c[1] for c in choices], at, False)
        return ok and self.model.move_articles(docids, next(slug for slug, shown in choices if shown == text))

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addActions(self.menu_actions)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def empty_reason(self) -> str:
        """Why no article is current, in words ("" when one could be)."""
        if self.model.rowCount():
            return ""
        if self.model.trash:
            return self.tr("The trash is empty.")
        if self.model.filter_text:
            return self.tr("No article found.")
        if self.model.section is None:
            return self.tr("Choose a section.")
        return self.tr("No article in this section: Ctrl+N writes one.")

    def _show_section_column(self) -> None:
        self.table.setColumnHidden(ArticleListModel.SECTION, not self.model.spans_sections())

    # -- the current article ------------------------------------------------------------------------
    def current_docid(self) -> int | None:
        """The article the list's cursor is on."""
        return self._current

    def selected_docids(self) -> list[int]:
        """The selected articles, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [d for d in (self.model.docid(r) for r in rows) if d is not None]

    def select(self, docid: int | None) -> bool:
        """Puts the cursor on the article if it is listed; False if it is not among the loaded rows."""
        row = self.model.row_of(docid) if docid is not None else -1
        if row < 0:
            return False
        index = self.model.index(row, ArticleListModel.HEADLINE)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        docid = self.model.docid(current.row()) if current.isValid() else None
        if docid != self._current:
            self._current = docid
            self.currentArticleChanged.emit(docid)

    def _remember_current(self) -> None:
        self._restoring = True
        self._current_row = self.table.currentIndex().row()

    def _restore_current(self) -> None:
        # After a reload the same article stays current if it is still listed; otherwise the one that
        # took its place (or the last one) opens, and none only when the list is empty.
        try:
            if self._current is not None and self.select(self._current):
                return
        finally:
            self._restoring = False
        if self._current is None:
            return
        rows = self.model.rowCount()
        if rows and self._current_row >= 0:
            self.select(self.model.docid(min(self._current_row, rows - 1)))
        else:
            self._current = None
            self.currentArticleChanged.emit(None)


def _local_files(mime) -> list[Path]:
    """The local files a drag carries (none for articles dragged inside the app)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
