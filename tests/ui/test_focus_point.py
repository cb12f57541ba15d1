"""The focal point is set by clicking the photo in the gallery's item editor, in fractions of the photo
as shown (turned, never mirrored by a right-to-left layout), as one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from workstation.photos.gallery import GalleryRepo

# The `story` photos carry a white disc centred at (0.375, 0.375) of the upright 640 x 480 photo.
DISC = (0.375, 0.375)


def _items(panel):
    return GalleryRepo(panel.library).items(panel.docid)


def _current(panel, row):
    panel.view.selectionModel().setCurrentIndex(
        panel.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def _at(preview, fx, fy) -> QPoint:
    rect = preview.image_rect()
    return QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height()).toPoint()


def _is_white(image, point) -> bool:
    colour = QColor(image.pixel(point))
    return min(colour.red(), colour.green(), colour.blue()) > 215


def test_a_click_sets_the_focal_point_where_the_photo_shows_it_and_undo_clears_it(qtbot, panel):
    _current(panel, 1)
    preview = panel.editor.preview
    qtbot.waitUntil(lambda: not preview.image_rect().isEmpty())
    rect = preview.image_rect()
    assert abs(rect.width() / rect.height() - 640 / 480) < 0.02
    # Not mirrored: the disc is on the photo's left, in both layouts.
    shot = preview.grab().toImage()
    assert _is_white(shot, _at(preview, *DISC)) and not _is_white(shot, _at(preview, 1 - DISC[0], DISC[1]))

    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=_at(preview, 0.2, 0.75))
    item = _items(panel)[1]
    assert abs(item.focus_x - 0.2) < 0.01 and abs(item.focus_y - 0.75) < 0.01
    assert panel.undoStack().undoText() == panel.tr("Set focal point")
    assert (preview.marker_pos() - QPointF(_at(preview, 0.2, 0.75))).manhattanLength() < 2
    assert panel.editor.clear_focus.isEnabled()

    panel.undoStack().undo()
    assert (_items(panel)[1].focus_x, _items(panel)[1].focus_y) == (None, None)
    panel.undoStack().redo()
    assert abs(_items(panel)[1].focus_x - 0.2) < 0.01

    panel.editor.clear_focus.click()
    assert (_items(panel)[1].focus_x, _items(panel)[1].focus_y) == (None, None)
    assert not panel.editor.clear_focus.isEnabled()
    assert all(i.focus_x is None for n, i in enumerate(_items(panel)) if n != 1)  # only the current photo


def test_a_turned_photo_is_shown_and_clicked_as_the_export_turns_it(qtbot, panel):
    GalleryRepo(panel.library).update({_items(panel)[0].id: {"rotate": 90}})
    panel.refresh()
    _current(panel, 0)
    preview = panel.editor.preview
    qtbot.waitUntil(lambda: not preview.image_rect().isEmpty())
    rect = preview.image_rect()
    assert abs(rect.width() / rect.height() - 480 / 640) < 0.02  # upright on its side
    # Turned a quarter clockwise, the disc's (x, y) shows at (1 - y, x).
    disc = (1 - DISC[1], DISC[0])
    assert _is_white(preview.grab().toImage(), _at(preview, *disc))
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=_at(preview, *disc))
    item = _items(panel)[0]
    assert abs(item.focus_x - disc[0]) < 0.01 and abs(item.focus_y - disc[1]) < 0.01


def test_a_click_beside_the_photo_changes_nothing(qtbot, panel):
    _current(panel, 0)
    preview = panel.editor.preview
    qtbot.waitUntil(lambda: not preview.image_rect().isEmpty())
    rect = preview.image_rect()
    outside = (
        QPoint(int(rect.left()) - 3, int(rect.center().y()))
        if rect.left() > 3
        else QPoint(int(rect.center().x()), int(rect.bottom()) + 3)
    )
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=outside)
    assert _items(panel)[0].focus_x is None and panel.undoStack().count() == 0


def _ink(widget) -> tuple[int, int]:
    image = widget.viewport().grab().toImage()
    xs = [x for x in range(image.width()) for y in range(0, 24) if QColor(image.pixel(x, y)).lightness() < 100]
    return min(xs), max(xs)


def test_the_caption_box_sets_a_caption_flush_with_its_own_start(qtbot, panel):
    _current(panel, 0)
    caption = panel.editor.caption
    width = caption.viewport().width()
    caption.setPlainText("إطلاق صاروخ فالكون 9 حاملا القمر الصناعي")
    qtbot.wait(10)
    left, right = _ink(caption)
    assert right > width - 20 and left > width / 3  # Arabic: flush right
    caption.setPlainText("Launch of Falcon 9")
    qtbot.wait(10)
    left, right = _ink(caption)
    assert left < 20 and right < width * 2 / 3  # Latin: flush left


def test_a_lost_preview_shows_once_the_thumbnail_loader_has_made_it_again(qtbot, library, story, cache):
    from workstation.photos.renditions import preview_path, thumb_path

    from ui.gallery import GalleryPanel

    first = GalleryRepo(library).items(story)[0]
    for path in (preview_path(cache, first.sha256), thumb_path(cache, first.sha256)):
        path.unlink()
    panel = GalleryPanel(library, cache_dir=cache)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.set_article(story)
    panel.show()
    _current(panel, 0)
    qtbot.waitUntil(lambda: preview_path(cache, first.sha256).is_file())
    qtbot.waitUntil(lambda: not panel.editor.preview.image_rect().isEmpty())
    panel.shutdown()
