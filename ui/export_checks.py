"""Writing checks before an export: how many of the stories to export have findings, counted on a
worker thread while the dialog is open, and a list to review them.

The count runs on a plain Python thread that is told to stop, never waited for: a dialog closed
(or destroyed) in the middle of a count of a large library closes at once.
"""

from __future__ import annotations

import threading
from collections import Counter

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.checks.library import checker_for, headline, lint, story_ids
from workstation.library.store import Library


class ChecksCountWorker(QObject):
    """Checks the stories an export would publish, one by one, until done or told to stop."""

    progressed = Signal(int, int)
    finished = Signal(list)  # [(docid, headline, number of findings, "rule ×n, …")]

    def __init__(self, library: Library, sections: list[str] | None, docids: list[int] | None):
        super().__init__()
        self.library, self.sections, self.docids = library, sections, docids
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        """Emits finished with the stories that have findings (nothing when stopped)."""
        try:
            docids = self.docids or story_ids(self.library, self.sections or (), published_only=True)
            checker, _why = checker_for(self.library)  # its own hunspell handle, for this thread
            found = []
            for i, (docid, findings) in enumerate(lint(self.library, docids, checker, suggest=False), 1):
                if self.stop.is_set():
                    return
                if findings:
                    rules = Counter(f.rule for f in findings)
                    found.append((docid, headline(self.library, docid), len(findings),
                                  ", ".join(f"{r} ×{n}" for r, n in rules.most_common())))  # fmt: skip
                if i % 20 == 0 or i == len(docids):
                    self.progressed.emit(i, len(docids))
            self.finished.emit([len(docids), found])
        except Exception as exc:  # a count that cannot be made must not stop an export
            self.finished.emit([0, [], str(exc)])


class ExportChecksRow(QWidget):
    """ "N of M stories have findings" and a Review button, for the export dialog."""

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self.worker: ChecksCountWorker | None = None
        self.found: list = []
        self.total = 0
        self.label = QLabel(objectName="export_checks", wordWrap=True)
        self.review_button = QPushButton(self.tr("Review…"), objectName="export_checks_review")
        self.review_button.hide()
        self.review_button.clicked.connect(self.review)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.review_button)

    def start(self, sections: list[str] | None, docids: list[int] | None) -> None:
        """Counts again for this scope (the one before is dropped)."""
        self.stop()
        self.review_button.hide()
        self.label.setText(self.tr("Checking the stories' writing…"))
        self.worker = ChecksCountWorker(self.library, sections, docids)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        threading.Thread(target=self.worker.run, name="export-checks", daemon=True).start()

    def stop(self) -> None:
        """Tells a count in progress to stop; its results are not shown."""
        if self.worker is not None:
            self.worker.stop.set()
            self.worker.progressed.disconnect(self._progressed)
            self.worker.finished.disconnect(self._finished)
            self.worker = None

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.label.setText(self.tr("Checking the stories' writing… %1 of %2").replace("%1", str(done))
                           .replace("%2", str(total)))  # fmt: skip

    @Slot(list)
    def _finished(self, result: list) -> None:
        self.worker = None
        self.total, self.found = result[0], result[1]
        if len(result) > 2:
            self.label.setText(self.tr("The writing checks could not run: %1").replace("%1", result[2]))
        elif not self.found:
            self.label.setText(self.tr("No findings in the %1 stories to export").replace("%1", str(self.total)))
        else:
            self.label.setText(self.tr("%1 of the %2 stories to export have findings").replace("%1", str(len(self.found)))
                               .replace("%2", str(self.total)))  # fmt: skip
            self.review_button.show()

    def review(self) -> None:
        """Lists the stories with findings: document id, headline, how many, which rules."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Writing checks"))
        tree = QTreeWidget(objectName="export_checks_list")
        tree.setHeaderLabels([self.tr("Document"), self.tr("Headline"), self.tr("Findings"), self.tr("Rules")])
        for docid, title, count, rules in self.found:
            item = QTreeWidgetItem([str(docid), title, str(count), rules])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignTrailing)
            tree.addTopLevelItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Open a story in the editor to see its findings in the Checks pane.")))
        layout.addWidget(tree)
        layout.addWidget(buttons)
        dialog.resize(720, 400)
        dialog.exec()
