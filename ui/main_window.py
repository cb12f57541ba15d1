"""The main window: section tree, article list and editor side by side, with menus, toolbar and status bar.

The window wires the panes together and to the undo group; what they do to the library is
done by core commands (through the CommandRunner) and by the editor's own saves.
"""

from __future__ import annotations

from collections.abc import Callable

import qtawesome as qta
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.articles.commands import MoveArticlesCommand
from workstation.library.store import Library
from workstation.photos.commands import CopyItemsCommand
from workstation.photos.gallery import GalleryRepo

from ui.about import AboutDialog
from ui.article_list import ArticleListModel
from ui.article_panel import ArticleListPanel
from ui.connection import ConnectionWatch, with_banner
from ui.editor import ArticleEditor
from ui.export_dialog import ExportDialog
from ui.i18n import LANGUAGE_NAMES, LANGUAGES
from ui.publish_dialog import PublishDialog
from ui.section_tree import SectionTreeModel, SectionTreeView
from ui.undo import CommandRunner
from ui.window_layout import restore_layout, save_layout


class MainWindow(QMainWindow):
    """Three panes in splitters: sections, articles, the open article (editor and photos)."""

    def __init__(self, library: Library, settings: QSettings, language: str,
                 on_language: Callable[[str], None] | None = None, parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.library, self.settings, self.language = library, settings, language
        self._on_language = on_language
        self.setWindowTitle(self.tr("Editorial Workstation"))

        self.undo_group = QUndoGroup(self)
        self.library_stack = QUndoStack(self.undo_group)
        self.undo_group.addStack(self.library_stack)
        self.undo_group.setActiveStack(self.library_stack)
        self.runner = CommandRunner(self.library_stack, self)
        self.runner.before_change = self._before_command
        self._docid_before_command: int | None = None
        self.runner.failed.connect(self._show_failure)

        self.connection = ConnectionWatch(library, self)  # whether the server can be reached; a banner when not
        self.tree_model = SectionTreeModel(library, self.runner, self)
        self.tree = SectionTreeView(library, self.tree_model, self)
        self.list_model = ArticleListModel(library, self.runner, parent=self, connection=self.connection)
        self.articles = ArticleListPanel(self.list_model, self)
        self.editor = ArticleEditor(library, self, connection=self.connection)
        self.editor.run_command = self.runner.run  # a restored revision is undone from the Edit menu
        self.editor_area = QTabWidget(self)
        self.editor_area.setDocumentMode(True)
        self.editor_area.addTab(self.editor, qta.icon("mdi6.file-document-edit-outline"), self.tr("Article"))
        # The photo panel and the preview are built the first time their tab is shown: their
        # imports would slow every start.
        self.gallery = None
        self.preview = None
        self.photos_tab = self._lazy_tab("mdi6.image-multiple-outline", self.tr("Photos"))
        self.preview_tab = self._lazy_tab("mdi6.eye-outline", self.tr("Preview"))
        self.editor_area.currentChanged.connect(self._tab_shown)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        for pane in (self.tree, self.articles, self.editor_area):
            self.splitter.addWidget(pane)
            self.splitter.setCollapsible(self.splitter.indexOf(pane), False)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([270, 430, 700])
        self.setCentralWidget(with_banner(self.splitter, self.connection))

        self._open_docid: int | None = None
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()

        self.tree.sectionSelected.connect(self._section_chosen)
        self.articles.currentArticleChanged.connect(self._article_chosen)
        self.articles.filesDropped.connect(self.add_photos)
        self.articles.photosDropped.connect(self.copy_photos)
        self.editor.body.filesDropped.connect(lambda paths, *place: self.add_photos(self._open_docid, paths, place))
        self.articles.selectionChanged.connect(self._update_actions)
        self.articles.menu_actions = [self.new_action, self.duplicate_action, self.move_action, self.trash_action,
                                      self.restore_action]  # fmt: skip
        self.articles.trash_button.toggled.connect(self.show_trash_action.setChecked)
        self.list_model.modelReset.connect(self._update_counts)
        self.list_model.modelReset.connect(self._update_actions)
        self.list_model.rowsInserted.connect(self._update_counts)
        self.tree_model.dataChanged.connect(self._update_counts)
        self.tree_model.layoutChanged.connect(self._update_counts)
        # Connected after the models: by now the list has dropped an article that left it.
        self.runner.changed.connect(self._command_done)
        self.editor.dirtyChanged.connect(self._show_save_state)
        self.editor.saved.connect(self._article_saved)
        QApplication.instance().focusChanged.connect(self._focus_changed)

        self._restore_state()
        self._article_chosen(self._open_docid)  # none open: the state says why
        self._update_actions()

    # -- building ----------------------------------------------------------------------------------
    def _action(self, icon: str | None, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if icon:
            # Arrows that point back in time point the other way when the layout runs right to left.
            flip = self.layoutDirection() == Qt.LayoutDirection.RightToLeft and icon in ("mdi6.undo", "mdi6.redo")
            action.setIcon(qta.icon(icon, hflip=flip))
        if shortcut is not None:
            action.setShortcut(shortcut)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("mdi6.file-document-plus-outline", self.tr("&New article"), self.new_article,
                                       QKeySequence.StandardKey.New)  # fmt: skip
        self.export_action = self._action("mdi6.export", self.tr("&Export…"), self.export, QKeySequence("Ctrl+E"))
        self.publish_action = self._action("mdi6.cloud-upload-outline", self.tr("&Publish…"), self.publish,
                                           QKeySequence("Ctrl+Shift+P"))  # fmt: skip
        self.quit_action = self._action("mdi6.exit-to-app", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.undo_action.setIcon(qta.icon("mdi6.undo", hflip=rtl))
        self.redo_action.setIcon(qta.icon("mdi6.redo", hflip=rtl))
        # Find and replace are the editor's own actions; their keys work from anywhere in the window
        # and bring the article tab forward.
        self.find_actions = [self.editor.actions["find"], self.editor.actions["replace"]]
        for action in self.find_actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.editor.showRequested.connect(lambda: self.editor_area.setCurrentWidget(self.editor))
        self.search_action = self._action("mdi6.text-search", self.tr("&Search the library"), self.articles.search_everywhere,
                                          QKeySequence("Ctrl+Shift+F"))  # fmt: skip
        self.move_action = self._action("mdi6.folder-move-outline", self.tr("&Move to section…"), self.move_selected,
                                        QKeySequence("Ctrl+Shift+M"))  # fmt: skip
        self.duplicate_action = self._action("mdi6.content-duplicate", self.tr("D&uplicate article"), self.duplicate,
                                             QKeySequence("Ctrl+D"))  # fmt: skip
        self.trash_action = self._action("mdi6.delete-outline", self.tr("&Delete (move to trash)"), self.trash_selected,
                                         QKeySequence(Qt.Key.Key_Delete))  # fmt: skip
        # (Not StandardKey.Delete: on X11 it also binds Ctrl+D, which is Duplicate.)
        # Delete means "delete a character" in the editor: the shortcut only acts in the list.
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.articles.table.addAction(self.trash_action)
        self.restore_action = self._action("mdi6.delete-restore", self.tr("R&estore from trash"), self.restore_selected)
        self.show_trash_action = self._action("mdi6.trash-can-outline", self.tr("Show &trash"), None)
        self.show_trash_action.setCheckable(True)
        self.show_trash_action.toggled.connect(self.articles.trash_button.setChecked)
        self.about_action = self._action("mdi6.information-outline", self.tr("&About"), self.about)
        self.captioning_action = self._action("mdi6.image-edit-outline", self.tr("&Captioning mode"),
                                              lambda: self.set_captioning_mode(self.captioning_action.isChecked()),
                                              QKeySequence("Ctrl+Shift+K"))  # fmt: skip
        self.captioning_action.setCheckable(True)
        self.shortcuts_action = self._action("mdi6.keyboard-outline", self.tr("&Code replacements…"),
                                             self.edit_shortcuts)  # fmt: skip
        self.language_actions = QActionGroup(self)
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self.language_actions)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.setData(code)
        self.language_actions.triggered.connect(lambda action: self.choose_language(action.data()))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.export_action, self.publish_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([*self.find_actions, self.search_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.duplicate_action, self.move_action, self.trash_action, self.restore_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.shortcuts_action)
        edit_menu.addSeparator()
        edit_menu.addActions([self.tree.add_action, self.tree.add_child_action, self.tree.rename_action,
                              self.tree.delete_action])  # fmt: skip
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.show_trash_action)
        view_menu.addAction(self.captioning_action)
        language_menu = view_menu.addMenu(qta.icon("mdi6.translate"), self.tr("&Language"))
        language_menu.addActions(self.language_actions.actions())
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.duplicate_action, self.trash_action, self.restore_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.find_actions[0], self.export_action, self.publish_action])

    def _build_status_bar(self) -> None:
        where = str(self.library.path) if self.library.path is not None else self.library.display_url
        self.path_label = QLabel(where, self)
        self.path_label.setToolTip(where)
        # A path reads left to right, but sits at the reading start of the status bar: absolute alignment,
        # as QLabel would otherwise align by the text's own direction.
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        self.path_label.setAlignment(Qt.AlignmentFlag.AlignAbsolute | start | Qt.AlignmentFlag.AlignVCenter)
        self.counts_label, self.save_label = QLabel(self), QLabel(self)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.save_label)
        self._show_save_state(False)

    # -- state kept between runs -------------------------------------------------------------------------
    def _restore_state(self) -> None:
        restore_layout(self, self.settings)
        # Back where the editor left off; else the first section with articles, and its newest article.
        section = self.settings.value("library/section")
        if not self.tree.select(section):
            slugs = [slug for slug, _name, _depth in self.tree_model.sections()]
            filled = [slug for slug in slugs if self.tree_model.count(slug)]
            self.tree.select((filled or slugs or [None])[0])
        article = self.settings.value("library/article")
        if article is None and self.list_model.rowCount():
            article = self.list_model.docid(0)
        try:
            docid = int(article)
        except (TypeError, ValueError):
            return
        # Opened once the window is on screen: the window does not wait for the editor to lay the article out.
        QTimer.singleShot(0, self, lambda: self.articles.select(docid))

    def save_state(self) -> None:
        """Remembers geometry, panes and the open section and article."""
        save_layout(self, self.settings)
        self.settings.setValue("library/section", self.tree.current_slug() or "")
        if self._open_docid is not None:
            self.settings.setValue("library/article", self._open_docid)
        else:
            self.settings.remove("library/article")
        self.settings.sync()

    # -- panes talking to each other ------------------------------------------------------------------
    def _section_chosen(self, slug: str | None) -> None:
        self.list_model.set_section(slug)

    def _article_chosen(self, docid: int | None) -> None:
        if docid == self._open_docid and docid is not None:  # none again: the list may say why in other words
            return
        saved = self._save_open_article()
        if saved and self._open(docid):
            return
        # The open article could not be saved (or the chosen one read: the server is away): it stays open.
        QTimer.singleShot(0, lambda previous=self._open_docid: self.articles.select(previous))
        if not saved:
            self.statusBar().showMessage(self.tr("The open article could not be saved; it stays open."), 8000)

    def _open(self, docid: int | None) -> bool:  # False: the article could not be read and the open one stays
        if not self.editor.load(docid) and self.editor.current_docid() is not None:
            return False
        if docid is None:
            self.editor.state_label.setText(self.articles.empty_reason())
        self._open_docid = docid = self.editor.current_docid()  # none when the chosen one could not be read
        if self.gallery is not None:
            self.gallery.set_article(docid)
        if self.preview is not None and self.editor_area.currentWidget() is self.preview_tab:
            self.preview.show_article(docid)
        self._use_editor_stack()
        self._update_actions()
        return True

    def _lazy_tab(self, icon: str, title: str) -> QWidget:
        tab = QWidget(self)
        QVBoxLayout(tab).setContentsMargins(0, 0, 0, 0)
        self.editor_area.addTab(tab, qta.icon(icon), title)
        return tab

    def _tab_shown(self, index: int) -> None:
        tab = self.editor_area.widget(index)
        if tab is self.photos_tab and self.gallery is None:
            from ui.gallery import GalleryPanel

            self.gallery = GalleryPanel(self.library, self.photos_tab)
            self.photos_tab.layout().addWidget(self.gallery)
            self.editor.writing.watch_caption(self.gallery.editor.caption)
            self.gallery.set_article(self._open_docid)
        elif tab is self.preview_tab:
            self._save_open_article()  # the preview shows what is in the editor now
            if self.preview is None:
                from ui.preview import ArticlePreview

                self.preview = ArticlePreview(self.library, self.preview_tab)
                self.preview_tab.layout().addWidget(self.preview)
            self.preview.show_article(self._open_docid)

    def add_photos(self, docid: int, paths: list, place: tuple[int, int] | None = None) -> None:
        """Copies files into the gallery: at the end (dropped on the list), or as `place` in the body says."""
        if docid != self._open_docid:
            self.articles.select(docid)
            if self._open_docid != docid:
                return  # the open article could not be saved; it stays open
        if place is None:
            self.editor_area.setCurrentWidget(self.photos_tab)
        self._tab_shown(self.editor_area.indexOf(self.photos_tab))  # builds the panel; the body may stay on screen
        self.gallery.add_files(paths, place)

    def copy_photos(self, docid: int, item_ids: list) -> bool:
        """Copies photos dragged out of a story's gallery to the end of another article's (undoable)."""
        repo = GalleryRepo(self.library)
        moving = [r.id for r in repo.get(item_ids) if r.docid != docid]
        if not moving:
            return False  # dropped back on their own story
        done = self.runner.run(CopyItemsCommand(repo, docid, moving), self.tr("Copy %n photo(s)", "", len(moving)))
        if done and self.gallery is not None and self.gallery.docid == docid:
            self.gallery.refresh()
        return done

    def _before_command(self) -> bool:
        self._docid_before_command = self._open_docid
        return self._save_open_article()

    def _save_open_article(self) -> bool:  # False if what the editor holds could not be saved
        return bool(self.editor.flush())

    def _command_done(self, command) -> None:
        """Shows the open article again if a command changed its version (a move, a restore); an article
        moved to another section is followed there."""
        docid = self._open_docid
        if docid is not None and docid in getattr(command, "touched", ()):
            self.editor.load(None)
            self.editor.load(docid)
        was_open = self._docid_before_command
        if isinstance(command, MoveArticlesCommand) and was_open in command.origins and not self.list_model.trash:
            QTimer.singleShot(0, self, lambda: self._follow(was_open))
        self._update_actions()

    def _follow(self, docid: int) -> None:
        """Shows the section an article is filed in, with the article open."""
        if not (self.list_model.filter_text and not self.articles.section_only()):
            self.tree.select(self.list_model.section_of(docid))
        self.articles.select(docid)

    def _article_saved(self, docid: int) -> None:
        self.list_model.refresh(docid)
        self.tree_model.reload()
        self._show_save_state(False)

    def _show_save_state(self, dirty: bool) -> None:
        self.save_label.setText(self.tr("Unsaved changes") if dirty else self.tr("All changes saved"))

    def _update_counts(self, *_args) -> None:
        sections = len(self.tree_model.sections())
        articles = self.tree_model.total_articles()
        text = self.tr("%n section(s)", "", sections) + " · " + self.tr("%n article(s)", "", articles)
        if self.list_model.trash:
            text += " · " + self.tr("%n in the trash", "", self.list_model.total)
        elif self.list_model.filter_text:
            text += " · " + self.tr("%n found", "", self.list_model.total)
        elif self.list_model.section is not None:
            text += " · " + self.tr("%n in this section", "", self.list_model.total)
        self.counts_label.setText(text)

    def _update_actions(self, *_args) -> None:
        selected = bool(self.articles.selected_docids())
        trash = self.list_model.trash
        self.new_action.setEnabled(self.list_model.section is not None and not trash)
        self.duplicate_action.setEnabled(selected and not trash)
        self.trash_action.setEnabled(selected and not trash)
        self.move_action.setEnabled(selected and not trash)
        self.restore_action.setEnabled(selected and trash)

    # -- undo: the library's stack, or the open article's when the editor has the focus -------------------
    def _use_editor_stack(self) -> None:
        stack = self.editor.undoStack()
        if stack not in self.undo_group.stacks():
            self.undo_group.addStack(stack)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isVisible() or not self.isAncestorOf(new):
            return
        if new is self.editor or self.editor.isAncestorOf(new):
            self._use_editor_stack()
            self.undo_group.setActiveStack(self.editor.undoStack())
        elif self.gallery is not None and self.gallery.isAncestorOf(new):
            stack = self.gallery.undoStack()
            if stack not in self.undo_group.stacks():
                self.undo_group.addStack(stack)
            self.undo_group.setActiveStack(stack)
        else:
            self.undo_group.setActiveStack(self.library_stack)

    # -- actions --------------------------------------------------------------------------------------
    def new_article(self) -> None:
        """Creates a draft in the chosen section and opens it."""
        docid = self.list_model.new_article()
        if docid is not None and self.articles.select(docid):
            self.editor_area.setCurrentWidget(self.editor)
            self.editor.fields.headline.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def duplicate(self) -> None:
        """Copies the current article as a new draft and opens the copy."""
        docid = self.articles.current_docid()
        if docid is not None:
            copy = self.list_model.duplicate(docid)
            if copy is not None:
                self.articles.select(copy)

    def trash_selected(self) -> None:
        """Moves the selected articles to the trash."""
        self.list_model.trash_articles(self.articles.selected_docids())

    def move_selected(self) -> None:
        """Asks for a section and files the selected articles there."""
        self.articles.move_selected(self.tree_model.sections(), self.tree.current_slug())

    def restore_selected(self) -> None:
        """Takes the selected articles out of the trash."""
        self.list_model.restore_articles(self.articles.selected_docids())

    def export(self) -> None:
        """Opens the export dialog."""
        self._save_open_article()
        section = None if self.list_model.trash else self.tree.current_slug()
        ExportDialog(self.library, self, section=section, docid=self._open_docid).exec()

    def publish(self) -> None:
        """Opens the publish dialog."""
        self._save_open_article()
        PublishDialog(self.library, self.settings, self).exec()

    def set_captioning_mode(self, on: bool) -> None:
        """The open story's photos take the whole window (on), or the three panes come back (off)."""
        self.captioning_action.setChecked(on)
        self.tree.setVisible(not on)
        self.articles.setVisible(not on)
        if on:
            self.editor_area.setCurrentWidget(self.photos_tab)
            self.gallery.start_captioning()

    def edit_shortcuts(self) -> None:
        """Opens the manager of the newsroom's code replacements."""
        from workstation.shortcuts.codes import ShortcutRepo

        from ui.shortcuts.dialog import ShortcutsDialog

        ShortcutsDialog(ShortcutRepo(self.library), self).exec()

    def about(self) -> None:
        """Shows what the app is and who made it."""
        AboutDialog(self).exec()

    def choose_language(self, language: str) -> None:
        """Switches the interface language (the composition root rebuilds the window in it)."""
        if language == self.language or self._on_language is None:
            return
        if not self._save_open_article():
            self._show_failure(self.tr("The open article could not be saved; the language was not changed."))
            return
        self._on_language(language)

    def _show_failure(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Editorial Workstation"), message)

    # -- closing --------------------------------------------------------------------------------------
    def on_crash(self) -> bool:
        """Saves the open article after an unexpected error; False if it could not."""
        return self._save_open_article()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._save_open_article():
            answer = QMessageBox.question(self, self.tr("Editorial Workstation"),
                self.tr("The open article could not be saved. Close anyway and lose the unsaved changes?"))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.gallery is not None:
            self.gallery.shutdown()
        self.save_state()
        self.connection.close()
        event.accept()
