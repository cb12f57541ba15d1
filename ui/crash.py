"""Crash safety at the edge: an unexpected exception is logged, open edits are saved, the user is told.

`install_crash_handler` replaces `sys.excepthook` and `threading.excepthook`. Qt calls
`sys.excepthook` for an exception escaping a slot or a virtual method and then goes on with
its event loop, so the app keeps running; the handler writes the traceback to a rotating log
file, asks the main window to save what its open editors hold (`on_crash()`), and shows a
dialog naming the log file. An exception in another thread is logged there and reported in
the GUI thread. A failure because a library server went away is no crash: the window's
connection watch takes it and its banner says so (ui/connection.py).
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation import __version__
from workstation.library.urls import masked

LOG_NAME = "crash.log"
LOG_MAX_BYTES = 512 * 1024
LOG_BACKUPS = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


def show_crash_dialog(parent: QWidget | None, summary: str, details: str, log_path: Path | None, saved: bool) -> None:
    """Tells the user that something went wrong, whether their edits are safe, and where the log is."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Editorial Workstation"))
    text = _tr("Something went wrong: {summary}").format(summary=summary)
    if saved:
        text += "\n\n" + _tr("Your open articles were saved. You can go on working.")
    else:
        text += "\n\n" + _tr("Some open articles could not be saved: copy their text before closing the app.")
    box.setText(text)
    if log_path is not None:
        box.setInformativeText(_tr("The details were written to:") + "\n" + str(log_path))
    else:
        box.setInformativeText(_tr("The details could not be written to a log file."))
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class CrashHandler(QObject):
    """Receives every unexpected exception: logs it, saves open edits, and shows the crash dialog."""

    _reported = Signal(str, str)  # summary, traceback: carried into the GUI thread

    def __init__(
        self,
        log_dir: Path,
        parent_getter: Callable[[], QWidget | None],
        on_crash: Callable[[], object] | None = None,
        max_bytes: int = LOG_MAX_BYTES,
    ):
        super().__init__()
        self._parent_getter = parent_getter
        self._on_crash = on_crash
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self._reported.connect(self._report, Qt.ConnectionType.QueuedConnection)
        # A logger of its own, outside the logging tree: the app's other logging settings
        # neither silence it nor receive its tracebacks twice.
        self._logger = logging.Logger("workstation.crash", logging.ERROR)
        self._handler: logging.Handler | None = None
        self.log_path: Path | None = log_dir / LOG_NAME
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            self._handler = logging.handlers.RotatingFileHandler(
                self.log_path, maxBytes=max_bytes, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
            )
        except OSError as exc:
            # No log folder must not mean no crash safety: the dialog still shows the traceback.
            print(f"workstation: cannot write the crash log in {log_dir}: {exc.strerror}", file=sys.stderr)
            self.log_path = None
        if self._handler is not None:
            self._handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            self._logger.addHandler(self._handler)

    def install(self) -> CrashHandler:
        """Makes this handler receive exceptions from every thread; returns itself."""
        sys.excepthook = self.handle_exception
        threading.excepthook = self._handle_thread_exception
        return self

    def uninstall(self) -> None:
        """Gives the hooks back to whoever had them and closes the log file."""
        if sys.excepthook == self.handle_exception:
            sys.excepthook = self._previous[0]
        if threading.excepthook == self._handle_thread_exception:
            threading.excepthook = self._previous[1]
        if self._handler is not None:
            self._logger.removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    # -- receiving -------------------------------------------------------------------------------
    def handle_exception(self, exc_type, exc, tb, thread_name: str | None = None) -> None:
        """sys.excepthook: logs the exception and reports it in the GUI thread."""
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        if self._server_away(exc):
            return  # not a bug: the window's connection banner says the library cannot be reached
        # A server library's URL may be in a message: never its password, in the log or on screen.
        details = masked("".join(traceback.format_exception(exc_type, exc, tb)))
        summary = masked("".join(traceback.format_exception_only(exc_type, exc)).strip())
        self._log(details, thread_name or threading.current_thread().name)
        if sys.stderr is not None:  # a windowed build has no stderr
            print(details, file=sys.stderr, end="")
        app = QCoreApplication.instance()
        if app is None:
            return
        if QThread.currentThread() == app.thread():
            self._report(summary, details)
        else:
            self._reported.emit(summary, details)

    def _server_away(self, exc: BaseException) -> bool:
        """Whether the main window's connection watch takes the failure for the library's server being away."""
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() != app.thread():
            return False
        watch = getattr(self._parent_getter(), "connection", None)
        return watch is not None and watch.failed(exc)

    def _handle_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return  # a thread that ends itself this way is not a crash (as in the default hook)
        name = args.thread.name if args.thread is not None else None
        self.handle_exception(args.exc_type, args.exc_value, args.exc_traceback, thread_name=name)

    def _log(self, details: str, thread_name: str) -> None:
        if self._handler is None:
            return
        self._logger.error(
            "workstation %s, Python %s, %s, thread %s\n%s",
            __version__,
            platform.python_version(),
            platform.platform(),
            thread_name,
            details.rstrip(),
        )
        self._handler.flush()

    # -- reporting -------------------------------------------------------------------------------
    def _report(self, summary: str, details: str) -> None:
        if self._showing:
            return  # a second error while the dialog is open is logged, not stacked on screen
        self._showing = True
        try:
            saved = self._save_open_edits()
            show_crash_dialog(self._parent_getter(), summary, details, self.log_path, saved)
        finally:
            self._showing = False

    def _save_open_edits(self) -> bool:
        """Runs the main window's on_crash(); False when it failed or said something was not saved."""
        callback = self._on_crash or getattr(self._parent_getter(), "on_crash", None)
        if callback is None:
            return True
        try:
            return callback() is not False
        except Exception:
            self._log(
                "while saving open edits after a crash:\n" + masked(traceback.format_exc()),
                threading.current_thread().name,
            )
            return False


def install_crash_handler(
    log_dir: Path, parent_getter: Callable[[], QWidget | None], on_crash: Callable[[], object] | None = None
) -> CrashHandler:
    """Installs a CrashHandler logging to log_dir/crash.log; returns it (keep it alive: it owns the hooks).

    `parent_getter` gives the window to parent the dialog on (None before there is one);
    `on_crash` saves the open editors and returns False if something could not be saved;
    when it is not given, the parent window's own `on_crash()` is used if it has one.
    """
    return CrashHandler(log_dir, parent_getter, on_crash).install()
