"""The section tree model: Qt's model checks, drag and drop of sections and articles, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from workstation.articles.listing import Listing
from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo

from ui.section_tree import ARTICLE_MIME, SECTION_MIME, SectionTreeModel, SectionTreeView, decode_ids, encode_ids

MOVE = Qt.DropAction.MoveAction


def _order(library, parent=None):
    return [s.slug for s in SectionRepo(library).tree() if s.parent == parent]


def test_model_passes_qt_checks(qtmodeltester, library, runner):
    SectionRepo(library).add("gulf", "الخليج", parent="middle-east")
    ArticleRepo(library).create("world", headline="خبر")
    model = SectionTreeModel(library, runner)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    # Qt's tester stays attached: it also checks the signals of changes, moves and undo
    model.add_section("oman", "عمان", "gulf")
    model.setData(model.index_of("oman"), "سلطنة عمان")
    data = model.mimeData([model.index_of("gulf")])
    assert model.dropMimeData(data, MOVE, 0, 0, QModelIndex())
    runner.stack.undo()
    runner.stack.undo()
    runner.stack.undo()
    assert not model.index_of("oman").isValid()


def test_shows_names_counts_and_slugs(library, runner):
    ArticleRepo(library).create("world", headline="خبر")
    model = SectionTreeModel(library, runner)
    world = model.index_of("world")
    assert model.data(world) == "العالم"
    assert model.data(world.siblingAtColumn(SectionTreeModel.COUNT)) == "1"
    assert model.slug(world) == "world"
    assert model.rowCount() == 16 and model.total_articles() == 1


def test_dragging_a_section_carries_its_slug(library, runner):
    model = SectionTreeModel(library, runner)
    index = model.index_of("sports")
    data = model.mimeData([index, index.siblingAtColumn(1)])
    assert decode_ids(data, SECTION_MIME) == ["sports"]


def test_reorder_by_drop_between_sections_and_undo_redo(library, runner):
    model = SectionTreeModel(library, runner)
    before = _order(library)
    data = model.mimeData([model.index_of("sports")])
    assert model.dropMimeData(data, MOVE, 1, 0, QModelIndex())  # before "china"
    assert _order(library)[:3] == ["home", "sports", "china"]
    assert model.index_of("sports").row() == 1  # the model followed
    runner.stack.undo()
    assert _order(library) == before and model.index_of("sports").row() == before.index("sports")
    runner.stack.redo()
    assert _order(library)[1] == "sports"
    # dropping below itself counts positions without it
    data = model.mimeData([model.index_of("home")])
    assert model.dropMimeData(data, MOVE, 3, 0, QModelIndex())
    assert _order(library)[:3] == ["sports", "china", "home"]


def test_reparent_by_drop_on_a_section_keeps_persistent_indexes(library, runner):
    model = SectionTreeModel(library, runner)
    from PySide6.QtCore import QPersistentModelIndex

    sports = QPersistentModelIndex(model.index_of("sports"))
    data = model.mimeData([model.index_of("sports")])
    assert model.canDropMimeData(data, MOVE, -1, 0, model.index_of("world"))
    assert model.dropMimeData(data, MOVE, -1, 0, model.index_of("world"))
    assert SectionRepo(library).get("sports").parent == "world"
    assert sports.isValid() and model.slug(sports) == "sports"
    assert model.parent(QModelIndex(sports)) == model.index_of("world")
    runner.stack.undo()
    assert SectionRepo(library).get("sports").parent is None
    assert model.slug(sports) == "sports" and not model.parent(QModelIndex(sports)).isValid()


def test_a_section_is_refused_inside_its_own_subtree(library, runner):
    SectionRepo(library).add("gulf", "الخليج", parent="middle-east")
    SectionRepo(library).add("oman", "عمان", parent="gulf")
    model = SectionTreeModel(library, runner)
    data = model.mimeData([model.index_of("middle-east")])
    for target in ("middle-east", "gulf", "oman"):
        assert not model.canDropMimeData(data, MOVE, -1, 0, model.index_of(target))
        assert not model.dropMimeData(data, MOVE, -1, 0, model.index_of(target))
        assert not model.canDropMimeData(data, MOVE, 0, 0, model.index_of(target))
    assert model.canDropMimeData(data, MOVE, -1, 0, model.index_of("world"))
    assert not model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, 0, model.index_of("world"))
    assert not model.canDropMimeData(encode_ids(SECTION_MIME, ["nowhere"]), MOVE, -1, 0, QModelIndex())
    assert SectionRepo(library).get("middle-east").parent is None
    assert runner.stack.count() == 0


def test_dropping_articles_on_a_section_moves_them_and_undo_puts_them_back(library, runner):
    repo = ArticleRepo(library)
    a = repo.create("world", headline="أ").docid
    b = repo.create("china", headline="ب").docid
    model = SectionTreeModel(library, runner)
    data = encode_ids(ARTICLE_MIME, [a, b])
    assert not model.canDropMimeData(data, MOVE, 0, 0, QModelIndex())  # between sections: no
    assert model.canDropMimeData(data, MOVE, -1, 0, model.index_of("sports"))
    assert model.dropMimeData(data, MOVE, -1, 0, model.index_of("sports"))
    assert Listing(library).sections_of([a, b]) == {a: "sports", b: "sports"}
    assert model.data(model.index_of("sports", 1)) == "2"
    assert model.data(model.index_of("world", 1)) == "0"
    runner.stack.undo()
    assert Listing(library).sections_of([a, b]) == {a: "world", b: "china"}
    assert model.data(model.index_of("sports", 1)) == "0"
    runner.stack.redo()
    assert model.data(model.index_of("sports", 1)) == "2"
    # dropping them where they already are changes nothing and is not an undo step
    assert not model.dropMimeData(data, MOVE, -1, 0, model.index_of("sports"))
    assert runner.stack.count() == 1


def test_rename_add_and_delete_are_undoable(library, runner):
    model = SectionTreeModel(library, runner)
    failures = []
    runner.failed.connect(failures.append)
    assert model.setData(model.index_of("sports"), "رياضة")
    assert model.data(model.index_of("sports")) == "رياضة"
    assert model.add_section("gulf", "الخليج", "middle-east")
    assert model.rowCount(model.index_of("middle-east")) == 1
    assert not model.add_section("Bad Slug", "سيئ", None)
    assert len(failures) == 1 and "not a usable slug" in failures[0]
    assert model.delete_section("gulf", None)
    assert model.index_of("gulf").isValid() is False
    runner.stack.undo()  # delete
    runner.stack.undo()  # add
    runner.stack.undo()  # rename
    assert model.data(model.index_of("sports")) == "الرياضة"
    assert not model.index_of("gulf").isValid()


def test_deleting_a_section_with_articles_asks_where_they_go(qtbot, library, runner, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    docid = ArticleRepo(library).create("health", headline="خبر").docid
    model = SectionTreeModel(library, runner)
    view = SectionTreeView(library, model)
    qtbot.addWidget(view)
    asked = []

    def choose(_parent, _title, label, items, *_args):
        asked.append(label)
        return next(i for i in items if i.strip() == "العلوم"), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    assert view.delete_section("health")
    assert asked and Listing(library).sections_of([docid]) == {docid: "science"}
    runner.stack.undo()
    assert Listing(library).sections_of([docid]) == {docid: "health"}
    assert model.data(model.index_of("health", 1)) == "1"
