"""Fixtures shared by the GUI tests."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(params=["rtl", "ltr"])
def direction(request, qapp):
    """Runs a test once with the Arabic (right to left) and once with the English (left to right) layout."""
    before = qapp.layoutDirection()
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft if request.param == "rtl" else Qt.LayoutDirection.LeftToRight)
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
