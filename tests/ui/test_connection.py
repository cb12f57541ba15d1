"""A library server that goes away while an editor types: a banner, nothing typed lost, the save lands when it
returns; on the session's real PostgreSQL server, its connections cut for real. A locked library file keeps its
own message."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtGui import QTextCursor
from sqlalchemy import event
from sqlalchemy.engine import make_url

from workstation.articles.repo import ArticleRepo
from workstation.library.presence import Presence
from workstation.library.store import open_library

from ui.connection import ConnectionBanner, ConnectionWatch
from ui.editor.conflict import ConflictDialog
from ui.live import LiveLink

TYPED = " وأضاف المتحدث أن المحادثات ستستأنف غدا"
MORE = " في العاصمة"


def cut(pg_server, database: str) -> None:
    """Takes the database away: no new connection is accepted and every open one is ended."""
    pg_server.execute(
        f"ALTER DATABASE {database} ALLOW_CONNECTIONS false",
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'",
    )


def bring_back(pg_server, database: str) -> None:
    pg_server.execute(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")


def banner(window) -> ConnectionBanner:
    return window.findChild(ConnectionBanner)


def type_at_end(window, type_keys, text: str) -> None:
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_keys(window.editor.body, text)


@pytest.fixture
def server_desk(request, pg_server, pg_url, tmp_path, qtbot, settings, translations, messages, no_stray_dialogs,
                open_main_window):  # fmt: skip
    """A window in Arabic on a server library with an article open, and another editor's workstation on it;
    `live=False` (indirect parameter) leaves the live link out."""
    database = make_url(pg_url).database
    mine = open_library(pg_url, default_photos_dir=tmp_path / "photos", editor="أنا")
    article = ArticleRepo(mine).create(section="home", headline="المحادثات", body="<p>قال المتحدث</p>")
    window = open_main_window(qtbot, mine, settings, translations, "ar")
    live = LiveLink(mine, window) if getattr(request, "param", True) else None
    window.tree.select("home")
    window.articles.select(article.docid)
    qtbot.waitUntil(lambda: window.editor.current_docid() == article.docid, timeout=5000)
    theirs = open_library(pg_url, default_photos_dir=tmp_path / "photos", editor="سامي")
    yield window, database, article, theirs
    bring_back(pg_server, database)
    if live is not None:
        live.stop()
    window.close()
    theirs.close()
    mine.close()


def test_typing_goes_on_while_the_server_is_away_and_the_save_lands_when_it_returns(
    server_desk, pg_server, qtbot, type_keys
):
    window, database, article, theirs = server_desk
    assert not banner(window).isVisible()
    cut(pg_server, database)
    type_at_end(window, type_keys, TYPED)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    assert window.connection.down
    # The banner speaks the interface's language; the editor's label is one sentence, no SQL, no driver text.
    assert "المكتبة" in banner(window).label.text()
    state = window.editor.state_label.text()
    assert state and "\n" not in state and not any(w in state for w in ("SELECT", "UPDATE", "psycopg", "FATAL"))
    type_at_end(window, type_keys, MORE)  # typing goes on while the server is away
    qtbot.wait(1500)
    assert window.editor.is_dirty()
    assert window.editor.body.document().toPlainText().endswith(TYPED + MORE)
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=5000)
    assert ArticleRepo(theirs).get(article.docid).body == f"<p>قال المتحدث{TYPED}{MORE}</p>"
    assert not window.connection.down


@pytest.mark.parametrize("server_desk", [False], indirect=True)
def test_retry_now_brings_the_banner_down_at_once(server_desk, pg_server, qtbot, type_keys, monkeypatch):
    window, database, article, theirs = server_desk
    monkeypatch.setattr(window.connection._timer, "start", lambda *a: None)  # only the button tries again
    cut(pg_server, database)
    type_at_end(window, type_keys, TYPED)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    banner(window).retry_button.click()  # still away: the banner stays
    qtbot.wait(1500)
    assert banner(window).isVisible() and window.editor.is_dirty()
    bring_back(pg_server, database)
    banner(window).retry_button.click()
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=5000)
    assert ArticleRepo(theirs).get(article.docid).body.endswith(f"{TYPED}</p>")


def test_the_change_feed_alone_notices_and_listens_again(server_desk, pg_server, qtbot):
    window, database, _article, theirs = server_desk
    cut(pg_server, database)  # nothing typed: the live link's feed is the first to know
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    rows = window.list_model.rowCount()
    ArticleRepo(theirs).create(section="home", headline="خبر بعد عودة الخادم")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == rows + 1, timeout=5000)


def test_another_article_chosen_while_the_server_is_away_leaves_the_open_one_open(server_desk, pg_server, qtbot):
    window, database, article, theirs = server_desk
    other = ArticleRepo(theirs).create(section="home", headline="خبر آخر", body="<p>نص آخر</p>")
    qtbot.waitUntil(lambda: window.list_model.row_of(other.docid) >= 0, timeout=5000)
    cut(pg_server, database)
    window.articles.select(other.docid)  # the editor cannot read it: the open article and the list stay on it
    qtbot.waitUntil(lambda: window.articles.current_docid() == article.docid, timeout=5000)
    assert window.editor.current_docid() == article.docid and banner(window).isVisible()
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    window.articles.select(other.docid)
    qtbot.waitUntil(lambda: window.editor.current_docid() == other.docid, timeout=5000)


@pytest.mark.parametrize("server_desk", [False], indirect=True)
def test_a_live_link_started_while_the_server_is_away_listens_once_it_is_back(server_desk, pg_server, qtbot):
    window, database, _article, theirs = server_desk
    cut(pg_server, database)
    live = LiveLink(window.library, window)
    try:
        assert banner(window).isVisible()
        bring_back(pg_server, database)
        qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
        rows = window.list_model.rowCount()
        ArticleRepo(theirs).create(section="home", headline="خبر بعد عودة الخادم")
        qtbot.waitUntil(lambda: window.list_model.rowCount() == rows + 1, timeout=5000)
    finally:
        live.stop()


def test_a_save_that_waited_is_still_checked_against_newer_work(server_desk, pg_server, qtbot, type_keys, monkeypatch):
    window, database, article, theirs = server_desk
    asked = []

    def keep_mine(dialog):
        asked.append(dialog)
        dialog.choice = "mine"

    monkeypatch.setattr(ConflictDialog, "exec", keep_mine)
    cut(pg_server, database)
    type_at_end(window, type_keys, TYPED)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    bring_back(pg_server, database)
    their_repo = ArticleRepo(theirs)
    their_repo.save(article.docid, article.version, headline="عنوان سامي")  # before this window hears it is back
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=5000)
    assert len(asked) == 1  # the stale save was refused, and the editor asked
    saved = their_repo.get(article.docid)
    assert saved.body.endswith(f"{TYPED}</p>")
    assert any(r.snapshot["headline"] == "عنوان سامي" for r in their_repo.revisions(article.docid))


def test_a_locked_library_file_shows_its_reason_and_no_banner(tmp_path, qtbot, settings, translations, messages,
                                                              no_stray_dialogs, open_main_window, type_keys):  # fmt: skip
    library = open_library(str(tmp_path / "desk.sqlite"))
    article = ArticleRepo(library).create(section="home", headline="خبر", body="<p>نص</p>")
    library.engine.dispose()
    # A short wait for the lock, so the test does not sit through the library's ten seconds.
    event.listen(library.engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout = 200"))
    window = open_main_window(qtbot, library, settings, translations, "en")
    window.tree.select("home")
    window.articles.select(article.docid)
    qtbot.waitUntil(lambda: window.editor.current_docid() == article.docid, timeout=5000)
    other = sqlite3.connect(tmp_path / "desk.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        type_at_end(window, type_keys, " محفوظ")
        qtbot.waitUntil(lambda: "Not saved" in window.editor.state_label.text(), timeout=5000)
        assert window.editor.state_label.text() == "Not saved: database is locked"
        assert not banner(window).isVisible() and not window.connection.down
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=10000)
    assert ArticleRepo(library).get(article.docid).body == "<p>نص محفوظ</p>"
    window.close()
    library.close()


def test_reads_that_fail_while_the_server_is_away_show_the_banner_not_a_crash(server_desk, pg_server, qtbot, tmp_path,
                                                                            monkeypatch):  # fmt: skip
    import ui.crash as crash

    window, database, article, theirs = server_desk
    world = ArticleRepo(theirs).create(section="world", headline="خبر في العالم")
    shown = []
    monkeypatch.setattr(crash, "show_crash_dialog", lambda *args: shown.append(args))
    handler = crash.install_crash_handler(tmp_path / "log", lambda: window)
    try:
        cut(pg_server, database)
        window.tree.select("world")  # the list reads the library: the watch takes the failure, the list stays whole
        qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=2000)
        qtbot.wait(200)
        # The rows it showed stay, and so does the open article: a read that failed is no empty section.
        assert window.list_model.row_of(article.docid) >= 0
        assert window.articles.current_docid() == window.editor.current_docid() == article.docid
        # Any other read that fails on its way to sys.excepthook is no crash either; a bug still is.
        with pytest.raises(Exception) as raised:
            ArticleRepo(window.library).get(article.docid)
        handler.handle_exception(type(raised.value), raised.value, raised.tb)
        assert shown == []
        handler.handle_exception(*_raised(ValueError("a bug")))
        assert len(shown) == 1
        bring_back(pg_server, database)
        qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
        # the list caught up
        qtbot.waitUntil(lambda: window.list_model.row_of(world.docid) >= 0, timeout=5000)
        assert window.list_model.rowCount() == 1
    finally:
        handler.uninstall()


@pytest.mark.parametrize("server_desk", [False], indirect=True)
def test_a_save_that_finds_the_server_back_is_not_taken_for_someone_elses(server_desk, pg_server, qtbot, type_keys,
                                                                          monkeypatch):  # fmt: skip
    window, database, article, theirs = server_desk
    asked = []
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: asked.append(dialog))
    monkeypatch.setattr(window.connection._timer, "start", lambda *a: None)  # only the save finds the server back
    cut(pg_server, database)
    type_at_end(window, type_keys, TYPED)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    bring_back(pg_server, database)
    window.editor.actions["save"].trigger()  # Ctrl+S gets through
    qtbot.wait(500)
    assert asked == []  # no conflict between the editor and its own save
    assert not banner(window).isVisible() and not window.editor.is_dirty()
    repo = ArticleRepo(theirs)
    saved = repo.get(article.docid)
    assert saved.body.endswith(f"{TYPED}</p>") and saved.version == window.editor.current_record().version
    assert repo.revisions(article.docid)[-1].version == saved.version


def test_a_revision_asked_for_while_the_server_is_away_is_kept_when_the_save_lands(server_desk, pg_server, qtbot,
                                                                                  type_keys):  # fmt: skip
    window, database, article, theirs = server_desk
    cut(pg_server, database)
    type_at_end(window, type_keys, TYPED)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    assert not window.editor.save_revision()  # Ctrl+S: not saved, the server is away
    type_at_end(window, type_keys, MORE)
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=5000)
    repo = ArticleRepo(theirs)
    saved = repo.get(article.docid)
    assert saved.body.endswith(f"{TYPED}{MORE}</p>")
    assert repo.revisions(article.docid)[-1].version == saved.version  # the save that landed kept the revision


def test_an_article_chosen_while_the_server_is_away_opens_once_it_is_back(server_desk, pg_server, qtbot, settings):
    window, database, article, theirs = server_desk
    other = ArticleRepo(theirs).create(section="home", headline="خبر آخر", body="<p>نص آخر</p>")
    qtbot.waitUntil(lambda: window.list_model.row_of(other.docid) >= 0, timeout=5000)
    window.articles.currentArticleChanged.emit(None)  # the article is closed: none is open
    assert window.editor.current_docid() is None
    cut(pg_server, database)
    window.articles.select(other.docid)  # it cannot be read: still none open, and none remembered
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=5000)
    assert window.editor.current_docid() is None
    window.save_state()
    assert settings.value("library/article") is None
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    window.articles.currentArticleChanged.emit(other.docid)  # chosen again
    qtbot.waitUntil(lambda: window.editor.current_docid() == other.docid, timeout=5000)


def test_a_presence_mark_left_while_the_server_was_away_goes_when_it_is_back(server_desk, pg_server, qtbot):
    window, database, article, theirs = server_desk
    others = Presence(theirs)
    qtbot.waitUntil(lambda: article.docid in others.others(), timeout=5000)
    cut(pg_server, database)
    qtbot.waitUntil(lambda: banner(window).isVisible(), timeout=10000)
    window.articles.currentArticleChanged.emit(None)  # the article is closed while the mark cannot be dropped
    qtbot.waitUntil(lambda: window.editor.current_docid() is None, timeout=5000)
    bring_back(pg_server, database)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: article.docid not in others.others(), timeout=5000)
    window.articles.currentArticleChanged.emit(article.docid)  # opened again: marked again
    qtbot.waitUntil(lambda: article.docid in others.others(), timeout=5000)


def test_the_watch_tries_nothing_once_the_window_is_closed(pg_server, pg_url, tmp_path, qtbot, settings, translations,
                                                          messages, no_stray_dialogs, open_main_window):  # fmt: skip
    library = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    window = open_main_window(qtbot, library, settings, translations, "en")
    watch: ConnectionWatch = window.connection
    database = make_url(pg_url).database
    try:
        cut(pg_server, database)
        with pytest.raises(Exception) as raised:
            ArticleRepo(library).get(1)
        assert watch.failed(raised.value) and watch._timer.isActive()
        bring_back(pg_server, database)
        window.close()
        assert not watch._timer.isActive()
        connects = []
        event.listen(library.engine, "connect", lambda *_args: connects.append(1))
        watch.retry()
        watch._probe()  # a probe that started just before the window closed
        qtbot.wait(300)
        assert connects == [] and watch.down
    finally:
        bring_back(pg_server, database)
        library.close()


def _raised(exc):
    try:
        raise exc
    except ValueError as caught:
        return type(caught), caught, caught.__traceback__
