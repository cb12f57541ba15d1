"""GalleryPanel: an article's photos in story order, their captions, and the ways photos come in."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.errors import LibraryError, NotFoundError
from workstation.library.store import Library
from workstation.photos.batch import VARIABLES
from workstation.photos.commands import (
    AddItemsCommand,
    EditItemsCommand,
    RemoveItemsCommand,
    ReorderCommand,
    caption_template,
    set_credit,
)  # fmt: skip
from workstation.photos.gallery import GalleryRepo, drop_position
from workstation.photos.ingest import IngestReport
from workstation.photos.renditions import NAMES, default_cache_dir

from ui.gallery.captioning import CaptioningDesk
from ui.gallery.editor import ItemEditor
from ui.gallery.ingest_job import IngestThread
from ui.gallery.model import GalleryModel, ThumbnailCache
from ui.gallery.view import GalleryView, local_paths
from ui.undo import CommandRunner

log = logging.getLogger(__name__)
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 64, 320, 16


class GalleryPanel(QWidget):
    """The gallery of one article: thumbnails, item fields, batch work, ingest with progress.

    Every change is an undoable core command on `undoStack()`; the stack is cleared when
    another article is shown.
    """

    changed = Signal()  # the gallery in the library changed
    ingestFinished = Signal(object)  # IngestReport (or the exception that stopped the ingest)

    def __init__(self, library: Library, parent: QWidget | None = None, cache_dir: Path | None = None):
        super().__init__(parent)
        self.library = library
        self.repo = GalleryRepo(library)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.share_dir: Path | None = None  # the export cache that dragged-out photos are written to (None: the user's)
        self.docid: int | None = None
        self.last_summary: QMessageBox | None = None  # the latest refusals dialog
        self.last_error: QMessageBox | None = None
        self._stack = QUndoStack(self)
        self._runner = CommandRunner(self._stack, self)
        self._runner.changed.connect(lambda _command: self.refresh())
        self._runner.failed.connect(self._show_error)
        self._jobs: list[tuple[int, list[Path], tuple[int, int] | None]] = []
        self._job: IngestThread | None = None
        self._job_place: tuple[int, int] | None = None  # where in the body the running job's files were dropped

        self.thumbnails = ThumbnailCache(library, self.cache_dir, parent=self)
        self.model = GalleryModel(self.thumbnails, self)
        self.model.on_edit = self.edit_item
        self.model.on_move = self.move_items
        self.model.on_share = self.shareable_files
        self.view = GalleryView()
        self.view.setModel(self.model)
        self.view.filesDropped.connect(self.add_files)
        self.view.removeRequested.connect(self.remove_selection)
        self.view.pasteRequested.connect(self.paste)
        self.view.zoomRequested.connect(lambda steps: self.zoom.setValue(self.zoom.value() + steps * ZOOM_STEP))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.editor = ItemEditor(cache_dir=self.cache_dir)
        self.editor.edited.connect(lambda item_id, field, value: self.edit_item(item_id, {field: value}))
        self.editor.framed.connect(self.set_focus)
        self.thumbnails.loaded.connect(self.editor.preview.photo_ready)

        self.toolbar = QToolBar()
        self.add_action = self._action(self.tr("Add photos…"), self.choose_files, QKeySequence("Ctrl+Shift+I"))
        self.credit_action = self._action(self.tr("Set credit…"), self.ask_credit)
        self.template_action = self._action(self.tr("Caption template…"), self.ask_template)
        self.remove_action = self._action(self.tr("Remove from story"), self.remove_selection)
        self.earlier_action = self._action(self.tr("Move earlier"), lambda: self.move_selection(-1),
                                           QKeySequence("Ctrl+Shift+Up"))  # fmt: skip
        self.later_action = self._action(self.tr("Move later"), lambda: self.move_selection(+1),
                                         QKeySequence("Ctrl+Shift+Down"))  # fmt: skip
        for action in (self.earlier_action, self.later_action):  # their keys act anywhere in the panel
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.captioning = CaptioningDesk(self)
        self.toolbar.addSeparator()
        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setRange(ZOOM_MIN, ZOOM_MAX)
        self.zoom.setSingleStep(ZOOM_STEP)
        self.zoom.setValue(160)
        self.zoom.setMaximumWidth(160)
        self.zoom.setToolTip(self.tr("Thumbnail size (Ctrl + wheel)"))
        self.zoom.setAccessibleName(self.tr("Thumbnail size"))
        self.zoom.valueChanged.connect(self.set_thumbnail_size)
        self.set_thumbnail_size(self.zoom.value())
        self.toolbar.addWidget(QLabel(self.tr("Size")))
        self.toolbar.addWidget(self.zoom)

        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("Adding photos: %v of %m"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_ingest)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress_row)
        self.set_article(None)

    # -- the article shown -----------------------------------------------------------------------
    def undoStack(self) -> QUndoStack:
        """The panel's undo stack (the main window adds it to its QUndoGroup)."""
        return self._stack

    def set_article(self, docid: int | None) -> None:
        """Shows the gallery of this article (None: nothing)."""
        if docid != self.docid:
            self._stack.clear()  # commands of another article must not be undone from here
        self.docid = docid
        self.setEnabled(docid is not None)
        self.refresh()

    def refresh(self) -> None:
        """Reloads the items from the library, keeping the selection and the current item."""
        selected = set(self.selected_ids())
        current = self.current_id()
        try:
            records = self.repo.items(self.docid) if self.docid is not None else []
        except NotFoundError:  # the article was deleted under us: show nothing rather than fail
            records = []
        self.model.set_records(records)
        selection = QItemSelection()
        for row, record in enumerate(self.model.records):
            if record.id in selected:
                selection.select(self.model.index(row), self.model.index(row))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().select(selection, flags)
        if current is not None and self.model.row_of(current) >= 0:
            self.view.selectionModel().setCurrentIndex(self.model.index(self.model.row_of(current)),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)  # fmt: skip
        self._show_current()
        self._update_actions()
        self.changed.emit()

    def selected_ids(self) -> list[int]:
        """The selected items, in story order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [self.model.record(r).id for r in rows if r < len(self.model.records)]

    def current_id(self) -> int | None:
        """The item whose fields the editor shows."""
        index = self.view.currentIndex()
        return self.model.record(index.row()).id if index.isValid() and index.row() < len(self.model.records) else None

    def start_captioning(self) -> None:
        """The current photo (the first when there is none) with its caption ready for typing."""
        if not self.view.currentIndex().isValid() and self.model.records:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.editor.caption.setFocus()
        self.editor.caption.selectAll()

    def set_thumbnail_size(self, size: int) -> None:
        """Zooms the thumbnails (64-320 px)."""
        size = max(ZOOM_MIN, min(ZOOM_MAX, size))
        if self.zoom.value() != size:
            self.zoom.setValue(size)
            return
        self.view.set_thumbnail_size(size)
        self.model.set_icon_size(size, self.view.gridSize() - QSize(6, 6))

    # -- changes, each an undoable command ---------------------------------------------------------
    def edit_item(self, item_id: int, fields: dict[str, str]) -> bool:
        """Changes fields of one item."""
        label = self.tr("Edit caption") if list(fields) == ["caption"] else self.tr("Edit photo")
        return self._run(EditItemsCommand(self.repo, self.docid, {item_id: fields}, label), label)

    def set_focus(self, item_id: int, point: dict) -> bool:
        """Sets an item's focal point (`{"focus_x": x, "focus_y": y}`; None and None: the centre)."""
        label = self.tr("Set focal point") if point.get("focus_x") is not None else self.tr("Clear focal point")
        return self._run(EditItemsCommand(self.repo, self.docid, {item_id: point}, label), label)

    def move_items(self, item_ids: list[int], before: int | None) -> bool:
        """Moves items, in their current order, in front of another item (None: to the end)."""
        order = [r.id for r in self.repo.items(self.docid)] if self.docid is not None else []  # the view may be ahead
        moving = [i for i in order if i in set(item_ids)]
        rest = [i for i in order if i not in set(item_ids)]
        at = rest.index(before) if before in rest else len(rest)
        new_order = rest[:at] + moving + rest[at:]
        if new_order == order:
            return False
        if self._run(ReorderCommand(self.repo, self.docid, new_order), self.tr("Reorder photos")):
            return True
        self.refresh()  # the view may have moved the rows already: show the library's order again
        return False

    def move_selection(self, step: int) -> bool:
        """Moves the selected photos one place earlier (-1) or later (+1) in the story."""
        rows = sorted(self.model.row_of(i) for i in self.selected_ids())
        if not rows:
            return False
        if step < 0:
            if rows[0] == 0:
                return False
            return self.model.move_ids(self.selected_ids(), rows[0] - 1)
        if rows[-1] >= len(self.model.records) - 1:
            return False
        return self.model.move_ids(self.selected_ids(), rows[-1] + 2)

    def set_credit_for_selection(self, credit: str) -> bool:
        """Gives every selected item this credit."""
        ids = self.selected_ids()
        return bool(ids) and self._run(set_credit(self.repo, self.docid, ids, credit), self.tr("Set credit"))

    def apply_template_to_selection(self, template: str) -> bool:
        """Captions the selected items from a template ({city} {date} {n} {total} {credit} {caption})."""
        ids = self.selected_ids()
        if not ids:
            return False
        try:
            command = caption_template(self.repo, self.docid, ids, template)
        except ValueError as exc:
            self._show_error(str(exc))
            return False
        return self._run(command, self.tr("Caption template"))

    def remove_selection(self) -> bool:
        """Takes the selected items out of the story (the photos stay in the library)."""
        ids = self.selected_ids()
        return bool(ids) and self._run(RemoveItemsCommand(self.repo, self.docid, ids), self.tr("Remove photos"))

    def ask_credit(self) -> None:
        """Asks for a credit and sets it on the selection."""
        first = (
            self.model.record(self.view.selectionModel().selectedIndexes()[0].row()).credit
            if self.selected_ids()
            else ""
        )
        credit, ok = QInputDialog.getText(
            self, self.tr("Set credit"), self.tr("Credit for the selected photos:"), text=first
        )
        if ok:
            self.set_credit_for_selection(credit.strip())

    def ask_template(self) -> None:
        """Asks for a caption template and applies it to the selection."""
        variables = " ".join("{" + v + "}" for v in VARIABLES)
        template, ok = QInputDialog.getText(self, self.tr("Caption template"),
                                            self.tr("Caption for the selected photos; variables: %1").replace("%1", variables),
                                            text="{city} {date} ({n}/{total}) {caption}")  # fmt: skip
        if ok:
            self.apply_template_to_selection(template)

    # -- photos coming in: always copies, the work off the UI thread ----------------------------------
    def choose_files(self) -> None:
        """Asks for files to add."""
        patterns = " ".join(f"*{ext}" for ext in NAMES)
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Photos (%1)").replace("%1", patterns)
        )
        self.add_files([Path(f) for f in files])

    def paste(self) -> None:
        """Adds the files on the clipboard (copied in a file manager)."""
        self.add_files(local_paths(QApplication.clipboard().mimeData()))

    def add_files(self, paths: list[Path], place: tuple[int, int] | None = None) -> None:
        """Copies files and folders into the library and into the story, in the background: at the end,
        or, for files dropped on block p of a body of P blocks (`place` = (p, P)), where that block
        puts them (`drop_position`)."""
        if self.docid is None or not paths:
            return
        self._jobs.append((self.docid, list(paths), place))
        if self._job is None:
            self._start_next()

    def ingest_running(self) -> bool:
        """Whether files are being added."""
        return self._job is not None

    def cancel_ingest(self) -> None:
        """Stops adding after the files in flight; queued drops are dropped."""
        self._jobs.clear()
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)

    def shutdown(self) -> None:
        """Cancels and waits for background work (before the window closes)."""
        self.cancel_ingest()
        if self._job is not None:
            self._job.wait()
        self.thumbnails.shutdown()

    def _start_next(self) -> None:
        docid, paths, self._job_place = self._jobs.pop(0)
        self._job = IngestThread(self.library, docid, paths, self.cache_dir, self)
        self._job.progressed.connect(self._on_progress)
        self._job.done.connect(self._on_ingest_done)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.progress_row.show()
        self._job.start()

    def _on_progress(self, done: int, total: int, _where: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_ingest_done(self, result) -> None:
        job, self._job = self._job, None
        job.wait()
        job.deleteLater()
        self.progress_row.hide()
        if isinstance(result, Exception):
            self._show_error(self.tr("The photos could not be added: %1").replace("%1", str(result)))
        else:
            self._after_ingest(job.docid, result, self._job_place)
        self.ingestFinished.emit(result)
        if self._jobs:
            self._start_next()

    def _after_ingest(self, docid: int, report: IngestReport, place: tuple[int, int] | None = None) -> None:
        if report.added and docid == self.docid:
            if place is not None and report.new_item_ids:
                new = set(report.new_item_ids)
                rest = [r.id for r in self.repo.items(docid) if r.id not in new]
                at = drop_position(*place, len(rest))
                self.repo.move(docid, report.new_item_ids, rest[at - 1] if at <= len(rest) else None)
            records = self.repo.get(report.new_item_ids)
            self._runner.run(AddItemsCommand(self.repo, docid, records), self.tr("Add %n photo(s)", "", len(records)))
        else:
            self.refresh()
        if report.refused:
            self._show_summary(report)

    def _show_summary(self, report: IngestReport) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were not added"),
                          self.tr("%1 added, %2 not added.").replace("%1", str(len(report.added)))
                          .replace("%2", str(len(report.refused))), QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setInformativeText("\n".join(f"{Path(p.where).name}: {p.reason}" for p in report.refused[:10]))
        box.setDetailedText("\n".join(f"{p.where}: {p.reason}" for p in report.refused))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_summary = box
        box.open()

    def shareable_files(self, records: list) -> list[Path]:
        """The web renditions of these items with their captions embedded, as files for another program
        (a photo whose file cannot be read is left out)."""
        from workstation.export.exporter import default_cache
        from workstation.export.images import shareable_file

        folder = self.share_dir if self.share_dir is not None else default_cache(self.library)
        paths = []
        for record in records:
            try:
                paths.append(shareable_file(self.library, record, folder))
            except (LibraryError, OSError) as exc:
                log.warning("photo %s not shared: %s", record.sha256[:12], exc)
        return paths

    # -- internals -------------------------------------------------------------------------------
    def _run(self, command, label: str) -> bool:
        if self.docid is None:
            return False
        return self._runner.run(command, label)

    def _show_current(self) -> None:
        index = self.view.currentIndex()
        self.editor.show_record(
            self.model.record(index.row()) if index.isValid() and index.row() < len(self.model.records) else None
        )

    def _update_actions(self) -> None:
        has_selection = bool(self.view.selectionModel().selectedIndexes())
        for action in (self.credit_action, self.template_action, self.remove_action, self.earlier_action,
                       self.later_action, *self.captioning.actions()):  # fmt: skip
            action.setEnabled(has_selection)

    def _action(self, text: str, slot, shortcut: QKeySequence | None = None) -> QAction:
        action = self.toolbar.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Gallery"), message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_error = box
        box.open()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
