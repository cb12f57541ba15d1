"""The article list: Qt's model checks, lazy loading, store-side sorting, the debounced filter, trash and restore."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select

from workstation.articles.listing import PAGE_SIZE
from workstation.articles.repo import ArticleRepo
from workstation.library.models import Article, Section

from ui.article_list import FILTER_DELAY_MS, ArticleListModel
from ui.article_panel import ArticleListPanel
from ui.section_tree import ARTICLE_MIME, decode_ids

START = datetime(2017, 4, 13, 2, 58, 26)


def _bulk(library, n, section="world", status="published"):
    """n articles filed straight into the store (no search index): headline i is 'خبر i', newer as i grows."""
    with library.engine.begin() as conn:
        section_id = conn.execute(select(Section.id).where(Section.slug == section)).scalar_one()
        rows = []
        for i in range(n):
            when = START + timedelta(minutes=i)
            rows.append(dict(
                id=1000 + i, section_id=section_id, headline=f"خبر {i:05d}", subheadline="", dateline_city="",
                dateline_agency="", byline="", source_title="", keywords=[], body="<p>نص</p>", status=status,
                created_at=when, updated_at=when, published_at=when if status == "published" else None, version=1,
            ))  # fmt: skip
        conn.execute(insert(Article), rows)


def _type(widget, text):
    """Types text the way a keyboard does, one key event per character (keyClicks aborts on Arabic)."""
    for ch in text:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(widget, event)


def _headlines(model):
    return [model.data(model.index(r, ArticleListModel.HEADLINE)) for r in range(model.rowCount())]


def test_model_passes_qt_checks(qtmodeltester, library, runner):
    repo = ArticleRepo(library)
    for status in ("draft", "ready", "published"):
        repo.create("world", headline=f"خبر {status}", status=status)
    repo.create("world")  # no headline
    model = ArticleListModel(library, runner)
    model.set_section("world")
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.sort(ArticleListModel.STATUS, Qt.SortOrder.AscendingOrder)
    model.set_trash(True)
    model.set_trash(False)


def test_loads_a_page_at_a_time_newest_first(library, runner):
    _bulk(library, 2 * PAGE_SIZE + 50)
    model = ArticleListModel(library, runner)
    model.set_section("world")
    assert model.rowCount() == PAGE_SIZE
    assert model.total == 2 * PAGE_SIZE + 50
    assert model.data(model.index(0, 0)) == f"خبر {2 * PAGE_SIZE + 49:05d}"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE + 50
    assert not model.canFetchMore(QModelIndex())
    headlines = _headlines(model)
    assert headlines == sorted(headlines, reverse=True) and len(set(headlines)) == len(headlines)


def test_the_view_fetches_more_as_it_scrolls(qtbot, library, runner):
    _bulk(library, 3 * PAGE_SIZE)
    model = ArticleListModel(library, runner)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    model.set_section("world")
    assert model.rowCount() == PAGE_SIZE
    panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)


def test_sorting_asks_the_store(library, runner):
    _bulk(library, PAGE_SIZE + 10)
    repo = ArticleRepo(library)
    draft = repo.create("world", headline="ي مسودة", status="draft").docid
    model = ArticleListModel(library, runner)
    model.set_section("world")
    model.sort(ArticleListModel.HEADLINE, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "خبر 00000"  # the oldest row: never loaded before sorting
    model.sort(ArticleListModel.HEADLINE, Qt.SortOrder.DescendingOrder)
    assert model.docid(0) == draft
    model.sort(ArticleListModel.STATUS, Qt.SortOrder.AscendingOrder)
    assert model.docid(0) == draft and model.data(model.index(0, ArticleListModel.STATUS)) == "Draft"
    model.sort(ArticleListModel.DATE, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "خبر 00000"
    assert "2017-04-13 10:58" in model.data(model.index(0, ArticleListModel.DATE))  # the site's time zone


def test_status_is_shown_with_a_coloured_icon(library, runner):
    ArticleRepo(library).create("world", headline="خبر", status="ready")
    model = ArticleListModel(library, runner)
    model.set_section("world")
    index = model.index(0, ArticleListModel.STATUS)
    assert model.data(index) == "Ready"
    assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#b35c00"


def test_articles_are_dragged_by_document_id(library, runner):
    repo = ArticleRepo(library)
    a, b = repo.create("world", headline="أ").docid, repo.create("world", headline="ب").docid
    model = ArticleListModel(library, runner)
    model.set_section("world")
    indexes = [model.index(r, c) for r in range(2) for c in range(3)]
    assert sorted(decode_ids(model.mimeData(indexes), ARTICLE_MIME)) == [a, b]
    assert model.supportedDragActions() == Qt.DropAction.MoveAction


def test_trash_and_restore_with_undo(library, runner):
    repo = ArticleRepo(library)
    a, b = repo.create("world", headline="أ").docid, repo.create("world", headline="ب").docid
    model = ArticleListModel(library, runner)
    model.set_section("world")
    assert model.trash_articles([a])
    assert [model.docid(r) for r in range(model.rowCount())] == [b]
    model.set_trash(True)
    assert [model.docid(r) for r in range(model.rowCount())] == [a]
    assert model.restore_articles([a])
    assert model.rowCount() == 0 and repo.get(a).trashed_at is None
    runner.stack.undo()  # the restore
    assert model.rowCount() == 1
    runner.stack.undo()  # the trash
    assert model.rowCount() == 0
    model.set_trash(False)
    assert model.rowCount() == 2


def test_new_and_duplicate_land_in_the_list(library, runner):
    model = ArticleListModel(library, runner)
    model.set_section("sports")
    docid = model.new_article()
    assert model.row_of(docid) == 0
    copy = model.duplicate(docid)
    assert copy != docid and model.rowCount() == 2
    runner.stack.undo()
    runner.stack.undo()
    assert model.rowCount() == 0
    assert model.new_article() is not None
    model.set_section(None)
    assert model.new_article() is None


def test_filter_waits_for_typing_to_pause_and_ignores_tashkeel_and_hamza(qtbot, library, runner):
    repo = ArticleRepo(library)
    wanted = repo.create("world", headline="الإمارات تستضيف القمة", body="<p>أعلنت</p>").docid
    repo.create("world", headline="مباراة الفريق", body="<p>فاز الفريق</p>")
    elsewhere = repo.create("china", headline="الامارات والصين").docid
    model = ArticleListModel(library, runner)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    model.set_section("world")
    assert model.rowCount() == 2
    panel.filter_box.setFocus()
    _type(panel.filter_box, "الامَارات")  # no hamza, and a fatha
    assert panel.filter_box.text() == "الامَارات"
    assert model.rowCount() == 2 and model.filter_text == ""  # not yet: typing may go on
    with qtbot.waitSignal(model.modelReset, timeout=FILTER_DELAY_MS * 8):
        pass
    # the whole library by default, with the section of each hit in a column of its own
    assert {model.docid(r) for r in range(model.rowCount())} == {wanted, elsewhere}
    assert not panel.table.isColumnHidden(ArticleListModel.SECTION)
    assert model.data(model.index(model.row_of(elsewhere), ArticleListModel.SECTION)) == "الصين"
    panel.section_only_button.setChecked(True)
    assert [model.docid(r) for r in range(model.rowCount())] == [wanted]
    assert panel.table.isColumnHidden(ArticleListModel.SECTION)
    assert model.total == 1
    tooltip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert str(wanted) in tooltip
    panel.filter_box.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=FILTER_DELAY_MS * 8)


def test_one_search_per_pause_in_typing(qtbot, library, runner):
    calls = []

    def search(library, query, **kwargs):
        calls.append(query)
        from workstation.search.query import search as core

        return core(library, query, **kwargs)

    ArticleRepo(library).create("world", headline="الإمارات")
    model = ArticleListModel(library, runner, search=search)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    model.set_section("world")
    _type(panel.filter_box, "الامارات")
    qtbot.wait(FILTER_DELAY_MS * 3)
    assert calls == ["الامارات"]


def test_the_current_article_survives_a_reload_and_gives_way_to_the_next_when_it_leaves(qtbot, library, runner):
    repo = ArticleRepo(library)
    a, b = repo.create("world", headline="أ").docid, repo.create("world", headline="ب").docid
    model = ArticleListModel(library, runner)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    model.set_section("world")
    seen = []
    panel.currentArticleChanged.connect(seen.append)
    assert panel.select(a)
    assert seen == [a]
    model.reload()
    assert panel.current_docid() == a and seen == [a]
    model.trash_articles([a])  # the article that took its row opens: the editor never goes blank
    assert panel.current_docid() == b and seen == [a, b] and panel.selected_docids() == [b]
    model.trash_articles([b])  # nothing is left to open
    assert panel.current_docid() is None and seen == [a, b, None]


@pytest.mark.parametrize("on", [True, False])
def test_trash_view_disables_the_filter(qtbot, library, runner, on):
    model = ArticleListModel(library, runner)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    panel.trash_button.setChecked(on)
    assert model.trash is on and panel.filter_box.isEnabled() is not on


def test_an_empty_list_says_why_no_article_is_open(qtbot, library, runner):
    model = ArticleListModel(library, runner)
    panel = ArticleListPanel(model)
    qtbot.addWidget(panel)
    assert panel.empty_reason() == "Choose a section."
    model.set_section("world")
    assert panel.empty_reason() == "No article in this section: Ctrl+N writes one."
    docid = ArticleRepo(library).create("world", headline="خبر").docid
    model.reload()
    assert panel.empty_reason() == ""
    model.trash_articles([docid])
    panel.trash_button.setChecked(True)
    assert panel.empty_reason() == ""
    model.restore_articles([docid])
    assert panel.empty_reason() == "The trash is empty."


def test_a_story_in_another_language_shows_its_language(library, runner):
    from workstation.wire.importer import import_files

    from tests import FIXTURES

    import_files(library, [FIXTURES / "ninjs" / "ninjs-3x.jsonl"])
    model = ArticleListModel(library, runner)
    model.set_section("home")
    statuses = {model.data(model.index(r, ArticleListModel.HEADLINE)): model.data(model.index(r, ArticleListModel.STATUS))
                for r in range(model.rowCount())}  # fmt: skip
    assert statuses["Arab summit discusses food security"] == "Draft · \u2066en-GB\u2069"
    assert statuses["تحذير من موجة حر"] == "Draft"
