"""The wire folder watched in the background: the status-bar button, its menu of last imports, stopping."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from workstation.articles.repo import ArticleRepo

from tests import FIXTURES
from ui.wire_watch import SETTING, WireWatch


def _aged_copy(source: Path, target: Path) -> None:
    shutil.copy(source, target)
    when = time.time() - 60
    os.utime(target, (when, when))


def test_background_watch_imports_and_shows_the_last_imports(qtbot, library, settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _aged_copy(FIXTURES / "nitf" / "story.xml", inbox / "story.xml")
    window = QMainWindow()
    qtbot.addWidget(window)
    watch = WireWatch(library, settings, window, settle=0.2)
    assert watch.button.text() == "Wire: off"
    watch.start(inbox)
    assert settings.value(SETTING) == str(inbox)
    qtbot.waitUntil(lambda: watch.count == 1, timeout=30_000)
    assert watch.button.text() == "Wire: 1" and watch.button.toolTip() == str(inbox)
    assert (inbox / "done" / "story.xml").exists() and ArticleRepo(library).exists(900001)

    _aged_copy(FIXTURES / "newsml" / "billion-laughs.xml", inbox / "bomb.xml")
    qtbot.waitUntil(lambda: watch.count == 2, timeout=30_000)
    watch._fill_menu()
    texts = [a.text() for a in watch.menu.actions()]
    assert texts[:2] == ["Watch a wire folder…", "Stop watching"]
    assert texts[3].startswith("bomb.xml: 0 created, 0 updated, 1 refused; moved to refused/")
    assert texts[4].startswith("story.xml: 1 created")

    watch.stop(forget=True)
    assert watch._thread is None and settings.value(SETTING) is None
    assert watch.button.text() == "Wire: off"
    _aged_copy(FIXTURES / "nitf" / "story.xml", inbox / "later.xml")
    qtbot.wait(500)
    assert (inbox / "later.xml").exists()  # no longer watched


def test_a_folder_that_is_gone_is_shown_not_fatal(qtbot, library, settings, tmp_path):
    settings.setValue(SETTING, str(tmp_path / "gone"))
    window = QMainWindow()
    qtbot.addWidget(window)
    watch = WireWatch(library, settings, window)
    assert watch.button.text() == "Wire: stopped" and "gone" in watch.button.toolTip()


def test_closing_the_window_stops_the_watch_but_the_next_start_watches_again(qtbot, library, settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    window = QMainWindow()
    watch = WireWatch(library, settings, window, settle=0.2)
    watch.start(inbox)
    thread = watch._thread
    window.deleteLater()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert settings.value(SETTING) == str(inbox)  # remembered for the next start
