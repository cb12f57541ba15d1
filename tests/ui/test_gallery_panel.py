"""The gallery panel: model, drag reorder, drops as copies, editing, batch work, undo, lazy thumbnails."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.clock import utcnow
from workstation.library.models import GalleryItem, Photo
from workstation.library.store import file_sha256
from workstation.photos.files import photo_path
from workstation.photos.gallery import GalleryRepo
from workstation.photos.renditions import thumb_path

from tests.photo_samples import GALLERY_COLOURS, small_jpeg
from ui.gallery import GalleryPanel
from ui.gallery import model as gallery_model

COLOURS = GALLERY_COLOURS  # the photos of the `story` fixture, in story order


def _ids(panel):
    return [r.id for r in GalleryRepo(panel.library).items(panel.docid)]


def _select(panel, rows):
    panel.view.clearSelection()
    for row in rows:
        panel.view.selectionModel().select(panel.model.index(row), panel.view.selectionModel().SelectionFlag.Select)
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(rows[0]), panel.view.selectionModel().SelectionFlag.NoUpdate
    )


def _type(widget, text):
    for ch in text:  # Arabic through keyClicks aborts the test run; send key events with text instead
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def _file_drop(view, paths, kind, action=Qt.DropAction.MoveAction):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    point = QPoint(20, 20)
    if kind == "enter":
        event = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    elif kind == "move":
        event = QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    else:
        event = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.setDropAction(action)  # the file manager proposes a move (Shift held, or same disk)
    QApplication.sendEvent(view.viewport(), event)
    return event, mime  # the event does not own its data: keep both alive


def test_model_is_consistent(qtmodeltester, panel):
    qtmodeltester.check(panel.model)


def test_thumbnails_show_in_story_order(qtbot, panel):
    assert [panel.model.record(r).filename for r in range(4)] == ["1.jpg", "2.jpg", "3.jpg", "4.jpg"]
    qtbot.waitUntil(lambda: panel.thumbnails.loaded_count() == 4)
    icon = panel.model.data(panel.model.index(0), Qt.ItemDataRole.DecorationRole)
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == image.height() and image.pixelColor(1, 1).alpha() == 0  # centred on a square
    colour = image.pixelColor(54, 30)  # clear of the white disc
    assert abs(colour.red() - 200) < 40 and colour.green() < 90  # photo 1 is the red one


def test_drag_reorder_through_the_model_is_undoable(panel):
    before = _ids(panel)
    mime = panel.model.mimeData([panel.model.index(3)])
    assert panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False  # no row removal
    assert _ids(panel) == [before[3], *before[:3]]
    assert [panel.model.record(r).id for r in range(4)] == _ids(panel)
    panel.undoStack().undo()
    assert _ids(panel) == before
    panel.undoStack().redo()
    assert _ids(panel) == [before[3], *before[:3]]


def test_internal_drop_on_the_view_reorders(panel):
    before = _ids(panel)
    mime = panel.model.mimeData([panel.model.index(0), panel.model.index(1)])
    target = panel.view.visualRect(panel.model.index(3)).center()
    move, buttons, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # A drop reaches the widget that accepted the drag's enter event, as in a real drag.
    for event in (QDragEnterEvent(target, move, mime, buttons, none), QDragMoveEvent(target, move, mime, buttons, none),
                  QDropEvent(QPointF(target), move, mime, buttons, none)):  # fmt: skip
        QApplication.sendEvent(panel.view.viewport(), event)
        assert event.isAccepted() or isinstance(event, QDropEvent)
    order = _ids(panel)
    assert sorted(order) == sorted(before) and order != before
    assert order.index(before[0]) + 1 == order.index(before[1])  # moved together, in their order
    assert [panel.model.record(r).id for r in range(4)] == order


def test_move_earlier_and_later_keep_the_selection_and_undo(panel):
    before = _ids(panel)
    _select(panel, [2])
    panel.earlier_action.trigger()
    assert _ids(panel) == [before[0], before[2], before[1], before[3]]
    assert panel.selected_ids() == [before[2]]
    panel.later_action.trigger()
    panel.later_action.trigger()
    assert _ids(panel) == [before[0], before[1], before[3], before[2]]
    assert not panel.move_selection(+1)  # already the last photo
    assert panel.undoStack().count() == 3
    panel.undoStack().undo()
    assert _ids(panel) == before and [panel.model.record(r).id for r in range(4)] == before


def test_a_drop_lands_by_the_half_of_the_photo_under_the_pointer(panel):
    rect = panel.view.visualRect(panel.model.index(1))
    left, right = QPoint(rect.left() + 4, rect.center().y()), QPoint(rect.right() - 4, rect.center().y())
    start, end = (right, left) if panel.view.layoutDirection() == Qt.LayoutDirection.RightToLeft else (left, right)
    assert panel.view.row_at(start) == 1  # its reading-start half: in front of it
    assert panel.view.row_at(end) == 2
    assert panel.view.row_at(QPoint(panel.view.viewport().width() // 2, panel.view.viewport().height() - 2)) == 4


def test_files_dropped_from_outside_are_copied_after_the_event(qtbot, panel, tmp_path):
    outside = tmp_path / "downloads"
    outside.mkdir()
    photo = small_jpeg(outside / "new.jpg", (10, 10, 10))
    stamp = (file_sha256(photo), os.stat(photo).st_mtime_ns)
    for kind in ("enter", "move"):
        event, _mime = _file_drop(panel.view, [photo], kind)
        assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    with qtbot.waitSignal(panel.ingestFinished, timeout=30000) as finished:
        event, _mime = _file_drop(panel.view, [photo], "drop")
        assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
        assert not panel.ingest_running()  # nothing slow happened inside the drop event
    report = finished.args[0]
    assert [a.where for a in report.added] == [str(photo)]
    assert photo.exists() and (file_sha256(photo), os.stat(photo).st_mtime_ns) == stamp
    assert len(_ids(panel)) == 5 and panel.model.rowCount() == 5
    assert panel.progress_row.isHidden()
    panel.undoStack().undo()
    assert len(_ids(panel)) == 4
    panel.undoStack().redo()
    assert len(_ids(panel)) == 5
    assert check_library(panel.library) == []


def test_refusals_are_summarised_and_good_files_land(qtbot, panel, tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    good = small_jpeg(tmp_path / "good.jpg", (90, 90, 10))
    with qtbot.waitSignal(panel.ingestFinished, timeout=30000):
        panel.add_files([bad, good])
    assert panel.last_summary is not None and panel.last_summary.isVisible()
    assert "1 added, 1 not added" in panel.last_summary.text()
    assert "notes.jpg: is not an image" in panel.last_summary.detailedText()
    assert len(_ids(panel)) == 5
    panel.last_summary.close()


def test_cancel_stops_the_ingest(qtbot, panel, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    for n in range(10):
        Image.new("RGB", (3000, 2000), (n * 20, 50, 50)).save(folder / f"{n:02}.jpg", quality=90)
    with qtbot.waitSignal(panel.ingestFinished, timeout=60000) as finished:
        panel.add_files([folder])
        assert panel.progress_row.isVisibleTo(panel)
        panel.cancel_button.click()
    report = finished.args[0]
    assert report.cancelled and len(report.added) < 10
    assert len(_ids(panel)) == 4 + len(report.added)
    assert check_library(panel.library) == []


def test_editing_fields_is_undoable_and_keeps_directions(qtbot, panel):
    _select(panel, [1])
    editor = panel.editor
    assert editor.caption.layoutDirection() == Qt.LayoutDirection.RightToLeft
    editor.caption.setFocus()
    editor.caption.clear()
    _type(editor.caption, "لافروف في موسكو")
    editor.caption.committed.emit(editor.caption.toPlainText())  # what leaving the box does
    assert GalleryRepo(panel.library).items(panel.docid)[1].caption == "لافروف في موسكو"
    editor.slug.setText("(国际)(2)俄美同意建立工作组稳定双边关系")
    editor.slug.editingFinished.emit()
    assert editor.slug.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert GalleryRepo(panel.library).items(panel.docid)[1].slug.startswith("(国际)(2)")
    panel.undoStack().undo()
    panel.undoStack().undo()
    item = GalleryRepo(panel.library).items(panel.docid)[1]
    assert item.caption == "" and item.slug == ""
    assert editor.caption.toPlainText() == ""


def test_batch_credit_and_caption_template_with_undo(panel):
    _select(panel, [1, 2])
    assert panel.set_credit_for_selection("شينخوا")
    assert panel.apply_template_to_selection("{n}/{total} {credit}")
    items = GalleryRepo(panel.library).items(panel.docid)
    assert [(i.caption, i.credit) for i in items] == [
        ("", ""),
        ("2/4 شينخوا", "شينخوا"),
        ("3/4 شينخوا", "شينخوا"),
        ("", ""),
    ]
    assert panel.selected_ids() == [items[1].id, items[2].id]  # the selection survives the reload
    assert not panel.apply_template_to_selection("{town}")
    assert "{town}" in panel.last_error.text()
    panel.last_error.close()
    panel.undoStack().undo()
    panel.undoStack().undo()
    assert all((i.caption, i.credit) == ("", "") for i in GalleryRepo(panel.library).items(panel.docid))


def test_delete_key_removes_and_undo_restores(qtbot, panel):
    before = _ids(panel)
    GalleryRepo(panel.library).update({before[0]: {"caption": "الأولى"}})
    panel.refresh()
    _select(panel, [0])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert _ids(panel) == before[1:]
    panel.undoStack().undo()
    assert _ids(panel) == before and GalleryRepo(panel.library).items(panel.docid)[0].caption == "الأولى"


def test_keyboard_navigation_and_zoom(qtbot, panel):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.view, Qt.Key.Key_End)
    assert panel.view.currentIndex().row() == 3
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    assert panel.view.currentIndex().row() == 0
    size = panel.view.iconSize().width()
    wheel = QWheelEvent(QPointF(30, 30), QPointF(30, 30), QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(panel.view.viewport(), wheel)
    assert panel.view.iconSize().width() == size + 32 == panel.zoom.value()
    panel.zoom.setValue(1000)
    assert panel.view.iconSize().width() == 320


def test_500_photos_scroll_without_opening_an_original(qtbot, library, cache, monkeypatch):
    docid = ArticleRepo(library).create(headline="ألبوم").docid
    now = utcnow()
    photos, items = [], []
    for n in range(500):
        sha = f"{n:064x}"
        thumb = thumb_path(cache, sha)
        thumb.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (96, 64), (n % 256, 80, 160)).save(thumb, quality=70)
        original = photo_path(library, sha, "jpg")
        original.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (96, 64)).save(original)  # present and readable, so an open would succeed
        photos.append(dict(sha256=sha, filename=f"{n}.jpg", ext="jpg", bytes=1, width=6000, height=4000,
                           orientation=1, taken_at=None, meta={}, added_at=now))  # fmt: skip
        items.append(
            dict(article_id=docid, photo_sha256=sha, position=n + 1, caption=f"صورة {n}", alt="", credit="", slug="")
        )
    with library.sessions.begin() as session:
        session.execute(insert(Photo), photos)
        session.execute(insert(GalleryItem), items)

    opened, read = [], []
    real_open, real_read = Image.open, gallery_model.read_thumbnail
    monkeypatch.setattr(Image, "open", lambda fp, *a, **k: (opened.append(str(fp)), real_open(fp, *a, **k))[1])
    monkeypatch.setattr(gallery_model, "read_thumbnail", lambda path: (read.append(Path(path)), real_read(path))[1])

    panel = GalleryPanel(library, cache_dir=cache)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.set_article(docid)
    panel.show()
    qtbot.waitUntil(lambda: panel.thumbnails.loaded_count() > 0)
    first_screen = panel.thumbnails.loaded_count()
    assert first_screen < 100  # only what is on screen is loaded
    bar = panel.view.verticalScrollBar()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        qtbot.wait(5)
    last = panel.model.index(499)
    qtbot.waitUntil(lambda: panel.thumbnails.icon(panel.model.record(499).sha256, "jpg") is not None)
    assert panel.view.visualRect(last).intersects(panel.view.viewport().rect())
    panel.shutdown()
    assert opened == []
    assert read and all(p.is_relative_to(cache) and p.name.endswith("-320.jpg") for p in read)


def test_an_article_that_does_not_exist_shows_an_empty_gallery(qtbot, library, cache):
    panel = GalleryPanel(library, cache_dir=cache)
    qtbot.addWidget(panel)
    panel.set_article(424242)
    assert panel.model.rowCount() == 0
    panel.set_article(None)
    assert not panel.isEnabled()
    panel.shutdown()
