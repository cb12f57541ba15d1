"""The section tree: a model over the store's sections, and the view that adds, renames, moves and deletes them.

Every change is a core command run through the CommandRunner, so it can be undone. Sections
are dragged as a list of slugs (SECTION_MIME); articles dropped from the article list
(ARTICLE_MIME) are filed in the section they are dropped on.
"""

from __future__ import annotations

import json

import qtawesome as qta
from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)  # fmt: skip
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QTreeView,
    QWidget,
)  # fmt: skip

from workstation.articles.commands import (
    AddSectionCommand,
    BatchCommand,
    DeleteSectionCommand,
    MoveArticlesCommand,
    MoveSectionCommand,
    RenameSectionCommand,
)  # fmt: skip
from workstation.articles.listing import Listing
from workstation.articles.sections import SectionRecord, SectionRepo
from workstation.library.store import Library

from ui.undo import CommandRunner

SECTION_MIME = "application/x-workstation-section-slugs"
ARTICLE_MIME = "application/x-workstation-article-ids"
SLUG_ROLE = Qt.ItemDataRole.UserRole + 1

_AnyIndex = QModelIndex | QPersistentModelIndex


def encode_ids(mime: str, ids: list) -> QMimeData:
    """Drag data carrying section slugs or article ids as a JSON list."""
    data = QMimeData()
    data.setData(mime, QByteArray(json.dumps(ids).encode()))
    return data


def decode_ids(data: QMimeData, mime: str) -> list:
    """The ids a drag carries under `mime` (empty if it carries none or something malformed)."""
    if not data.hasFormat(mime):
        return []
    try:
        ids = json.loads(bytes(data.data(mime)).decode())
    except ValueError:
        return []
    return ids if isinstance(ids, list) else []


class _Node:
    """One section as the model shows it; `key` is the slug's stable id inside the model."""

    __slots__ = ("key", "slug", "name", "count", "parent", "children")

    def __init__(self, key: int, slug: str, name: str, count: int, parent: _Node | None):
        self.key, self.slug, self.name, self.count, self.parent = key, slug, name, count, parent
        self.children: list[_Node] = []

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0

    def shape(self) -> list:
        """The tree below this node as nested slugs: equal shapes need no layout change."""
        return [(c.slug, c.shape()) for c in self.children]


class SectionTreeModel(QAbstractItemModel):
    """The section tree with article counts, over SectionRepo; reloads itself after every command."""

    NAME, COUNT = 0, 1

    def __init__(self, library: Library, runner: CommandRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._library = library
        self._repo = SectionRepo(library)
        self._runner = runner
        self._keys: dict[str, int] = {}
        self._icon = qta.icon("mdi6.folder-outline")
        self._root, self._nodes = self._build(self._repo.tree())
        runner.changed.connect(self.reload)

    # -- reading the store ---------------------------------------------------------------------
    def _key(self, slug: str) -> int:
        return self._keys.setdefault(slug, len(self._keys) + 1)

    def _build(self, records: list[SectionRecord]) -> tuple[_Node, dict[int, _Node]]:
        root = _Node(0, "", "", 0, None)
        by_slug: dict[str, _Node] = {}
        for r in records:  # tree order: a parent always comes before its children
            parent = by_slug[r.parent] if r.parent else root
            node = _Node(self._key(r.slug), r.slug, r.name, r.articles, parent)
            parent.children.append(node)
            by_slug[r.slug] = node
        return root, {n.key: n for n in by_slug.values()}

    def reload(self, *_args) -> None:
        """Reads the tree again; names and counts change in place, moved sections keep their indexes."""
        root, nodes = self._build(self._repo.tree())
        if root.shape() == self._root.shape():
            for key, new in nodes.items():
                old = self._nodes[key]
                if (old.name, old.count) != (new.name, new.count):
                    old.name, old.count = new.name, new.count
                    row = old.row()
                    self.dataChanged.emit(self.createIndex(row, 0, key), self.createIndex(row, 1, key))
            return
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        self._root, self._nodes = root, nodes
        new_indexes = []
        for index in old_indexes:
            node = nodes.get(index.internalId())
            new_indexes.append(self.createIndex(node.row(), index.column(), node.key) if node else QModelIndex())
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    # -- the item model ------------------------------------------------------------------------
    def _node(self, index: _AnyIndex) -> _Node:
        return self._nodes.get(index.internalId(), self._root) if index.isValid() else self._root

    def index(self, row: int, column: int, parent: _AnyIndex = QModelIndex()) -> QModelIndex:
        if column not in (self.NAME, self.COUNT) or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        children = self._node(parent).children
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row].key)

    def parent(self, index: _AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent.key)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:
        return 2

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name if index.column() == self.NAME else str(node.count)
        if role == Qt.ItemDataRole.EditRole and index.column() == self.NAME:
            return node.name
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.NAME:
            return self._icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.name} ({node.slug})"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == SLUG_ROLE:
            return node.slug
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Section") if section == self.NAME else self.tr("Articles")
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        )  # fmt: skip
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.NAME or role != Qt.ItemDataRole.EditRole:
            return False
        node = self._node(index)
        name = str(value).strip()
        if name == node.name:
            return False
        return self._runner.run(RenameSectionCommand(self._library, node.slug, name), self.tr("Rename section"))

    # -- drag and drop ---------------------------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SECTION_MIME, ARTICLE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        slugs: list[str] = []
        for index in indexes:
            slug = self._node(index).slug
            if index.isValid() and slug not in slugs:
                slugs.append(slug)
        return encode_ids(SECTION_MIME, slugs)

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: _AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        articles = decode_ids(data, ARTICLE_MIME)
        if articles:
            return parent.isValid() and row == -1 and all(isinstance(d, int) for d in articles)
        slugs = decode_ids(data, SECTION_MIME)
        if not slugs or any(s not in self._keys or self._keys[s] not in self._nodes for s in slugs):
            return False
        node = self._node(parent)
        while node is not None:  # never into a dragged section or anything below it
            if node.slug in slugs:
                return False
            node = node.parent
        return True

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: _AnyIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._node(parent)
        articles = decode_ids(data, ARTICLE_MIME)
        if articles:
            command = MoveArticlesCommand(self._library, articles, target.slug)
            if not command.would_change():
                return False
            return self._runner.run(command, self.tr("Move %n article(s)", "", len(articles)))
        moves = self._planned_moves(decode_ids(data, SECTION_MIME), target, row)
        if not moves:
            return False
        commands = [MoveSectionCommand(self._library, slug, target.slug or None, pos) for slug, pos in moves]
        return self._runner.run(BatchCommand(commands), self.tr("Move section"))

    def _planned_moves(self, slugs: list[str], target: _Node, row: int) -> list[tuple[str, int]]:
        """(slug, position) for each dragged section, as SectionRepo.move applies them one after another."""
        siblings = [c.slug for c in target.children]
        # The dragged sections land before the first sibling at or after the drop row that stays.
        anchor = next((s for s in siblings[row:] if s not in slugs), None) if row >= 0 else None
        moves = []
        for slug in slugs:
            if slug in siblings:
                siblings.remove(slug)
            position = siblings.index(anchor) if anchor is not None else len(siblings)
            siblings.insert(position, slug)
            moves.append((slug, position))
        if siblings == [c.slug for c in target.children]:
            return []  # dropped where they already were
        return moves

    # -- for the view and the main window ----------------------------------------------------------
    def slug(self, index: _AnyIndex) -> str | None:
        """The slug of the section at `index` (None for the invisible root)."""
        return self._node(index).slug if index.isValid() else None

    def index_of(self, slug: str | None, column: int = 0) -> QModelIndex:
        """The index of the section with this slug (invalid if there is none)."""
        node = self._nodes.get(self._keys.get(slug or "", -1))
        return self.createIndex(node.row(), column, node.key) if node else QModelIndex()

    def sections(self) -> list[tuple[str, str, int]]:
        """(slug, name, depth) of every section in tree order."""
        out: list[tuple[str, str, int]] = []

        def walk(node: _Node, depth: int) -> None:
            for child in node.children:
                out.append((child.slug, child.name, depth))
                walk(child, depth + 1)

        walk(self._root, 0)
        return out

    def count(self, slug: str) -> int:
        """Live articles filed in the section (0 if there is no such section)."""
        node = self._nodes.get(self._keys.get(slug, -1))
        return node.count if node else 0

    def total_articles(self) -> int:
        """Live articles in the whole library."""
        return sum(n.count for n in self._nodes.values())

    def add_section(self, slug: str, name: str, parent: str | None) -> bool:
        """Adds a section at the end of `parent`'s children (undoable)."""
        return self._runner.run(AddSectionCommand(self._library, slug, name, parent), self.tr("Add section"))

    def delete_section(self, slug: str, move_articles_to: str | None) -> bool:
        """Deletes a section, filing its articles in another (undoable)."""
        return self._runner.run(DeleteSectionCommand(self._library, slug, move_articles_to), self.tr("Delete section"))


class SectionDialog(QDialog):
    """Asks for a new section's name (shown on the site) and slug (used in its URLs)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New section"))
        self.name = QLineEdit(self)
        self.slug = QLineEdit(self)
        self.slug.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.slug.setPlaceholderText("gulf-news")
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Slug (Latin letters, digits, hyphens):"), self.slug)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SectionTreeView(QTreeView):
    """The section pane: select a section, drag sections and articles, add/rename/delete from a menu."""

    sectionSelected = Signal(object)  # slug or None

    def __init__(self, library: Library, model: SectionTreeModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._listing = Listing(library)
        self.setModel(model)
        self.setHeaderHidden(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(SectionTreeModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(SectionTreeModel.COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.EditKeyPressed | triggers.SelectedClicked)
        self.setAccessibleName(self.tr("Sections"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.selectionModel().currentChanged.connect(self._current_changed)

        self.add_action = QAction(qta.icon("mdi6.folder-plus-outline"), self.tr("New section…"), self)
        self.add_child_action = QAction(self.tr("New sub-section…"), self)
        self.rename_action = QAction(qta.icon("mdi6.folder-edit-outline"), self.tr("Rename section"), self)
        self.delete_action = QAction(qta.icon("mdi6.folder-remove-outline"), self.tr("Delete section…"), self)
        # Delete and F2 act on the tree only (the list and the editor give those keys other meanings).
        for action, key in (
            (self.rename_action, QKeySequence(Qt.Key.Key_F2)),
            (self.delete_action, QKeySequence(Qt.Key.Key_Delete)),  # StandardKey.Delete is Ctrl+D too on X11
        ):
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.addAction(action)
        self.add_action.triggered.connect(lambda: self.add_section(None))
        self.add_child_action.triggered.connect(lambda: self.add_section(self.current_slug()))
        self.rename_action.triggered.connect(lambda: self.edit(self.currentIndex().siblingAtColumn(0)))
        self.delete_action.triggered.connect(lambda: self.delete_section(self.current_slug()))

    def model(self) -> SectionTreeModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.sectionSelected.emit(self.model().slug(current))

    def current_slug(self) -> str | None:
        """The selected section's slug."""
        return self.model().slug(self.currentIndex())

    def select(self, slug: str | None) -> bool:
        """Makes the section with this slug current; False if there is none."""
        index = self.model().index_of(slug)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _menu(self, pos) -> None:
        has_section = self.current_slug() is not None
        for action in (self.add_child_action, self.rename_action, self.delete_action):
            action.setEnabled(has_section)
        menu = QMenu(self)
        menu.addActions([self.add_action, self.add_child_action, self.rename_action, self.delete_action])
        menu.exec(self.viewport().mapToGlobal(pos))

    def add_section(self, parent: str | None) -> bool:
        """Asks for a name and slug and adds the section under `parent`."""
        dialog = SectionDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        slug = dialog.slug.text().strip()
        if not self.model().add_section(slug, dialog.name.text(), parent):
            return False
        if parent:
            self.expand(self.model().index_of(parent))
        return self.select(slug)

    def delete_section(self, slug: str | None) -> bool:
        """Deletes the section; if it holds articles (trash included), asks which section takes them."""
        if slug is None:
            return False
        target = None
        held = len(self._listing.docids_in(slug))
        if held:
            choices = [(s, "  " * depth + name) for s, name, depth in self.model().sections() if s != slug]
            label = self.tr("The section holds %n article(s). Move them to:", "", held)
            text, ok = QInputDialog.getItem(self, self.tr("Delete section"), label, [c[1] for c in choices], 0, False)
            if not ok:
                return False
            target = next(s for s, shown in choices if shown == text)
        return self.model().delete_section(slug, target)
