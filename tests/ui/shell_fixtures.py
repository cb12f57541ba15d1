"""Fixtures for the desktop shell's tests: an undo runner, recorded message boxes, a main window per language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import Translations
from ui.undo import CommandRunner


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


def open_main_window(qtbot, library, settings, translations, language, on_language=None):
    """A main window in `language`, shown and registered with qtbot."""
    from ui.main_window import MainWindow

    translations.install(language)
    window = MainWindow(library, settings, language, on_language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(params=["ar", "en"])
def main_window(request, qtbot, library, settings, translations, messages):
    """The main window, once in Arabic and once in English; it must close cleanly and leave no window behind."""
    window = open_main_window(qtbot, library, settings, translations, request.param)
    yield window
    window.close()
    QApplication.processEvents()
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not stray, f"windows left open: {stray}"
