"""Real mouse drags on the running app: photos reordered in the gallery, an article dropped on a section."""

from __future__ import annotations

from workstation.articles.repo import ArticleRepo
from workstation.photos.gallery import GalleryRepo

from tests.integration.desk import wait


def _order(desk) -> list[int]:
    library = desk.library()
    try:
        return [r.id for r in GalleryRepo(library).items(desk.story)]
    finally:
        library.close()


def _photos(desk) -> list[dict]:
    """The gallery's photos on screen, in story order."""
    view = desk.find("list", "صور المقالة")
    items = [n for n in desk.tree() if n["role"] == "list item" and n["path"].startswith(view["path"] + "/")]
    return sorted(items, key=lambda n: int(n["path"].rsplit("/", 1)[1]))


def _show_photos(desk) -> list[dict]:
    desk.click(desk.find("page tab", "الصور"))
    return wait(lambda: len(_photos(desk)) >= 3 and _photos(desk), 20, "the gallery shows no photos")


def test_a_photo_dragged_between_two_others_lands_there_and_undoes(desk):
    before = _order(desk)
    photos = _show_photos(desk)
    first, third = photos[0], photos[2]
    # Right to left: the third photo's left half is its reading end, so the drop lands after it.
    x, y, w, h = third["extents"]
    target = (x + w // 5, y + h // 3)
    desk.drag(desk.centre(first), target, during=lambda: desk.screenshot("gallery-during-drag"))
    expected = [before[1], before[2], before[0], before[3], before[4]]
    wait(lambda: _order(desk) == expected, 10, f"the drag left the order at {_order(desk)}")
    desk.key("ctrl+z")
    wait(lambda: _order(desk) == before, 10, "Ctrl+Z did not undo the reorder")


def test_move_earlier_and_later_from_the_keyboard(desk):
    before = _order(desk)
    photos = _show_photos(desk)
    desk.click(photos[1])
    desk.key("ctrl+shift+Up")
    wait(lambda: _order(desk) == [before[1], before[0], *before[2:]], 10, "Ctrl+Shift+Up moved nothing")
    desk.key("ctrl+shift+Down", "ctrl+shift+Down")
    wait(lambda: _order(desk) == [before[0], before[2], before[1], *before[3:]], 10, "Ctrl+Shift+Down moved nothing")


def test_an_article_dragged_from_the_list_onto_a_section_is_filed_there_and_stays_open(desk):
    library = desk.library()
    try:
        headline = ArticleRepo(library).get(desk.story).headline
    finally:
        library.close()
    row = desk.find("table cell", headline)
    target = desk.find("table cell", "الاقتصاد")
    desk.drag(desk.centre(row), desk.centre(target))

    def section():
        library = desk.library()
        try:
            return ArticleRepo(library).get(desk.story).section
        finally:
            library.close()

    wait(lambda: section() != desk.section, 10, "the drop on the tree filed nothing")
    wait(lambda: desk.find("text", "العنوان").get("text") == headline, 10, "the moved article is not open")
    assert desk.find("table cell", "الاقتصاد")["selected"]
