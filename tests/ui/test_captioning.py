"""The captioning desk: several photos edited together, fields copied and pasted, photos turned,
and captions typed one after another without the mouse."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog

from workstation.photos.gallery import GalleryRepo
from workstation.shortcuts.codes import ShortcutRepo

from ui.gallery.captioning import BatchCaptionDialog


def _items(panel):
    return GalleryRepo(panel.library).items(panel.docid)


def _select(panel, rows):
    model = panel.view.selectionModel()
    model.clearSelection()
    for row in rows:
        model.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    model.setCurrentIndex(panel.model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_the_dialog_shows_shared_and_mixed_values(qtbot, panel):
    GalleryRepo(panel.library).update(
        {r.id: {"credit": "شينخوا", "caption": f"صورة {r.position}"} for r in _items(panel)}
    )
    dialog = BatchCaptionDialog(_items(panel)[:3])
    qtbot.addWidget(dialog)
    assert dialog.edits["credit"].text() == "شينخوا"
    assert dialog.edits["caption"].text() == "" and "mixed" in dialog.edits["caption"].placeholderText()
    assert dialog.values() == {}  # nothing typed: nothing changes
    dialog.edits["alt"].setText("صورة من {city}")
    assert dialog.values() == {"alt": "صورة من {city}"} and dialog.mode() == "replace"


def test_edit_together_fills_variables_keeps_empty_fields_and_undoes_in_one_step(qtbot, panel, monkeypatch):
    ShortcutRepo(panel.library).set({"xh": "شينخوا"})
    GalleryRepo(panel.library).update({r.id: {"caption": f"صورة {r.position}"} for r in _items(panel)})
    _select(panel, [1, 2, 3])

    def fill(dialog):
        dialog.edits["credit"].setText("=xh=")
        dialog.edits["slug"].setText("({n}/{count})")
        dialog.modes.buttons()[2].setChecked(True)  # append
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BatchCaptionDialog, "exec", fill)
    assert panel.captioning.edit_together()
    items = _items(panel)
    assert [i.caption for i in items] == ["صورة 1", "صورة 2", "صورة 3", "صورة 4"]  # left empty: kept
    assert [i.credit for i in items] == ["", "شينخوا", "شينخوا", "شينخوا"]
    assert [i.slug for i in items] == ["", "(2/4)", "(3/4)", "(4/4)"]
    panel.undoStack().undo()
    assert all(i.credit == "" and i.slug == "" for i in _items(panel))


def test_copy_and_paste_caption_fields_by_keyboard(qtbot, panel):
    GalleryRepo(panel.library).update({_items(panel)[0].id: {"caption": "الرئيس في بكين", "credit": "شينخوا"}})
    panel.refresh()
    _select(panel, [0])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.clipboard().text() == "الرئيس في بكين"
    _select(panel, [2, 3])
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [(i.caption, i.credit) for i in _items(panel)] == [("الرئيس في بكين", "شينخوا"), ("", ""),
                                                              ("الرئيس في بكين", "شينخوا"), ("الرئيس في بكين", "شينخوا")]  # fmt: skip


def test_turning_is_kept_and_undone(panel):
    _select(panel, [0, 1])
    assert panel.captioning.turn(90) and panel.captioning.turn(90)
    _select(panel, [1])
    assert panel.captioning.turn(-90)
    assert [i.rotate for i in _items(panel)] == [180, 90, 0, 0]
    panel.undoStack().undo()
    assert [i.rotate for i in _items(panel)] == [180, 180, 0, 0]


def test_the_whole_gallery_is_captioned_from_the_keyboard(qtbot, panel, type_keys):
    _select(panel, [0])
    caption = panel.editor.caption
    caption.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    for n in range(1, 5):
        type_keys(caption, f"تعليق الصورة {n}")
        qtbot.keyClick(caption, Qt.Key.Key_Return, ctrl)
        if n < 4:
            assert panel.view.currentIndex().row() == n
            assert caption.textCursor().selectedText() == ""  # the next photo has no caption yet
    assert [i.caption for i in _items(panel)] == [f"تعليق الصورة {n}" for n in range(1, 5)]
    qtbot.keyClick(caption, Qt.Key.Key_Return, ctrl | Qt.KeyboardModifier.ShiftModifier)  # back one
    assert panel.view.currentIndex().row() == 2
    assert caption.textCursor().selectedText() == "تعليق الصورة 3"  # selected, ready to be typed over
    qtbot.keyClick(caption, Qt.Key.Key_PageUp)
    assert panel.view.currentIndex().row() == 1
    assert panel.editor.caption.hasFocus()


def test_captioning_mode_gives_the_photos_the_whole_window(qtbot, main_window, library, story):
    main_window._open(story)  # the story is in another section than the one the window shows
    main_window.set_captioning_mode(True)
    assert not main_window.tree.isVisible() and not main_window.articles.isVisible()
    gallery = main_window.gallery
    assert gallery.view.currentIndex().row() == 0 and gallery.editor.caption.hasFocus()
    main_window.set_captioning_mode(False)
    assert main_window.tree.isVisible() and main_window.articles.isVisible()


def test_photos_dragged_from_a_gallery_onto_another_article_are_copied(qtbot, main_window, library, story):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from workstation.articles.repo import ArticleRepo

    from ui.mime import encode_items

    window = main_window
    other = ArticleRepo(library).create("world", headline="قصة أخرى").docid
    window.tree.select("world")
    window.articles.select(story)
    window.editor_area.setCurrentWidget(window.photos_tab)
    items = _items(window.gallery)
    mime = window.gallery.model.mimeData([window.gallery.model.index(1), window.gallery.model.index(2)])
    assert mime.data("application/x-workstation-gallery-items") == encode_items([items[1].id, items[2].id]).data(
        "application/x-workstation-gallery-items")  # fmt: skip
    assert len(mime.urls()) == 2  # the files for a file manager, which the list must not ingest again
    table = window.articles.table
    point = QPointF(table.visualRect(window.list_model.index(window.list_model.row_of(other), 0)).center())
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(
            table.viewport(), kind(point.toPoint(), copy | Qt.DropAction.MoveAction, mime, left, none)
        )
    drop = QDropEvent(point, copy | Qt.DropAction.MoveAction, mime, left, none)
    QApplication.sendEvent(table.viewport(), drop)
    assert drop.isAccepted() and drop.dropAction() == copy
    repo = GalleryRepo(library)
    qtbot.waitUntil(lambda: len(repo.items(other)) == 2)
    assert [i.sha256 for i in repo.items(other)] == [items[1].sha256, items[2].sha256]
    assert len(repo.items(story)) == 4  # a copy: the story keeps its photos
    window.library_stack.undo()
    assert repo.items(other) == []


def test_an_empty_gallery_says_where_to_drop(qtbot, panel, library):
    from workstation.articles.repo import ArticleRepo

    panel.set_article(ArticleRepo(library).create(headline="بلا صور").docid)
    assert panel.model.rowCount() == 0
    image = panel.view.viewport().grab().toImage()
    middle = image.height() // 2
    colours = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(middle - 30, middle + 30, 2)}
    assert len(colours) > 2  # the hint is written across the middle of an otherwise plain view
