"""Smoke tests of the main window, run in Arabic (right to left) and in English (left to right)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from workstation.articles.repo import ArticleRepo
from workstation.library.store import open_library
from workstation.paths import AppPaths
from workstation.search import vocabulary
from workstation.search.query import search

from ui.app import EXIT_FAILED, Workstation, start_app


def _x(widget, window):
    return widget.mapTo(window, widget.rect().center()).x()


def test_layout_follows_the_language(main_window):
    window = main_window
    rtl = window.language == "ar"
    assert window.layoutDirection() == (Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    assert QApplication.layoutDirection() == window.layoutDirection()
    # the section tree opens the reading direction: on the right in Arabic, on the left in English
    tree, articles, editor = _x(window.tree, window), _x(window.articles, window), _x(window.editor_area, window)
    assert (tree > articles > editor) if rtl else (tree < articles < editor)
    titles = [a.text() for a in window.menuBar().actions()]
    # every menu has an access key in both languages
    assert titles == (["&ملف", "&تحرير", "&عرض", "م&ساعدة"] if rtl else ["&File", "&Edit", "&View", "&Help"])
    assert window.tree.current_slug() == "home"
    assert window.counts_label.text()


def test_an_empty_library_says_what_to_do_from_the_start(main_window, qtbot):
    assert main_window.editor.current_docid() is None
    said = main_window.editor.state_label.text()
    assert said == main_window.articles.empty_reason() and "Ctrl+N" in said
    main_window.tree.select("economy")  # another empty section: still said
    assert main_window.editor.state_label.text() == main_window.articles.empty_reason() != ""


def test_new_article_opens_in_the_editor_and_undo_trashes_it(main_window, qtbot):
    window = main_window
    window.tree.select("sports")
    window.tree.setFocus()
    window.new_action.trigger()
    docid = window.articles.current_docid()
    assert docid is not None and window.editor.current_docid() == docid
    assert ArticleRepo(window.library).get(docid).section == "sports"
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.library_stack)
    window.undo_action.trigger()
    assert ArticleRepo(window.library).get(docid).trashed_at is not None
    assert window.articles.current_docid() is None and window.editor.current_docid() is None
    window.redo_action.trigger()
    assert ArticleRepo(window.library).get(docid).trashed_at is None


def test_switching_articles_saves_the_open_one_first(main_window, monkeypatch):
    window = main_window
    repo = ArticleRepo(window.library)
    a = repo.create("world", headline="أ").docid
    b = repo.create("world", headline="ب").docid
    window.tree.select("world")
    flushed = []
    original = window.editor.flush
    monkeypatch.setattr(window.editor, "flush", lambda: flushed.append(window.editor.current_docid()) or original())
    window.articles.select(a)
    window.articles.select(b)
    assert flushed[-1] == a and window.editor.current_docid() == b
    # an article that cannot be saved stays open
    monkeypatch.setattr(window.editor, "flush", lambda: False)
    window.articles.select(a)
    assert window.editor.current_docid() == b


def test_delete_moves_to_the_trash_and_the_trash_view_restores(main_window):
    window = main_window
    repo = ArticleRepo(window.library)
    docid = repo.create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    assert window.trash_action.isEnabled() and not window.restore_action.isEnabled()
    window.trash_action.trigger()
    assert repo.get(docid).trashed_at is not None
    window.show_trash_action.trigger()
    assert window.articles.trash_button.isChecked() and window.list_model.trash
    assert window.articles.select(docid)
    assert window.restore_action.isEnabled() and not window.trash_action.isEnabled()
    window.restore_action.trigger()
    assert repo.get(docid).trashed_at is None


def test_moving_the_open_article_keeps_the_editor_in_step(main_window, qtbot):
    window = main_window
    repo = ArticleRepo(window.library)
    docid = repo.create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    from ui.section_tree import ARTICLE_MIME, encode_ids

    data = encode_ids(ARTICLE_MIME, [docid])
    assert window.tree_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, window.tree_model.index_of("sports"))
    # the window follows the article to its new section: it stays open
    qtbot.waitUntil(lambda: window.tree.current_slug() == "sports" and window.articles.current_docid() == docid)
    assert window.editor.current_docid() == docid
    window.tree.setFocus()
    window.undo_action.trigger()
    assert repo.get(docid).section == "world"
    qtbot.waitUntil(lambda: window.tree.current_slug() == "world" and window.editor.current_docid() == docid)


def test_geometry_panes_and_place_are_remembered(qtbot, library, settings, translations, messages, open_main_window):
    docid = ArticleRepo(library).create("economy", headline="خبر").docid
    first = open_main_window(qtbot, library, settings, translations, "en")
    first.resize(760, 640)  # fits the offscreen screen; the default size does not
    first.editor.set_details_shown(True)
    QApplication.processEvents()
    first.splitter.setSizes([300, 300, 500])
    first.editor.splitter.setSizes([300, 200])
    size, sizes, editor_sizes = first.size(), first.splitter.sizes(), first.editor.splitter.sizes()
    first.tree.select("economy")
    first.articles.select(docid)
    first.close()
    again = open_main_window(qtbot, library, settings, translations, "en")
    assert again.size() == size and size.width() == 760
    assert again.splitter.sizes() == sizes
    assert again.editor.details_shown() and again.editor.splitter.sizes() == editor_sizes
    assert again.tree.current_slug() == "economy"
    qtbot.waitUntil(lambda: again.editor.current_docid() == docid)  # opened once the window is shown
    again.close()


def test_closing_with_edits_that_cannot_be_saved_asks_first(
    qtbot, library, settings, translations, monkeypatch, open_main_window
):
    window = open_main_window(qtbot, library, settings, translations, "ar")
    monkeypatch.setattr(window.editor, "flush", lambda: False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.close()


def test_language_switch_rebuilds_the_window_and_is_remembered(qtbot, library, settings, translations, messages):
    workstation = Workstation(QApplication.instance(), library, settings, translations)
    translations.install("ar")
    arabic = workstation.show_window()
    qtbot.addWidget(arabic)
    arabic.tree.select("sports")
    [english_action] = [a for a in arabic.language_actions.actions() if a.data() == "en"]
    english_action.trigger()
    english = workstation.window
    qtbot.addWidget(english)
    assert english is not arabic and not arabic.isVisible()
    assert english.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert english.tree.current_slug() == "sports"
    assert settings.value("ui/language") == "en"
    english.close()


def test_a_library_that_cannot_open_gives_exit_status_2(qapp, tmp_path, messages, app_translations):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert start_app(qapp, AppPaths.from_environment(), str(folder)) == EXIT_FAILED
    assert messages and messages[0][0] == "critical" and "is a folder" in messages[0][1]


def test_the_demo_opens_on_the_sample_story_and_leaves_the_user_settings_alone(qtbot, qapp, tmp_path, messages,
                                                                                  app_translations):  # fmt: skip
    paths = AppPaths.from_environment()
    started = start_app(qapp, paths, None, demo_folder=tmp_path / "demo")
    assert isinstance(started, Workstation)
    window = started.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.editor.current_docid() is not None)
    story = ArticleRepo(started.library).get(window.editor.current_docid())
    assert story.section == window.tree.current_slug() and story.headline
    assert window.tree_model.total_articles() > 1  # the story and its related stories
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft  # Arabic unless chosen otherwise
    window.close()
    started.library.close()
    user_settings = QSettings(str(paths.config / "workstation.ini"), QSettings.Format.IniFormat)
    assert user_settings.value("library/article") is None and user_settings.value("window/geometry") is None


def test_the_photo_panel_is_built_when_its_tab_is_first_shown_and_follows_the_article(main_window):
    window = main_window
    docid = ArticleRepo(window.library).create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    assert window.gallery is None
    window.editor_area.setCurrentWidget(window.photos_tab)
    assert window.gallery is not None and window.gallery.docid == docid
    window.tree.select("sports")  # the article leaves the list: nothing is open
    assert window.gallery.docid is None


def test_undo_follows_the_focus_between_the_library_and_the_open_article(main_window, qtbot):
    window = main_window
    docid = ArticleRepo(window.library).create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    window.activateWindow()
    target = getattr(window.editor, "body", window.editor)
    target.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.editor.undoStack())
    window.articles.table.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.library_stack)


def test_export_opens_on_the_current_section_and_article(main_window, monkeypatch):
    export_dialog = pytest.importorskip("ui.export_dialog")
    window = main_window
    docid = ArticleRepo(window.library).create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    opened = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.export_action.trigger()
    [dialog] = opened
    assert (dialog.section, dialog.docid) == ("world", docid)
    dialog.deleteLater()


def test_preview_tab_shows_the_open_article_as_exported(main_window, qtbot):
    window = main_window
    repo = ArticleRepo(window.library)
    docid = repo.create("world", headline="روسيا والولايات المتحدة", body="<p>نص الخبر</p>").docid
    window.tree.select("world")
    window.articles.select(docid)
    headline = window.editor.fields.headline
    headline.selectAll()
    qtbot.keyClicks(headline, "Unsaved title")  # the preview saves and shows what is in the editor
    window.editor_area.setCurrentWidget(window.preview_tab)
    text = window.preview.toPlainText()
    assert "Unsaved title" in text and "نص الخبر" in text
    assert repo.get(docid).headline == "Unsaved title"


def test_files_dropped_on_an_article_become_its_photos_as_copies(main_window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from workstation.photos.gallery import GalleryRepo

    from tests.photo_samples import small_jpeg

    window = main_window
    repo = ArticleRepo(window.library)
    first = repo.create("world", headline="الأول").docid
    second = repo.create("world", headline="الثاني").docid
    window.tree.select("world")
    window.articles.select(first)
    photo = small_jpeg(tmp_path / "drop.jpg")
    before = photo.read_bytes()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    table = window.articles.table
    row = window.list_model.row_of(second)
    point = QPointF(table.visualRect(window.list_model.index(row, 0)).center())
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(table.viewport(), kind(point.toPoint(), actions, mime, buttons, modifiers))
    drop = QDropEvent(point, Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(table.viewport(), drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    qtbot.waitUntil(lambda: len(GalleryRepo(window.library).items(second)) == 1, timeout=20000)
    assert window.editor.current_docid() == second
    assert window.editor_area.currentWidget() is window.photos_tab
    assert GalleryRepo(window.library).items(first) == []
    assert photo.read_bytes() == before  # the user's file is copied, never moved


def test_new_article_puts_the_cursor_in_its_headline(main_window, qtbot):
    window = main_window
    window.tree.select("sports")
    window.activateWindow()
    window.articles.table.setFocus()
    window.new_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.fields.headline)
    assert window.editor_area.currentWidget() is window.editor


def test_move_to_section_asks_where_and_follows_the_article(main_window, qtbot, monkeypatch):
    window = main_window
    repo = ArticleRepo(window.library)
    docid = repo.create("world", headline="خبر").docid
    window.tree.select("world")
    window.articles.select(docid)
    offered = []

    def choose(_parent, _title, _label, items, current, _editable):
        offered.append(items)
        return next(i for i in items if i.strip() == window.tree_model.data(window.tree_model.index_of("sports"))), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    assert window.move_action.isEnabled()
    window.move_action.trigger()
    assert repo.get(docid).section == "sports" and offered
    qtbot.waitUntil(lambda: window.tree.current_slug() == "sports" and window.editor.current_docid() == docid)
    assert window.move_action.shortcut().toString() == "Ctrl+Shift+M"


def test_a_restored_revision_is_undone_from_the_edit_menu(main_window, qtbot):
    window = main_window
    repo = ArticleRepo(window.library)
    article = repo.create("world", headline="قديم")
    first = repo.revisions(article.docid)[-1]
    repo.save(article.docid, article.version, headline="جديد")
    window.tree.select("world")
    window.articles.select(article.docid)
    assert window.editor.restore_revision(first.id)  # the question is answered Yes
    assert repo.get(article.docid).headline == "قديم" and window.editor.fields.headline.text() == "قديم"
    window.tree.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.library_stack)
    window.undo_action.trigger()
    assert repo.get(article.docid).headline == "جديد" and window.editor.fields.headline.text() == "جديد"


def test_find_opens_from_the_photos_tab_on_the_article(main_window):
    window = main_window
    docid = ArticleRepo(window.library).create("world", headline="خبر", body="<p>نص الخبر</p>").docid
    window.tree.select("world")
    window.articles.select(docid)
    window.editor_area.setCurrentWidget(window.photos_tab)
    assert window.find_actions[0].shortcutContext() == Qt.ShortcutContext.WindowShortcut
    window.find_actions[0].trigger()
    assert window.editor_area.currentWidget() is window.editor and window.editor.find_bar.isVisible()


def test_an_older_library_is_prepared_for_search_once_when_the_app_opens_it(qtbot, qapp, tmp_path, messages,
                                                                            app_translations, monkeypatch):  # fmt: skip
    path = tmp_path / "old.sqlite"
    library = open_library(str(path))
    docid = ArticleRepo(library).create("world", headline="هبطت الطائرة بالمطار").docid  # no vocabulary yet
    library.close()
    steps = []
    prepare = vocabulary.prepare_search

    def watched(library, progress):
        return prepare(library, lambda done, total, what: (steps.append((done, total)), progress(done, total, what)))

    monkeypatch.setattr(vocabulary, "prepare_search", watched)
    for run in range(2):
        started = start_app(qapp, AppPaths.from_environment(), str(path))
        assert isinstance(started, Workstation)
        qtbot.addWidget(started.window)
        with started.library.engine.connect() as conn:
            assert vocabulary.vocabulary_ready(conn)
        assert [h.docid for h in search(started.library, "مطار").hits] == [docid]
        started.window.close()
        started.library.close()
        if run == 0:
            assert len(steps) > 2 and steps[-1][0] == steps[-1][1]  # progress shown to the end
            steps.clear()
    assert steps == []  # once
