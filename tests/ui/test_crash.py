"""The crash handler: unexpected exceptions are logged, open edits saved, the dialog names the log."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

import workstation

import ui.crash as crash
from ui.crash import LOG_NAME, CrashHandler, install_crash_handler


@pytest.fixture
def dialogs(monkeypatch):
    """Replaces the modal crash dialog with a recorder of what it would have shown."""
    shown = []

    def record(parent, summary, details, log_path, saved):
        shown.append({"parent": parent, "summary": summary, "details": details, "log_path": log_path, "saved": saved})

    monkeypatch.setattr(crash, "show_crash_dialog", record)
    return shown


@pytest.fixture
def handlers():
    """Every handler a test installs is uninstalled afterwards, so the hooks never leak."""
    made = []
    yield made
    for handler in reversed(made):
        handler.uninstall()


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


class Window(QWidget):
    """A stand-in main window whose open editor holds unsaved text until on_crash() saves it."""

    def __init__(self, events):
        super().__init__()
        self.events = events
        self.saved_text = None
        self.unsaved_text = "نص لم يحفظ بعد"

    def on_crash(self):
        self.events.append("flush")
        self.saved_text = self.unsaved_text
        return True


def test_exception_is_logged_edits_saved_then_dialog_shows_log_path(qtbot, tmp_path, dialogs, handlers):
    events = []
    window = Window(events)
    qtbot.addWidget(window)
    handler = install_crash_handler(tmp_path / "logs", lambda: window)
    handlers.append(handler)
    assert sys.excepthook == handler.handle_exception

    dialogs_before_flush = []
    crash_show = crash.show_crash_dialog
    crash.show_crash_dialog = lambda *a: (
        events.append("dialog"),
        dialogs_before_flush.append(window.saved_text),
        crash_show(*a),
    )
    try:
        sys.excepthook(*_raise(ValueError("bad caption ترويسة")))
    finally:
        crash.show_crash_dialog = crash_show

    assert events == ["flush", "dialog"]  # edits are saved before the modal dialog opens
    assert dialogs_before_flush == ["نص لم يحفظ بعد"]
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "ValueError: bad caption ترويسة" in log
    assert f"workstation {workstation.__version__}" in log
    [shown] = dialogs
    assert shown["log_path"] == tmp_path / "logs" / LOG_NAME
    assert shown["parent"] is window
    assert shown["saved"] is True
    assert shown["summary"] == "ValueError: bad caption ترويسة"


def test_a_password_in_a_crash_is_masked_in_the_log_and_the_dialog(qtbot, tmp_path, dialogs, handlers):
    window = Window([])
    qtbot.addWidget(window)
    handlers.append(install_crash_handler(tmp_path / "logs", lambda: window))
    sys.excepthook(*_raise(RuntimeError("lost postgresql://desk:s3cret-pw@db.example/news")))
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "s3cret-pw" not in log and "postgresql://desk:***@db.example/news" in log
    assert "s3cret-pw" not in dialogs[0]["summary"] + dialogs[0].get("details", "")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_reported_and_the_app_keeps_running(qtbot, tmp_path, dialogs, handlers):
    handlers.append(install_crash_handler(tmp_path, lambda: None))
    ticks = []

    def broken_slot():
        raise RuntimeError("slot failed")

    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(20, lambda: ticks.append("still running"))
    qtbot.waitUntil(lambda: bool(ticks), timeout=3000)

    assert [d["summary"] for d in dialogs] == ["RuntimeError: slot failed"]
    assert "slot failed" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


def test_exception_in_a_worker_thread_is_shown_in_the_gui_thread(qtbot, tmp_path, dialogs, handlers):
    gui_thread = threading.current_thread()
    seen_in = []
    original = crash.show_crash_dialog
    crash.show_crash_dialog = lambda *a: (seen_in.append(threading.current_thread()), original(*a))
    handlers.append(install_crash_handler(tmp_path, lambda: None))

    def work():
        raise OSError("disk vanished")

    try:
        worker = threading.Thread(target=work, name="ingest-worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(dialogs), timeout=3000)
    finally:
        crash.show_crash_dialog = original
    assert seen_in == [gui_thread]
    assert dialogs[0]["summary"] == "OSError: disk vanished"
    assert "thread ingest-worker" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


def test_failed_save_is_logged_and_the_dialog_says_edits_are_not_safe(qtbot, tmp_path, dialogs, handlers):
    def on_crash():
        raise RuntimeError("database is locked")

    handlers.append(install_crash_handler(tmp_path, lambda: None, on_crash=on_crash))
    sys.excepthook(*_raise(KeyError("headline")))

    assert dialogs[0]["saved"] is False
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "KeyError: 'headline'" in log and "while saving open edits" in log and "database is locked" in log


def test_editor_that_reports_unsaved_edits_makes_the_dialog_say_so(qtbot, tmp_path, dialogs, handlers):
    handlers.append(install_crash_handler(tmp_path, lambda: None, on_crash=lambda: False))
    sys.excepthook(*_raise(ValueError("x")))
    assert dialogs[0]["saved"] is False


def test_an_error_while_the_dialog_is_open_is_logged_not_stacked(qtbot, tmp_path, monkeypatch, handlers):
    shown = []

    def dialog_that_fails(*args):
        shown.append(args[1])
        sys.excepthook(*_raise(ZeroDivisionError("inside the dialog")))

    monkeypatch.setattr(crash, "show_crash_dialog", dialog_that_fails)
    handlers.append(install_crash_handler(tmp_path, lambda: None))
    sys.excepthook(*_raise(ValueError("first")))

    assert shown == ["ValueError: first"]
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "ValueError: first" in log and "ZeroDivisionError: inside the dialog" in log


def test_log_rotates_instead_of_growing(qtbot, tmp_path, dialogs, handlers):
    handler = CrashHandler(tmp_path, lambda: None, max_bytes=2000).install()
    handlers.append(handler)
    for i in range(20):
        sys.excepthook(*_raise(ValueError(f"crash number {i} " + "x" * 200)))
    assert (tmp_path / LOG_NAME).stat().st_size <= 2000
    assert (tmp_path / f"{LOG_NAME}.1").exists()
    assert "crash number 19" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


def test_unwritable_log_folder_still_shows_the_dialog(qtbot, tmp_path, dialogs, handlers, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    handlers.append(install_crash_handler(blocker / "logs", lambda: None))
    sys.excepthook(*_raise(ValueError("still told")))
    assert dialogs[0]["log_path"] is None
    assert "still told" in dialogs[0]["details"]
    assert "cannot write the crash log" in capsys.readouterr().err


def test_keyboard_interrupt_goes_to_the_previous_hook(qtbot, tmp_path, dialogs, handlers, monkeypatch):
    received = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: received.append(exc[0]))
    handlers.append(install_crash_handler(tmp_path, lambda: None))
    sys.excepthook(*_raise(KeyboardInterrupt()))
    assert received == [KeyboardInterrupt] and dialogs == []
    assert not (tmp_path / LOG_NAME).exists()


def test_uninstall_gives_the_hooks_back(qtbot, tmp_path, dialogs):
    before = (sys.excepthook, threading.excepthook)
    handler = install_crash_handler(tmp_path, lambda: None)
    assert (sys.excepthook, threading.excepthook) != before
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_real_dialog_names_the_log_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    seen = {}

    def fake_exec(box):
        seen["text"], seen["info"], seen["details"] = box.text(), box.informativeText(), box.detailedText()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    crash.show_crash_dialog(None, "ValueError: x", "Traceback ...", tmp_path / LOG_NAME, saved=True)
    assert str(tmp_path / LOG_NAME) in seen["info"]
    assert "ValueError: x" in seen["text"] and "saved" in seen["text"]
    assert seen["details"] == "Traceback ..."
