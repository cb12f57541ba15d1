"""The article list's model: a section's articles (or the trash, or a search of the library) a page at a time.

The model loads pages as the view scrolls (canFetchMore/fetchMore over workstation.articles.listing),
so a section of 100,000 articles opens as fast as one of ten. Sorting is the store's ORDER BY,
never a sort of the rows already loaded. Typing in the filter box searches with the core's
Arabic-normalized search once typing pauses. The pane around the table is ui/article_panel.py.
"""

from __future__ import annotations

from collections.abc import Callable

import qtawesome as qta
from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)  # fmt: skip
from PySide6.QtGui import QColor, QFont
from sqlalchemy.exc import SQLAlchemyError

from workstation.articles.commands import (
    DuplicateArticleCommand,
    MoveArticlesCommand,
    NewArticleCommand,
    RestoreArticlesCommand,
    TrashArticlesCommand,
)  # fmt: skip
from workstation.articles.listing import PAGE_SIZE, ArticleSummary, Listing, ListQuery
from workstation.errors import LibraryError
from workstation.library.store import Library

from ui.connection import ConnectionWatch
from ui.section_tree import ARTICLE_MIME, encode_ids
from ui.undo import CommandRunner

FILTER_DELAY_MS = 250
DOCID_ROLE = Qt.ItemDataRole.UserRole + 1
_AnyIndex = QModelIndex | QPersistentModelIndex
# Keeps a date such as "2017-04-13 10:58" in reading order inside a right-to-left row.
_LTR_ISOLATE = "\u2066{}\u2069"

STATUS_LOOK = {  # icon, colour
    "draft": ("mdi6.pencil-outline", "#6d6d6d"),
    "ready": ("mdi6.check-circle-outline", "#b35c00"),
    "published": ("mdi6.earth", "#2e7d32"),
}


def core_search(library: Library, query: str, *, limit: int, offset: int, section: str | None):
    """The core's search (imported late: it is the search module's job, not the list's)."""
    from workstation.search.query import search

    return search(library, query, limit=limit, offset=offset, section=section)


class ArticleListModel(QAbstractTableModel):
    """Summaries of the listed articles; loads more as the view asks, reloads after every command."""

    HEADLINE, STATUS, DATE, SECTION = range(4)
    _ORDERS = {HEADLINE: "headline", STATUS: "status", DATE: "date"}

    def __init__(self, library: Library, runner: CommandRunner, search: Callable = core_search,
                 parent: QObject | None = None, connection: ConnectionWatch | None = None):  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._connection = connection  # told when a read finds the server away (the list reloads when it is back)
        self._runner = runner
        self._listing = Listing(library)
        self._search = search
        self._section: str | None = None
        self._trash = False
        self._order, self._descending = "date", True
        self._filter = ""
        self._section_only = False
        self._section_names: dict[str, str] | None = None
        self._rows: list[ArticleSummary] = []
        self._seen: set[int] = set()
        self._snippets: dict[int, str] = {}
        self.editing: dict[int, list[str]] = {}  # docid: who else has it open for editing (ui/live.py)
        self._search_offset = 0
        self._done = True
        self._total = 0
        self._error = ""
        self._icons = {status: qta.icon(name, color=colour) for status, (name, colour) in STATUS_LOOK.items()}
        self._colours = {status: QColor(colour) for status, (_, colour) in STATUS_LOOK.items()}
        runner.changed.connect(self.reload)

    # -- what is listed ----------------------------------------------------------------------------
    @property
    def section(self) -> str | None:
        """The listed section's slug (None: no section chosen; in the trash view every section)."""
        return self._section

    @property
    def trash(self) -> bool:
        """Whether the list shows the trash."""
        return self._trash

    @property
    def filter_text(self) -> str:
        """The search the list is filtered by ("" for none)."""
        return self._filter

    @property
    def total(self) -> int:
        """How many articles the list holds in all (loaded or not)."""
        return self._total

    @property
    def error(self) -> str:
        """Why the last search gave nothing ("" when it worked)."""
        return self._error

    def set_section(self, slug: str | None) -> None:
        """Lists this section's live articles."""
        self._section = slug
        self._restart()

    def set_trash(self, on: bool) -> None:
        """Switches between the section's articles and the trash (of every section)."""
        self._trash = on
        self._restart()

    def set_filter(self, text: str) -> None:
        """Filters the list by a search (the trash is not searchable: search leaves it out)."""
        text = text.strip()
        if text != self._filter:
            self._filter = text
            self._restart()

    @property
    def section_only(self) -> bool:
        """Whether a search stays in the listed section (else it covers the library)."""
        return self._section_only

    def set_section_only(self, on: bool) -> None:
        """Limits searches to the listed section, or lets them cover every section."""
        if on != self._section_only:
            self._section_only = on
            if self._searching():
                self._restart()

    def spans_sections(self) -> bool:
        """Whether the rows may come from several sections (a library search, the trash)."""
        return self._trash or (self._searching() and not self._section_only)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Orders the list by headline, status or date (a new query: rows are never sorted in memory)."""
        if column not in self._ORDERS:
            return
        self._order = self._ORDERS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._restart()

    def _query(self) -> ListQuery:
        section = None if self._trash else self._section
        return ListQuery(section, trash=self._trash, order=self._order, descending=self._descending)

    def _listing_anything(self) -> bool:
        return self._trash or self._section is not None or (self._searching() and not self._section_only)

    # -- loading -----------------------------------------------------------------------------------
    _STATE = ("_rows", "_seen", "_snippets", "_section_names", "_search_offset", "_error", "_total", "_done")

    def _restart(self, keep: int = 0) -> None:
        """Loads the first page again (or at least `keep` rows) in place of the list; a read that fails leaves
        the list as it was (the server away: the open article stays listed, and open)."""
        before = {name: getattr(self, name) for name in self._STATE}
        self._seen, self._snippets = set(), {}
        self._section_names = None
        self._search_offset, self._error, self._total = 0, "", 0
        self._done = not self._listing_anything()
        self._rows = []  # read from the top
        try:
            if not self._done:
                if not self._searching():
                    self._total = self._listing.count(self._query())
                self._rows = self._read(max(PAGE_SIZE, keep))
        except SQLAlchemyError as exc:
            self.__dict__.update(before)
            self._read_failed(exc)
            return
        after = {name: getattr(self, name) for name in self._STATE}
        self.__dict__.update(before)  # a view never sees the new rows before the reset begins
        self.beginResetModel()
        self.__dict__.update(after)
        self.endResetModel()

    def _read_failed(self, exc: SQLAlchemyError) -> None:
        """Stops reading; a server that went away is the connection watch's to tell, anything else goes on up."""
        self._done = True
        if self._connection is None or not self._connection.failed(exc):
            raise exc

    def _searching(self) -> bool:
        return bool(self._filter) and not self._trash

    def _read(self, limit: int) -> list[ArticleSummary]:
        """The next `limit` summaries after the loaded rows."""
        if self._searching():
            try:
                section = self._section if self._section_only else None
                result = self._search(self._library, self._filter, limit=limit, offset=self._search_offset,
                                      section=section)  # fmt: skip
            except (ValueError, LibraryError) as exc:  # a query it cannot read, a library it cannot search
                self._error, self._done = str(exc), True
                return []
            self._search_offset += len(result.hits)
            self._total = result.total
            self._done = not result.hits or self._search_offset >= result.total
            self._snippets.update({h.docid: h.snippet for h in result.hits})
            page = self._listing.summaries([h.docid for h in result.hits])
        else:
            page = self._listing.page(self._query(), self._rows[-1] if self._rows else None, limit)
            self._done = len(page) < limit
        page = [s for s in page if s.docid not in self._seen]
        self._seen.update(s.docid for s in page)
        return page

    def canFetchMore(self, parent: _AnyIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: _AnyIndex = QModelIndex()) -> None:
        if parent.isValid() or self._done:
            return
        try:
            page = self._read(PAGE_SIZE)
        except SQLAlchemyError as exc:
            self._read_failed(exc)
            return
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows += page
            self.endInsertRows()

    def reload(self, *_args) -> None:
        """Reads the list again from the store, as many rows as were loaded."""
        self._restart(keep=len(self._rows))

    def refresh(self, docid: int) -> None:
        """Re-reads one article's row (after the editor saved it)."""
        row = self.row_of(docid)
        if row < 0:
            return
        found = self._listing.summaries([docid])
        if found:
            self._rows[row] = found[0]
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- the table model ---------------------------------------------------------------------------
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.HEADLINE:
                return summary.headline or self.tr("(no headline)")
            if column == self.STATUS:  # a story in another language says which: it is a source, not copy
                name = self.status_name(summary.status)
                return f"{name} · {_LTR_ISOLATE.format(summary.language)}" if summary.language else name
            if column == self.SECTION:
                return self.section_name(summary.section)
            return _LTR_ISOLATE.format(f"{self._listing.site_time(summary.date):%Y-%m-%d %H:%M}")
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._icons.get(summary.status)
        if role == Qt.ItemDataRole.DecorationRole and column == self.HEADLINE and summary.docid in self.editing:
            return qta.icon("mdi6.account-edit-outline")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return self._colours.get(summary.status)
        if role == Qt.ItemDataRole.FontRole and column == self.HEADLINE and not summary.headline:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.HEADLINE:
            snippet = self._snippets.get(summary.docid)
            editing = "، ".join(self.editing.get(summary.docid, ()))
            editing = "\n" + self.tr("Being edited by %1").replace("%1", editing) if editing else ""
            return f"{summary.docid} · {summary.section}" + (f"\n{snippet}" if snippet else "") + editing
        if role == DOCID_ROLE:
            return summary.docid
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {self.HEADLINE: self.tr("Headline"), self.STATUS: self.tr("Status"), self.DATE: self.tr("Date"),
                  self.SECTION: self.tr("Section")}  # fmt: skip
        return titles.get(section)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def status_name(self, status: str) -> str:
        """A status as the interface names it."""
        names = {"draft": self.tr("Draft"), "ready": self.tr("Ready"), "published": self.tr("Published")}
        return names.get(status, status)

    def section_name(self, slug: str) -> str:
        """A section's name (read once per reload, when a row first shows one)."""
        if self._section_names is None:
            from workstation.articles.sections import SectionRepo

            self._section_names = {r.slug: r.name for r in SectionRepo(self._library).tree()}
        return self._section_names.get(slug, slug)

    # -- dragging articles to the section tree -------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        docids: list[int] = []
        for index in indexes:
            docid = self.docid(index.row())
            if docid is not None and docid not in docids:
                docids.append(docid)
        return encode_ids(ARTICLE_MIME, docids)

    # -- rows and actions ----------------------------------------------------------------------------
    def docid(self, row: int) -> int | None:
        """The document id at `row`."""
        return self._rows[row].docid if 0 <= row < len(self._rows) else None

    def summary(self, row: int) -> ArticleSummary | None:
        """The summary at `row`."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, docid: int) -> int:
        """The row of this article among those loaded, or -1."""
        if docid not in self._seen:
            return -1
        return next(i for i, s in enumerate(self._rows) if s.docid == docid)

    def new_article(self) -> int | None:
        """A new draft in the listed section (undoable); its document id."""
        if self._section is None:
            return None
        command = NewArticleCommand(self._library, self._section)
        return command.docid if self._runner.run(command, self.tr("New article")) else None

    def duplicate(self, docid: int) -> int | None:
        """A draft copy of the article (undoable); the copy's document id."""
        command = DuplicateArticleCommand(self._library, docid)
        return command.docid if self._runner.run(command, self.tr("Duplicate article")) else None

    def section_of(self, docid: int) -> str | None:
        """The slug of the section the article is filed in."""
        return self._listing.sections_of([docid]).get(docid)

    def move_articles(self, docids: list[int], section: str) -> bool:
        """Files the articles in another section (undoable); False if none of them moves."""
        command = MoveArticlesCommand(self._library, docids, section)
        text = self.tr("Move %n article(s)", "", len(docids))
        return command.would_change() and self._runner.run(command, text)

    def trash_articles(self, docids: list[int]) -> bool:
        """Moves the articles to the trash (undoable)."""
        text = self.tr("Move %n article(s) to the trash", "", len(docids))
        return bool(docids) and self._runner.run(TrashArticlesCommand(self._library, docids), text)

    def restore_articles(self, docids: list[int]) -> bool:
        """Takes the articles out of the trash (undoable)."""
        text = self.tr("Restore %n article(s)", "", len(docids))
        return bool(docids) and self._runner.run(RestoreArticlesCommand(self._library, docids), text)
