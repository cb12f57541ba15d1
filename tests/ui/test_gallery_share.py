"""A photo dragged out of the gallery carries, for a file manager, the file of its web rendition
with the caption embedded; dropped back on the app it is the same photo, never ingested again."""

from __future__ import annotations

from PIL import Image, IptcImagePlugin
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from workstation.photos.gallery import GalleryRepo

CAPTION = "الرئيس الصيني شي جين بينغ يلتقي نظيره في بكين"


def test_the_drag_carries_the_web_rendition_with_its_caption_embedded(qtbot, panel, tmp_path):
    panel.share_dir = tmp_path / "export"
    repo = GalleryRepo(panel.library)
    item = repo.items(panel.docid)[2]
    repo.update({item.id: {"caption": CAPTION, "credit": "شينخوا"}})
    panel.refresh()
    mime = panel.model.mimeData([panel.model.index(2)])
    assert mime.hasFormat("application/x-workstation-gallery-items") and mime.hasUrls()
    assert not (tmp_path / "export").exists()  # made only when a drop target asks: a drag inside the app never waits
    urls = mime.urls()
    assert len(urls) == 1 and urls[0].isLocalFile()
    path = urls[0].toLocalFile()
    assert path.startswith(str(tmp_path / "export")) and path.endswith("/3.jpg")  # the photo's own name
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == (640, 480)
        iptc = IptcImagePlugin.getiptcinfo(image)
        xmp = image.info.get("xmp", b"")
    assert iptc[(2, 120)].decode("utf-8") == CAPTION and iptc[(2, 110)].decode("utf-8") == "شينخوا"
    assert CAPTION.encode() in (xmp if isinstance(xmp, bytes) else xmp.encode())
    assert bytes(mime.data("text/uri-list")).decode().strip() == urls[0].toString(
        QUrl.ComponentFormattingOption.FullyEncoded
    )

    # Another caption, another file; the first one is left for the file manager that may still copy it.
    repo.update({item.id: {"caption": "صورة أخرى"}})
    panel.refresh()
    again = panel.model.mimeData([panel.model.index(2)]).urls()[0].toLocalFile()
    assert again != path
    with Image.open(again) as image:
        assert IptcImagePlugin.getiptcinfo(image)[(2, 120)].decode("utf-8") == "صورة أخرى"


def test_dropped_back_on_the_gallery_the_photos_move_and_nothing_is_ingested(qtbot, panel, tmp_path):
    panel.share_dir = tmp_path / "export"
    before = GalleryRepo(panel.library).items(panel.docid)
    mime = panel.model.mimeData([panel.model.index(0)])
    assert mime.hasUrls()
    view = panel.view
    target = view.visualRect(panel.model.index(3)).center()
    trailing = QPoint(target.x() + (-20 if view.isRightToLeft() else 20), target.y())  # after the last photo
    actions, left, none = (
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(view.viewport(), kind(trailing, actions, mime, left, none))
    drop = QDropEvent(QPointF(trailing), actions, mime, left, none)
    QApplication.sendEvent(view.viewport(), drop)
    qtbot.wait(50)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.MoveAction
    assert not panel.ingest_running()
    after = GalleryRepo(panel.library).items(panel.docid)
    assert [i.id for i in after] == [i.id for i in before[1:]] + [before[0].id]  # moved, not added
