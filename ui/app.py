"""The composition root: builds paths, the library, settings and the main window."""

from __future__ import annotations

import sys
import tempfile

from workstation.paths import AppPaths
from workstation.store import LibraryError, open_library


def run_app(paths: AppPaths, location: str | None, demo: bool = False) -> int:
    """Opens the desktop app on the library at `location` (or a demo library); returns the exit status."""
    from PySide6.QtCore import QLocale, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QLabel, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Editorial Workstation")
    app.setLayoutDirection(QLocale("ar").textDirection())
    if demo:
        location = str(tempfile.mkdtemp(prefix="workstation-demo-") + "/demo.sqlite")
    try:
        library = open_library(location, default_photos_dir=paths.data / "photos")
    except LibraryError as exc:
        QMessageBox.critical(None, "Editorial Workstation", str(exc))
        return 2
    window = QMainWindow()
    window.setWindowTitle("محطة التحرير")
    label = QLabel("محطة التحرير")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    window.resize(1200, 800)
    window.show()
    status = app.exec()
    library.close()
    return status
