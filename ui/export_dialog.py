"""File ▸ Export…: where to (a folder or a zip), what (everything, a section, an article),
progress with cancel while a worker thread exports, then a summary with "open in browser".

The export itself is `workstation.export.export_bundle`, the same call the CLI makes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.export import ExportCancelled, export_bundle
from workstation.export.siteurl import save_base_url, saved_base_url
from workstation.library.store import Library

from ui.export_checks import ExportChecksRow


class ExportWorker(QObject):
    """Runs one export off the GUI thread and reports through signals."""

    progressed = Signal(int, int, str)
    finished = Signal(object)  # ExportReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, library: Library, out: Path, sections, articles, cache_dir: Path | None):
        super().__init__()
        self.library, self.out, self.sections, self.articles, self.cache_dir = (
            library,
            out,
            sections,
            articles,
            cache_dir,
        )
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        """Exports; exactly one of finished, failed or cancelled is emitted."""
        try:
            # One process: forking a program that runs Qt threads is not safe.
            report = export_bundle(self.library, self.out, sections=self.sections, articles=self.articles,
                                   progress=self.progressed.emit, cancel=self.stop.is_set,
                                   cache_dir=self.cache_dir, workers=1)  # fmt: skip
            report.wait()
        except ExportCancelled:
            self.cancelled.emit()
        except Exception as exc:  # every failure is shown to the user, never lost
            self.failed.emit(str(exc))
        else:
            self.finished.emit(report)


class ExportDialog(QDialog):
    """Chooses the target and scope of an export, runs it with progress and shows its summary."""

    def __init__(self, library: Library, parent: QWidget | None = None, *, section: str | None = None,
                 docid: int | None = None, cache_dir: Path | None = None):  # fmt: skip
        super().__init__(parent)
        self.library = library
        self.section, self.docid, self.cache_dir = section, docid, cache_dir
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.report = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(520)

        self.target = QLineEdit(objectName="export_target")
        self.target.setPlaceholderText(self.tr("A folder, or a file ending in .zip"))
        self.target.textChanged.connect(self._update_buttons)
        folder_button = QPushButton(self.tr("Folder…"), clicked=self._choose_folder)
        zip_button = QPushButton(self.tr("Zip file…"), clicked=self._choose_zip)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(folder_button)
        target_row.addWidget(zip_button)

        self.scope_all = QRadioButton(self.tr("Every published article"), checked=True)
        self.scope_section = QRadioButton(self.tr("The current section: %1").replace("%1", section or ""))
        self.scope_article = QRadioButton(self.tr("The current article: %1").replace("%1", str(docid or "")))
        self.scope_section.setEnabled(section is not None)
        self.scope_article.setEnabled(docid is not None)
        self.scope = QButtonGroup(self)
        for button in (self.scope_all, self.scope_section, self.scope_article):
            self.scope.addButton(button)
        scope_box = QVBoxLayout()
        for button in (self.scope_all, self.scope_section, self.scope_article):
            scope_box.addWidget(button)

        self.base_url = QLineEdit(saved_base_url(library), objectName="export_base_url")
        self.base_url.setPlaceholderText("https://www.example.com/")
        self.base_url.setToolTip(self.tr("Where the site is served: canonical, feed and sitemap addresses "
                                         "become absolute. Kept in the library."))  # fmt: skip
        self.base_url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

        form = QFormLayout()
        form.addRow(self.tr("Export to:"), target_row)
        form.addRow(self.tr("Articles:"), scope_box)
        form.addRow(self.tr("Site address:"), self.base_url)
        self.checks = ExportChecksRow(library)
        form.addRow(self.tr("Writing checks:"), self.checks)
        self.scope.buttonToggled.connect(lambda _button, on: on and self._count_findings())
        self.finished.connect(self.checks.stop)
        self._count_findings()

        self.progress = QProgressBar(objectName="export_progress", textVisible=False)
        self.progress.hide()
        self.status = QLabel(objectName="export_status", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton(self.tr("Open in browser"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_in_browser)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.hide()
        self.open_button.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _count_findings(self) -> None:
        sections = [self.section] if self.scope_section.isChecked() and self.section else None
        articles = [self.docid] if self.scope_article.isChecked() and self.docid is not None else None
        self.checks.start(sections, articles)

    # -- choosing ---------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"))
        if folder:
            self.target.setText(folder)

    def _choose_zip(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to zip file"), "", self.tr("Zip files (*.zip)"))
        if path:
            self.target.setText(path if path.lower().endswith(".zip") else path + ".zip")

    def _update_buttons(self) -> None:
        running = self.thread is not None
        self.export_button.setEnabled(bool(self.target.text().strip()) and not running)
        self.close_button.setEnabled(not running)

    # -- running ----------------------------------------------------------------------------
    def start(self) -> None:
        """Starts the export in a worker thread."""
        out = Path(self.target.text().strip()).expanduser()
        sections = [self.section] if self.scope_section.isChecked() and self.section else None
        articles = [self.docid] if self.scope_article.isChecked() and self.docid is not None else None
        try:
            self.base_url.setText(save_base_url(self.library, self.base_url.text()))
        except ValueError as exc:
            self.status.setText(str(exc))
            self.base_url.setFocus()
            return
        self.report = None
        self.open_button.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.thread = QThread(self)
        self.worker = ExportWorker(self.library, out, sections, articles, self.cache_dir)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.thread.start()
        self._update_buttons()

    def cancel(self) -> None:
        """Asks the running export to stop; the previous bundle stays as it was."""
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        """Whether an export is running."""
        return self.thread is not None

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.thread = None
        self.worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    @Slot(object)
    def _finished(self, report) -> None:
        self._done()
        self.report = report
        lines = [self.tr("Exported %1 articles (%2 article pages) to %3.")
                 .replace("%1", str(report.stories)).replace("%2", str(report.article_pages)).replace("%3", str(report.out)),
                 self.tr("%1 files written, %2 unchanged, %3 photos encoded, in %4 s.")
                 .replace("%1", str(report.written)).replace("%2", str(report.reused))
                 .replace("%3", str(report.photos_encoded)).replace("%4", f"{report.seconds:.1f}")]  # fmt: skip
        lines += report.refused
        self.status.setText("\n".join(lines))
        self.open_button.show()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._done()
        self.status.setText(self.tr("The export failed: %1").replace("%1", message))

    @Slot()
    def _cancelled(self) -> None:
        self._done()
        self.status.setText(self.tr("The export was cancelled; the previous bundle is untouched."))

    def open_in_browser(self) -> None:
        """Opens the exported home page (for a zip, the folder holding it)."""
        if self.report is None:
            return
        out = Path(self.report.out)
        target = out.parent if self.report.zip else out / "index.html"
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def reject(self) -> None:
        """Closing waits for a running export to stop first (it is cancelled)."""
        if self.thread is not None:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.thread is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
