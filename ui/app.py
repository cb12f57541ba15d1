"""The composition root: builds the application, its settings, language, fonts, library and main window.

Everything is created here and passed on through constructors; no module reaches for a
global app object.
"""

from __future__ import annotations

import signal
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from workstation.errors import LibraryError
from workstation.library.store import Library, open_library
from workstation.paths import AppPaths
from workstation.shortcuts.codes import ShortcutRepo

from ui.about import app_icon
from ui.crash import install_crash_handler
from ui.i18n import DEFAULT_LANGUAGE, Translations, load_fonts
from ui.main_window import MainWindow
from ui.server_password import open_asking_password
from ui.shortcuts.expander import ShortcutExpander

EXIT_FAILED = 2
APP_NAME = "Editorial Workstation"


def open_settings(paths: AppPaths) -> QSettings:
    """The app's settings, an INI file in the config folder."""
    paths.config.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.config / "workstation.ini"), QSettings.Format.IniFormat)


class Workstation:
    """The running app: the library, settings and translations, and the main window built on them."""

    def __init__(self, app: QApplication, library: Library, settings: QSettings, translations: Translations):
        self.app = app
        self.library = library
        self.settings = settings
        self.translations = translations
        self.window: MainWindow | None = None
        self.expander: ShortcutExpander | None = None  # `=code=` expansion in every text field
        self.live = None  # other editors' changes and presence (ui/live.py)
        self.wire = None  # the wire folder watched in the background (ui/wire_watch.py)

    def show_window(self) -> MainWindow:
        """Builds the main window in the current language and shows it."""
        from ui.live import LiveLink
        from ui.wire_watch import WireWatch

        if self.live is not None:
            self.live.stop()
        if self.wire is not None:
            self.wire.stop()
        self.window = MainWindow(self.library, self.settings, self.translations.language, self.switch_language)
        self.window.show()
        self.live = LiveLink(self.library, self.window)
        self.app.aboutToQuit.connect(self.live.stop)
        self.wire = WireWatch(self.library, self.settings, self.window)
        self.app.aboutToQuit.connect(self.wire.stop)
        return self.window

    def switch_language(self, language: str) -> None:
        """Remembers the language and rebuilds the window in it (every pane picks up the new texts and direction)."""
        self.settings.setValue("ui/language", language)
        old = self.window
        if old is not None:
            old.save_state()
        self.translations.install(language)
        self.show_window()
        if old is not None:
            old.close()
            old.deleteLater()


def _open_demo(paths: AppPaths, folder: Path, settings: QSettings) -> tuple[Library, QSettings]:
    """A throw-away library with the sample story, and settings of its own that open on that story.

    The demo never writes the user's settings: only the language is carried over.
    """
    folder.mkdir(parents=True, exist_ok=True)
    library = open_library(str(folder / "demo.sqlite"))
    demo_settings = QSettings(str(folder / "workstation.ini"), QSettings.Format.IniFormat)
    demo_settings.setValue("ui/language", settings.value("ui/language", DEFAULT_LANGUAGE))
    try:
        from workstation.demo import build_demo
    except ImportError:  # a build without the sample content opens an empty demo library
        return library, demo_settings
    from workstation.articles.repo import ArticleRepo

    docid = build_demo(library)
    demo_settings.setValue("library/section", ArticleRepo(library).get(docid).section)
    demo_settings.setValue("library/article", docid)
    return library, demo_settings


def start_app(
    app: QApplication, paths: AppPaths, location: str | None, demo_folder: Path | None = None
) -> Workstation | int:
    """Opens the library (or fills a demo one in `demo_folder`) and shows the window; an exit status if it cannot."""
    settings = open_settings(paths)
    translations = Translations(app)
    translations.install(str(settings.value("ui/language", DEFAULT_LANGUAGE)))
    load_fonts(app)
    not_kept = None  # why the keyring could not keep a password the editor asked it to
    try:
        if demo_folder is not None:
            library, settings = _open_demo(paths, demo_folder, settings)
        else:  # a server that refuses the connection for its password: the editor is asked for it
            library, not_kept = open_asking_password(location or paths.default_db(),
                                                     default_photos_dir=paths.data / "photos")  # fmt: skip
        _prepare_search(library)
    except LibraryError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("Workstation", "Editorial Workstation"), str(exc))
        return EXIT_FAILED
    workstation = Workstation(app, library, settings, translations)
    workstation.expander = ShortcutExpander(lambda: ShortcutRepo(library).table(), app)
    workstation.expander.install(app)
    workstation.show_window()
    if not_kept:
        title = QCoreApplication.translate("Workstation", "Editorial Workstation")
        text = QCoreApplication.translate("Workstation", "The keyring could not keep the password ({reason}).")
        QMessageBox.warning(workstation.window, title, text.format(reason=not_kept))
    return workstation


def _prepare_search(library: Library) -> None:
    """Builds the search vocabulary of a library an older version made, with a progress dialog (once)."""
    from workstation.search.vocabulary import prepare_search, vocabulary_ready

    with library.engine.connect() as conn:
        if vocabulary_ready(conn):
            return
    dialog = QProgressDialog(QCoreApplication.translate("Workstation", "Preparing the library for search…"), "", 0, 100)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(QCoreApplication.translate("Workstation", "Editorial Workstation"))
    dialog.setMinimumDuration(0)

    def show(done: int, total: int, _label: str) -> None:
        dialog.setValue(100 * done // max(total, 1))
        QCoreApplication.processEvents()

    try:
        prepare_search(library, show)
    finally:
        dialog.close()
        dialog.deleteLater()


def run_app(paths: AppPaths, location: str | None, demo: bool = False) -> int:
    """Runs the desktop app on the library at `location` (or a throw-away demo library); returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName("org.editorialworkstation.Workstation")
    app.setWindowIcon(app_icon())
    running: list[Workstation] = []
    # Installed first, so that errors while the library opens are logged and shown too.
    handler = install_crash_handler(paths.log, lambda: running[0].window if running else None)
    _quit_on_termination_signals(app)
    try:
        with tempfile.TemporaryDirectory(prefix="workstation-demo-") as scratch:
            started = start_app(app, paths, location, Path(scratch) if demo else None)
            if isinstance(started, int):
                return started
            running.append(started)
            status = app.exec()
            started.library.close()
        return status
    finally:
        handler.uninstall()


def _quit_on_termination_signals(app: QApplication) -> None:
    """SIGTERM (a logout, `kill`) and Ctrl+C close the windows the normal way, so open edits are saved."""

    def close_and_quit(_signum, _frame) -> None:
        app.closeAllWindows()
        app.quit()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, close_and_quit)
    # Python runs signal handlers only between bytecodes; a light timer gives it the chance.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
