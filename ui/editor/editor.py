"""ArticleEditor: one article's fields, body and related articles, saved so that nothing is ever lost.

Edits reach the store on their own: AUTOSAVE_IDLE_MS after typing stops, and at the
latest AUTOSAVE_MAX_WAIT_MS after the first unsaved edit even while typing goes on
(so a kill -9 loses at most the last two seconds). Switching articles and closing
flush. Autosaves keep no revision; an explicit save (Ctrl+S) and a status change do.
A save refused because someone else saved first (ConflictError) asks what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from workstation.articles.commands import Command
from workstation.articles.repo import ArticleRecord, ArticleRepo
from workstation.body.blocks import parse_body
from workstation.body.dateline import format_dateline, to_site_time
from workstation.body.stats import count_characters, count_words, reading_minutes
from workstation.clock import DEFAULT_TIMEZONE
from workstation.errors import ConflictError, LibraryError, NotFoundError
from workstation.library.outage import is_unreachable
from workstation.library.store import Library
from workstation.library.urls import driver_reason

from ui.connection import ConnectionWatch
from ui.editor.actions import EditorActions, ask_link
from ui.editor.body_edit import BodyEdit
from ui.editor.checking import EditorChecks, WritingChecks
from ui.editor.checks_pane import ChecksPane
from ui.editor.conflict import ConflictDialog
from ui.editor.fields import TEXT_FIELDS, ArticleFields
from ui.editor.find_bar import FindBar
from ui.editor.history import RevisionHistoryDialog, ask_restore
from ui.editor.related import RelatedPanel, SearchFunction, library_search

AUTOSAVE_IDLE_MS = 1000
AUTOSAVE_MAX_WAIT_MS = 1500
RETRY_MS = 5000
WORD_COUNT_DELAY_MS = 400
_SAVE_ERRORS = (SQLAlchemyError, LibraryError, OSError, ValueError)


class ArticleEditor(QWidget):
    """Edits one article at a time. See the module docstring for how and when it saves."""

    saved = Signal(int)
    dirtyChanged = Signal(bool)
    showRequested = Signal()  # find or replace was asked for: the editor must be on screen

    def __init__(self, library: Library, parent=None, search: SearchFunction | None = None,
                 checks: WritingChecks | None = None, connection: ConnectionWatch | None = None):  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._repo = ArticleRepo(library)
        self._connection = connection  # told of each failed save; the server back: what waited is saved
        if connection is not None:
            connection.restored.connect(self.flush)
        # Runs an undoable core command (the window's CommandRunner.run); None: applied directly.
        self.run_command: Callable[[Command, str], bool] | None = None
        try:
            self._tz = library.setting("timezone")
        except KeyError:
            self._tz = DEFAULT_TIMEZONE
        self._record: ArticleRecord | None = None
        self._dirty: set[str] = set()
        self._loading = self._saving = False
        self._revision_asked = False  # a save keeping a revision did not land yet: the next save keeps one

        self.fields = ArticleFields(self._tz)
        self.body = BodyEdit()
        self.body.setAccessibleName(self.tr("Article body"))
        self.find_bar = FindBar(self.body)
        self.related = RelatedPanel(search or library_search(library))
        self.actions = EditorActions(self, self.body)
        self.dateline_preview = QLabel(objectName="dateline_preview")
        self.dateline_preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.dateline_preview.setToolTip(self.tr("The dateline as it opens the first paragraph"))
        self.words_label = QLabel()
        self.state_label = QLabel()
        self.checks_pane = ChecksPane()
        self.writing = EditorChecks(checks or WritingChecks(library, self), self.body,
                                    {"headline": self.fields.headline, "subtitle": self.fields.subheadline},
                                    self._story_parts, self.checks_pane, self)  # fmt: skip
        self.writing.targets["dateline"] = self.fields.dateline_city
        self._build_layout()

        self._idle = QTimer(self, singleShot=True, interval=AUTOSAVE_IDLE_MS)
        self._deadline = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_WAIT_MS)
        self._idle.timeout.connect(self.autosave)
        self._deadline.timeout.connect(self.autosave)
        self._word_timer = QTimer(self, singleShot=True, interval=WORD_COUNT_DELAY_MS)
        self._word_timer.timeout.connect(self._count_words)

        self.body.textChanged.connect(lambda: self._edited("body"))
        self.body.currentCharFormatChanged.connect(self._show_format)
        self.fields.edited.connect(self._edited)
        self.fields.statusChosen.connect(self.set_status)
        self.related.changed.connect(lambda: self._edited("related"))
        self._connect_actions()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self._show(None)

    def _build_layout(self) -> None:
        body_box = QWidget()
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.actions.toolbar(self))
        body_layout.addWidget(self.dateline_preview)
        body_layout.addWidget(self.body, 1)
        body_layout.addWidget(self.find_bar)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, objectName="editor-panes")
        splitter.addWidget(body_box)
        # Related articles and the writing checks share one panel under the body, a tab each, so the body
        # keeps most of the height.
        self.side_tabs = QTabWidget(objectName="editor-side-tabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.related, self.tr("Related articles"))
        self.side_tabs.addTab(self.checks_pane, self.tr("Checks"))
        splitter.addWidget(self.side_tabs)
        self.writing.findingsChanged.connect(
            lambda found: self.side_tabs.setTabText(1, self.tr("Checks ({count})").format(count=len(found)))
        )
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([600, 150])
        status = QHBoxLayout()
        status.addWidget(self.words_label)
        status.addStretch()
        status.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(4)
        layout.addWidget(self.fields)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)

    def _connect_actions(self) -> None:
        a, body = self.actions, self.body
        a["bold"].triggered.connect(body.toggle_strong)
        a["italic"].triggered.connect(body.toggle_em)
        a["link"].triggered.connect(self.ask_link)
        a["paragraph"].triggered.connect(lambda: body.set_block_kind("p"))
        a["h2"].triggered.connect(lambda: body.set_block_kind("h2"))
        a["h3"].triggered.connect(lambda: body.set_block_kind("h3"))
        a["bullets"].triggered.connect(lambda: body.toggle_list("ul"))
        a["numbers"].triggered.connect(lambda: body.toggle_list("ol"))
        a["quote"].triggered.connect(body.toggle_quote)
        a["save"].triggered.connect(self.save_revision)
        a["find"].triggered.connect(lambda: self.open_find(replace=False))
        a["replace"].triggered.connect(lambda: self.open_find(replace=True))
        a["find_next"].triggered.connect(lambda: self.find_bar.find_next())
        a["find_previous"].triggered.connect(lambda: self.find_bar.find_next(backward=True))
        a["history"].triggered.connect(self.show_history)
        body.linkRequested.connect(self.ask_link)

    def _story_parts(self) -> dict[str, Any]:
        city, when, agency = self.fields.dateline_parts()
        captions: tuple[str, ...] = ()
        if self._record is not None and (self._connection is None or not self._connection.down):
            from workstation.photos.gallery import GalleryRepo

            try:
                captions = tuple(item.caption for item in GalleryRepo(self._library).items(self._record.docid))
            except SQLAlchemyError as exc:  # the server away: the captions are checked once it is back
                if self._connection is None or not self._connection.failed(exc):
                    raise
        return {"dateline_city": city, "dateline_at": when, "dateline_agency": agency, "captions": captions,
                "timezone": self._tz}  # fmt: skip

    # -- the interface the main window uses ----------------------------------------------------
    def current_docid(self) -> int | None:
        """The document id of the article being edited, or None."""
        return self._record.docid if self._record else None

    def current_record(self):
        """The article as it was loaded or last saved here (its version is this editor's base), or None."""
        return self._record

    def undoStack(self):  # noqa: N802 (named as Qt names it, for QUndoGroup.addStack)
        """The QUndoStack of the body's edits (mirroring the text document's own undo)."""
        return self.body.undo_stack

    def open_find(self, replace: bool = False) -> None:
        """Opens the find (and replace) bar, asking first to be shown."""
        self.showRequested.emit()
        self.find_bar.show_find(replace=replace)

    def set_details_shown(self, shown: bool) -> None:
        """Unfolds or folds the fields under the headline."""
        self.fields.set_details_shown(shown)

    def details_shown(self) -> bool:
        """Whether the fields under the headline are unfolded."""
        return self.fields.details_shown()

    def is_dirty(self) -> bool:
        """Whether there are edits not yet in the store."""
        return bool(self._dirty)

    def load(self, docid: int | None) -> bool:
        """Saves pending edits, then shows article `docid` (None: no article). False if the switch was refused."""
        if self._record is not None and docid == self._record.docid:
            return True
        if not self.flush():
            return False
        if docid is None:
            self._show(None)
            return True
        try:
            record = self._repo.get(docid)
        except NotFoundError as exc:
            self._show(None)
            self.state_label.setText(str(exc))
            return False
        except SQLAlchemyError as exc:  # the server away: the open article stays, with what was typed in it
            if self._connection is None or not self._connection.failed(exc):
                raise
            return False
        self._show(record)
        return True

    def flush(self) -> bool:
        """Saves pending edits now (no revision); False if they could not be saved."""
        return self._save(keep_revision=False)

    def autosave(self) -> None:
        """Saves pending edits without keeping a revision (the timers call this)."""
        self._save(keep_revision=False)

    def save_revision(self) -> bool:
        """Saves and keeps a revision (Ctrl+S), unless the current version already is one."""
        if self._record is None:
            return False
        if not self._dirty:
            revisions = self._repo.revisions(self._record.docid)
            if revisions and revisions[-1].version == self._record.version:
                self.state_label.setText(self.tr("Already saved as a revision"))
                return True
        return self._save(keep_revision=True)

    def set_status(self, status: str) -> bool:
        """Moves the article to draft, ready or published, saving it with a revision."""
        if self._record is None:
            return False
        self.fields.set_status(status)
        self._dirty.add("status")
        return self._save(keep_revision=True)

    # -- showing -------------------------------------------------------------------------------
    def _show(self, record: ArticleRecord | None) -> None:
        self._loading = True
        try:
            self._stop_timers()
            self._record, self._revision_asked = record, False
            was_dirty, self._dirty = bool(self._dirty), set()
            self.fields.set_record(record)
            self.body.set_blocks(parse_body(record.body) if record else [])
            self.writing.attach(record is not None)
            self.related.set_items(record.docid if record else None, self._related_items(record))
            editable = record is not None and record.trashed_at is None
            self.body.setReadOnly(not editable)
            self.fields.set_read_only(not editable)
            self.related.set_read_only(not editable)
            self.actions.set_enabled(editable, record is not None)
            self.setEnabled(record is not None)
            self.find_bar.highlight()
            self._show_dateline()
            self.words_label.clear()
            self._word_timer.start()  # counting a long article waits until the switch is done
            if record is None:
                self.state_label.clear()
            elif record.trashed_at is not None:
                self.state_label.setText(self.tr("In the trash: restore it to edit"))
            else:
                self._show_saved_at(record)
        finally:
            self._loading = False
        if was_dirty:
            self.dirtyChanged.emit(False)

    def _related_items(self, record: ArticleRecord | None) -> list[tuple[int, str]]:
        items = []
        for other in record.related if record else ():
            try:
                items.append((other, self._repo.get(other).headline))
            except NotFoundError:
                continue
        return items

    def _show_dateline(self) -> None:
        city, when, agency = self.fields.dateline_parts()
        text = format_dateline(city, when, agency, self._tz)
        self.dateline_preview.setText(text or self.tr("(no dateline)"))
        self.dateline_preview.setStyleSheet("font-weight: bold;" if text else "color: gray;")

    def _show_saved_at(self, record: ArticleRecord) -> None:
        when = to_site_time(record.updated_at, self._tz).strftime("%H:%M:%S")
        self.state_label.setText(self.tr("Saved {time} · version {version}").format(time=when, version=record.version))

    def _count_words(self) -> None:
        text = self.body.document().toPlainText()
        words = count_words(text)
        minutes = reading_minutes(words)
        self.words_label.setText(self.tr("{words} words · {characters} characters · {minutes} min read")
                                 .format(words=words, characters=count_characters(text), minutes=minutes))  # fmt: skip

    def _show_format(self, fmt) -> None:
        self.actions["bold"].setChecked(self.body.is_strong())
        self.actions["italic"].setChecked(fmt.fontItalic())

    # -- editing --------------------------------------------------------------------------------
    def _edited(self, field: str) -> None:
        if self._loading or self._record is None:
            return
        if field in ("dateline_city", "dateline_at", "dateline_agency"):
            self._show_dateline()
        if field == "body":
            self._word_timer.start()
        was_dirty = bool(self._dirty)
        self._dirty.add(field)
        self._idle.start()
        if not self._deadline.isActive():
            self._deadline.start()
        if not was_dirty:
            self.state_label.setText(self.tr("Editing…"))
            self.dirtyChanged.emit(True)

    def ask_link(self) -> None:
        """Asks for a link address for the selection (empty removes the link)."""
        ask_link(self, self.body)

    # -- saving ---------------------------------------------------------------------------------
    def _stop_timers(self) -> None:
        self._idle.stop()
        self._deadline.stop()

    def _value(self, name: str) -> Any:
        if name == "body":
            return self.body.body_html()
        if name == "related":
            return self.related.related_ids()
        return self.fields.value(name)

    def _values(self, names) -> dict[str, Any]:
        return {name: self._value(name) for name in names}

    def _all_values(self) -> dict[str, Any]:
        return self._values((*TEXT_FIELDS, "dateline_at", "status", "body", "related"))

    def _save(self, keep_revision: bool) -> bool:
        if self._record is None or self._saving:
            return not self._dirty
        if not self._dirty and not keep_revision and not self._revision_asked:
            return True
        self._stop_timers()
        if self._connection is not None and self._connection.down and not keep_revision:
            self.state_label.setText(self._not_saved(None))  # tried again when the server is back
            return False
        self._revision_asked = keep_revision = keep_revision or self._revision_asked
        self._saving = True
        try:
            record = self._write(keep_revision)
        except ConflictError:
            record = None
        except NotFoundError as exc:
            self.state_label.setText(str(exc))
            return False
        except _SAVE_ERRORS as exc:
            # the edits stay in the editor and are tried again; a full disk, a locked file or a server away passes
            self.state_label.setText(self._not_saved(exc))
            if self._connection is None or not self._connection.down:
                self._idle.start(RETRY_MS)
            return False
        finally:
            self._saving = False
        if record is None:
            return self._resolve_conflict()
        self._saved(record)
        if self._connection is not None:  # only now: what waited for the server goes after this save, not with it
            self._connection.succeeded()
        return True

    def _write(self, keep_revision: bool) -> ArticleRecord:
        changes = self._values(sorted(self._dirty))
        try:
            return self._repo.save(self._record.docid, self._record.version, keep_revision=keep_revision, **changes)
        except ConflictError:
            if not self._rebase():
                raise
            return self._repo.save(self._record.docid, self._record.version, keep_revision=keep_revision, **changes)

    def _rebase(self) -> bool:
        """Takes on the library's newer version when it differs from ours only where the editor writes
        nothing (the article was moved to another section); False when its text changed."""
        theirs = self._repo.get(self._record.docid)
        ours = self._record.snapshot()
        if {**theirs.snapshot(), "section": ours["section"]} != ours:
            return False
        self._record = theirs
        return True

    def _saved(self, record: ArticleRecord) -> None:
        self._record, self._revision_asked = record, False
        was_dirty, self._dirty = bool(self._dirty), set()
        self.fields.set_status(record.status)
        self._show_saved_at(record)
        if was_dirty:
            self.dirtyChanged.emit(False)
        self.saved.emit(record.docid)

    def _resolve_conflict(self) -> bool:
        """Someone else saved first: keep mine (theirs kept as a revision), take theirs, or decide later."""
        self._saving = True  # no autosave or flush while the question is open
        try:
            if self._connection is not None:
                self._connection.succeeded()  # the server answered (a flush it sets off waits: still saving)
            while True:
                docid = self._record.docid
                theirs = self._repo.get(docid)
                mine = self._all_values()
                snapshot = dict(mine, dateline_at=mine["dateline_at"].isoformat() if mine["dateline_at"] else None)
                dialog = ConflictDialog(docid, snapshot, theirs.snapshot(), self)
                dialog.exec()
                if dialog.choice == "theirs":
                    self._show(theirs)
                    self.saved.emit(docid)
                    return True
                if dialog.choice != "mine":
                    self.state_label.setText(self.tr("Not saved: the article was changed by someone else"))
                    return False
                try:
                    current = theirs
                    revisions = self._repo.revisions(docid)
                    if not revisions or revisions[-1].version != theirs.version:
                        current = self._repo.save(docid, theirs.version, keep_revision=True)  # theirs stays in history
                    record = self._repo.save(docid, current.version, keep_revision=True, **mine)
                except ConflictError:
                    continue  # yet another writer meanwhile: ask again with their newest text
                self._saved(record)
                return True
        except (NotFoundError, *_SAVE_ERRORS) as exc:
            self.state_label.setText(str(exc) if isinstance(exc, NotFoundError) else self._not_saved(exc))
            return False
        finally:
            self._saving = False

    def _not_saved(self, exc: Exception | None) -> str:
        """Why the edits are not in the library yet, in one sentence (None: the server is known to be away)."""
        if exc is None or (self._connection.failed(exc) if self._connection is not None else is_unreachable(exc)):
            return self.tr("Not saved yet: the library cannot be reached; your text is kept.")
        return self.tr("Not saved: {reason}").format(reason=driver_reason(exc))

    # -- revisions ------------------------------------------------------------------------------
    def show_history(self) -> None:
        """Opens the revision history of the article."""
        if self._record is None:
            return
        dialog = RevisionHistoryDialog(self._repo.revisions(self._record.docid), self._tz, self.restore_revision, self)
        dialog.exec()

    def restore_revision(self, revision_id: int) -> bool:
        """Shows what restoring a kept revision would change and, if the user agrees, restores it (undoable:
        through `run_command` when the window gives one); the text it replaces is kept as a revision first."""
        if self._record is None or not self.save_revision():
            return False
        docid = self._record.docid
        asked = ask_restore(self, self._library, docid, revision_id)
        if asked is None:
            return False
        command, label = asked
        if self.run_command is not None:
            return self.run_command(command, label)
        try:
            command.apply()
        except (ConflictError, NotFoundError) as exc:
            QMessageBox.warning(self, self.tr("Revision history"), str(exc))
            return False
        record = self._repo.get(docid)
        self._show(record)
        self.saved.emit(docid)
        return True

    def closeEvent(self, event) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)
