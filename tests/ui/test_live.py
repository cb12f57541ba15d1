"""Live changes in the window: the list follows others' work, a bar on an article someone else changed,
and who is editing what; on a file library and on a server."""

from __future__ import annotations

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.library.presence import Presence
from workstation.library.store import open_library

from ui.live import LiveLink


def location(library) -> str:
    return str(library.path) if library.path is not None else library.engine.url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(request, tmp_path, qtbot, settings, translations, messages, no_stray_dialogs, open_main_window):
    """A window on a library (with its live link) and another editor's workstation on the same library."""
    if request.param == "sqlite":
        mine = open_library(str(tmp_path / "desk.sqlite"), editor="أنا")
    else:
        mine = open_library(request.getfixturevalue("pg_url"), default_photos_dir=tmp_path / "photos", editor="أنا")
    repo = ArticleRepo(mine)
    first = repo.create(section="home", headline="الخبر الأول", body="<p>نص أول</p>")
    window = open_main_window(qtbot, mine, settings, translations, "ar")
    live = LiveLink(mine, window)
    theirs = open_library(location(mine), default_photos_dir=mine.photos_dir, editor="سامي")
    yield window, live, ArticleRepo(theirs), theirs, first
    live.stop()
    theirs.close()
    window.close()
    mine.close()


def test_the_list_and_counts_follow_another_editors_new_article(desk, qtbot):
    window, _live, their_repo, _theirs, _first = desk
    window.tree.select("home")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1, timeout=5000)
    their_repo.create(section="home", headline="خبر من سامي")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: window.tree_model.total_articles() == 2, timeout=5000)


def test_an_open_article_changed_by_someone_else_shows_a_bar_and_keeps_my_text(desk, qtbot):
    window, live, their_repo, _theirs, first = desk
    window.tree.select("home")
    window.articles.select(first.docid)
    qtbot.waitUntil(lambda: window.editor.current_docid() == first.docid, timeout=5000)
    their_repo.save(first.docid, first.version, headline="عنوان سامي")
    qtbot.waitUntil(lambda: live.bar.isVisible() and "سامي" in live.bar.label.text(), timeout=5000)
    assert live.bar.reload_button.isVisible()
    live.reload()
    assert window.editor.current_record().headline == "عنوان سامي"
    assert not live.bar.isVisible()


def test_presence_shows_who_is_editing_and_lapses(desk, qtbot):
    window, live, _their_repo, theirs, first = desk
    window.tree.select("home")
    window.articles.select(first.docid)
    qtbot.waitUntil(lambda: window.editor.current_docid() == first.docid, timeout=5000)
    qtbot.waitUntil(lambda: live.marked == first.docid, timeout=5000)
    # The other workstation sees this editor's mark.
    assert Presence(theirs).others([first.docid]) == {first.docid: ["أنا"]}
    their_presence = Presence(theirs)
    their_presence.start(first.docid)
    qtbot.waitUntil(lambda: live.bar.isVisible() and "سامي" in live.bar.label.text(), timeout=5000)
    qtbot.waitUntil(lambda: first.docid in window.list_model.editing, timeout=5000)
    their_presence.stop(first.docid)
    qtbot.waitUntil(lambda: not live.bar.isVisible(), timeout=5000)
