"""Files dropped on the article body become photos of the story (copies, through the gallery's ingest),
placed in the gallery so that the photo's page follows the paragraph it was dropped on."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from workstation.articles.repo import ArticleRepo
from workstation.photos.gallery import GalleryRepo

from tests.photo_samples import small_jpeg

PARAGRAPHS = 8


def _drop(widget, point: QPointF, mime: QMimeData) -> QDropEvent:
    actions, left, none = (
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = kind(point.toPoint(), actions, mime, left, none)
        event.setDropAction(Qt.DropAction.MoveAction)  # the file manager proposes a move
        QApplication.sendEvent(widget, event)
        assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    drop = QDropEvent(point, actions, mime, left, none)
    drop.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(widget, drop)
    return drop


def test_a_photo_dropped_on_a_paragraph_takes_the_page_of_that_place_in_the_text(
    qtbot, main_window, library, story, tmp_path
):
    window = main_window
    record = ArticleRepo(library).get(story)
    body = "".join(f"<p>الفقرة رقم {n} من نص الخبر.</p>" for n in range(1, PARAGRAPHS + 1))
    ArticleRepo(library).save(story, record.version, body=body)
    window.tree.select("world")
    window.articles.select(story)
    edit = window.editor.body
    assert edit.document().blockCount() == PARAGRAPHS
    window.editor_area.setCurrentWidget(window.editor)
    qtbot.waitUntil(edit.isVisible)

    dropped = small_jpeg(tmp_path / "dropped.jpg", (10, 120, 200))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    block = edit.document().findBlockByNumber(6)  # the seventh of eight paragraphs
    point = QPointF(edit.cursorRect(edit.textCursor().__class__(block)).center())
    drop = _drop(edit.viewport(), point, mime)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction

    repo = GalleryRepo(library)
    qtbot.waitUntil(lambda: len(repo.items(story)) == 5, timeout=20_000)
    qtbot.waitUntil(lambda: not window.gallery.ingest_running())
    items = repo.items(story)
    # Block 6 of 8 among 4 photos: round(6 * 4 / 8) + 1 = 4, the fourth page of five.
    assert [i.filename for i in items] == ["1.jpg", "2.jpg", "3.jpg", "dropped.jpg", "4.jpg"]
    assert dropped.is_file()  # a copy: the file stays where it was
    assert window.editor_area.currentWidget() is window.editor  # the writer keeps the body
    assert "الفقرة" in edit.toPlainText() and "file:" not in edit.toPlainText()  # no URL typed into the text
    window.gallery.undoStack().undo()
    assert len(repo.items(story)) == 4


def test_photos_dragged_from_a_gallery_are_not_dropped_into_the_body(qtbot, main_window, library, story, tmp_path):
    window = main_window
    window.tree.select("world")
    window.articles.select(story)
    window.editor_area.setCurrentWidget(window.photos_tab)
    window.gallery.share_dir = tmp_path / "export"
    mime = window.gallery.model.mimeData([window.gallery.model.index(0)])
    assert mime.hasUrls()
    window.editor_area.setCurrentWidget(window.editor)
    edit = window.editor.body
    qtbot.waitUntil(edit.isVisible)
    event = QDragEnterEvent(edit.viewport().rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(edit.viewport(), event)
    assert not event.isAccepted()
    qtbot.wait(50)
    assert len(GalleryRepo(library).items(story)) == 4 and not window.gallery.ingest_running()
