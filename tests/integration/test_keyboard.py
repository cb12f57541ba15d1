"""Real keys on the running app: shortcuts, a new article typed, Tab through the form, find and search."""

from __future__ import annotations

import pytest

from workstation.articles.listing import Listing, ListQuery
from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo

from tests.integration.desk import wait


def _listed(desk, section: str) -> list[int]:
    library = desk.library()
    try:
        return [s.docid for s in Listing(library).page(ListQuery(section), None, 1000)]
    finally:
        library.close()


def _article(desk, docid: int):
    library = desk.library()
    try:
        return ArticleRepo(library).get(docid)
    finally:
        library.close()


def _section_names(desk) -> list[tuple[str, str]]:
    library = desk.library()
    try:
        return [(r.name, r.slug) for r in SectionRepo(library).tree()]
    finally:
        library.close()


def _open_headline(desk) -> str:
    return desk.find("text", "العنوان").get("text", "")


def _story_row(desk) -> dict:
    headline = _article(desk, desk.story).headline
    return desk.find("table cell", headline)


def test_ctrl_d_duplicates_and_delete_trashes_from_the_list(desk):
    before = _listed(desk, desk.section)
    desk.click(_story_row(desk))
    desk.key("ctrl+d")
    copies = wait(lambda: [d for d in _listed(desk, desk.section) if d not in before], 10, "Ctrl+D made no copy")
    assert len(copies) == 1
    desk.key("Delete")  # the copy is selected: it goes to the trash
    wait(lambda: _listed(desk, desk.section) == before, 10, "Delete did not move the copy to the trash")
    assert _article(desk, copies[0]).trashed_at is not None
    # the article that took its place is open: the editor is not blank
    wait(lambda: _open_headline(desk) == _article(desk, desk.story).headline, 10, "no article open after Delete")


def test_ctrl_n_puts_the_cursor_in_the_new_headline(desk):
    before = set(_listed(desk, desk.section))
    desk.click(_story_row(desk))
    desk.key("ctrl+n")
    desk.wait_focus("text", "العنوان")
    desk.type("Desk test headline")
    new = wait(lambda: set(_listed(desk, desk.section)) - before, 10, "Ctrl+N made no article")
    docid = new.pop()
    wait(lambda: _article(desk, docid).headline == "Desk test headline", 10, "the typed headline was not saved")


def test_tab_goes_through_the_dateline_in_reading_order(desk):
    desk.click(_story_row(desk))
    desk.key("ctrl+n")  # a new article: its dateline time is empty, where Tab used to stick
    desk.wait_focus("text", "العنوان")
    desk.click(desk.find("check box", "التفاصيل"))
    desk.click(desk.find("text", "مدينة سطر التاريخ"))
    desk.wait_focus("text", "مدينة سطر التاريخ")
    desk.key("Tab")
    desk.wait_focus("spin button", "وقت سطر التاريخ")
    desk.key("Tab")
    desk.wait_focus("push button", "اجعل وقت سطر التاريخ الآن")
    desk.key("Tab")
    desk.wait_focus("text", "وكالة سطر التاريخ")
    desk.key("shift+Tab", "shift+Tab")
    desk.wait_focus("spin button", "وقت سطر التاريخ")


def test_ctrl_f_finds_in_the_article_from_the_list(desk):
    desk.click(_story_row(desk))
    desk.key("ctrl+f")
    desk.wait_focus("text", "بحث")


def test_library_search_shortcut_searches_every_section(desk):
    desk.click(_story_row(desk))
    desk.key("ctrl+shift+f")
    desk.wait_focus("text", "البحث في المقالات")
    desk.type("الصين")  # in stories of several sections of the sample library
    sections = {name for name, _slug in _section_names(desk)}

    def found() -> set[str]:
        table = desk.find("table", "المقالات")
        cells = [
            n["name"] for n in desk.tree() if n["role"] == "table cell" and n["path"].startswith(table["path"] + "/")
        ]
        return {c for c in cells if c in sections}

    shown = wait(lambda: len(found()) >= 2 and found(), 15, f"the search found nothing in several sections: {found()}")
    desk.screenshot("search-several-sections")
    assert len(shown) >= 2


def test_move_to_section_by_keyboard_follows_the_article(desk):
    desk.click(_story_row(desk))
    desk.key("ctrl+shift+m")
    desk.find("dialog", timeout=10)
    desk.key("Down", "Return")
    wait(lambda: _article(desk, desk.story).section != desk.section, 10, "Move to section moved nothing")
    moved_to = _article(desk, desk.story).section
    assert moved_to != desk.section
    wait(lambda: _open_headline(desk) == _article(desk, desk.story).headline, 10, "the moved article is not open")


@pytest.mark.parametrize("language", ["ar", "en"], indirect=True)
def test_every_input_has_a_name_and_the_body_has_room(desk, language):
    desk.screenshot(f"article-{language}")
    body = desk.find("text", "نص المقالة" if language == "ar" else "Article body")
    assert body["extents"][3] >= 0.4 * 860, f"the body gets {body['extents'][3]} px of 860"
    desk.click(desk.find("check box", "التفاصيل" if language == "ar" else "Details"))
    desk.screenshot(f"article-details-{language}")
    inputs = [n for n in desk.tree() if n["role"] in ("text", "spin button", "combo box", "list", "table", "tree")]
    unnamed = [n for n in inputs if not n["name"].strip() and n["extents"][2] > 0]
    assert len(inputs) > 12 and not unnamed, unnamed
