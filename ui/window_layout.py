"""The main window's layout kept between runs: size, toolbars, pane sizes and the folded article details."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def _splitters(window) -> dict[str, QSplitter]:
    return {"window/panes": window.splitter, "window/editor-panes": window.editor.splitter}


def restore_layout(window: QMainWindow, settings: QSettings) -> None:
    """Puts the window back as it was left; a first run gets 1400 x 860 (or 90% of a smaller screen)."""
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        screen = window.screen().availableGeometry()
        window.resize(min(1400, screen.width() * 9 // 10), min(860, screen.height() * 9 // 10))
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    for key, splitter in _splitters(window).items():
        panes = settings.value(key)
        if panes is not None:
            splitter.restoreState(panes)
    window.editor.set_details_shown(settings.value("editor/details", False, type=bool))


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    """Remembers the window's size, toolbars, pane sizes and whether the article details are unfolded."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for key, splitter in _splitters(window).items():
        settings.setValue(key, splitter.saveState())
    settings.setValue("editor/details", window.editor.details_shown())
