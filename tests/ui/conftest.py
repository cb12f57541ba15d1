"""Fixtures shared by the GUI tests: layout direction, dialogs, clipboard, an undo runner, recorded
message boxes and a main window per language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import Translations
from ui.undo import CommandRunner


@pytest.fixture(params=["rtl", "ltr"])
def direction(request, qapp):
    """Runs a test once with the Arabic (right to left) and once with the English (left to right) layout."""
    before = qapp.layoutDirection()
    qapp.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if request.param == "rtl" else Qt.LayoutDirection.LeftToRight
    )
    yield request.param
    qapp.setLayoutDirection(before)


@pytest.fixture
def no_stray_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail instead (tests that expect one patch it)."""
    from ui.editor.conflict import ConflictDialog

    monkeypatch.setattr(ConflictDialog, "exec", lambda self: pytest.fail("unexpected conflict dialog"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning {a[2:]}"))


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Empties the clipboard after each test, while Python still runs.

    A QMimeData made in Python (by a test, or by the body's copy) stays on the clipboard; the offscreen
    platform keeps it in a C++ static that is destroyed after the interpreter has finalized, and its
    destructor calling back into Python then kills the process with a segmentation fault at exit.
    """
    yield
    qapp.clipboard().clear()


@pytest.fixture
def runner(qapp):
    """A CommandRunner on a fresh undo stack."""
    stack = QUndoStack()
    runner = CommandRunner(stack)
    yield runner
    stack.clear()


@pytest.fixture
def messages(monkeypatch):
    """Records every message box instead of showing it; questions are answered Yes."""
    shown: list[tuple[str, str]] = []

    def record(kind, answer):
        def show(_parent, _title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown


@pytest.fixture
def translations(qapp):
    """Installs a language for one test and puts the app back in English, left to right, afterwards."""
    installed = Translations(qapp)
    yield installed
    installed.install("en")
    for translator in list(installed._installed):
        qapp.removeTranslator(translator)


@pytest.fixture
def app_translations(monkeypatch, translations):
    """Makes ui.app use the test's Translations, so whatever start_app installs is taken down after the test."""
    monkeypatch.setattr("ui.app.Translations", lambda app: translations)
    return translations


@pytest.fixture
def settings(tmp_path):
    """Settings in an INI file of the test's own."""
    return QSettings(str(tmp_path / "workstation.ini"), QSettings.Format.IniFormat)


def _open_main_window(qtbot, library, settings, translations, language, on_language=None):
    """A main window in `language`, shown and registered with qtbot."""
    from ui.main_window import MainWindow

    translations.install(language)
    window = MainWindow(library, settings, language, on_language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def open_main_window():
    """Opens a main window: `open_main_window(qtbot, library, settings, translations, language)`."""
    return _open_main_window


@pytest.fixture(params=["ar", "en"])
def main_window(request, qtbot, library, settings, translations, messages):
    """The main window, once in Arabic and once in English; it must close cleanly and leave no window behind."""
    window = _open_main_window(qtbot, library, settings, translations, request.param)
    yield window
    window.close()
    QApplication.processEvents()
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not stray, f"windows left open: {stray}"


@pytest.fixture
def type_keys():
    """Types text into a widget as key events carrying the characters (keyClicks cannot type Arabic):
    `type_keys(widget, text)`."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    def type_keys(widget, text: str) -> None:
        for ch in text:
            QApplication.sendEvent(
                widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )

    return type_keys


@pytest.fixture
def cache(tmp_path):
    """The thumbnail cache folder of a gallery panel."""
    return tmp_path / "thumbs"


@pytest.fixture
def story(library, cache, tmp_path):
    """An article with four photos, ingested through the core."""
    from workstation.articles.repo import ArticleRepo
    from workstation.photos.ingest import ingest

    from tests.photo_samples import GALLERY_COLOURS, small_jpeg

    docid = ArticleRepo(library).create(section="world", headline="قصة").docid
    folder = tmp_path / "camera"
    folder.mkdir()
    files = [small_jpeg(folder / f"{n}.jpg", colour) for n, colour in enumerate(GALLERY_COLOURS, start=1)]
    assert len(ingest(library, docid, files, cache_dir=cache).added) == 4
    return docid


@pytest.fixture(params=["ar", "en"])
def panel(request, qtbot, library, story, cache):
    """The gallery panel on the story, in a right-to-left (Arabic) and a left-to-right (English) UI."""
    from ui.gallery import GalleryPanel

    direction = Qt.LayoutDirection.RightToLeft if request.param == "ar" else Qt.LayoutDirection.LeftToRight
    QApplication.instance().setLayoutDirection(direction)
    widget = GalleryPanel(library, cache_dir=cache)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.set_article(story)
    widget.show()
    yield widget
    widget.shutdown()
    QApplication.instance().setLayoutDirection(Qt.LayoutDirection.LeftToRight)
