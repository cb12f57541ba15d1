"""File ▸ Publish…: a saved target, a dry-run preview grouped by kind with the changed stories'
headlines, then the publish itself with files and bytes, and a working Cancel.

The publish is `workstation.publish.publish`, the same call the CLI makes. Saved targets (name, URL,
key file, known_hosts file) live in the settings; a key's passphrase is asked for when needed and
kept only while the dialog is open, never written anywhere.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.export import ExportCancelled
from workstation.library.store import Library
from workstation.publish import Access, PublishCancelled, changed_stories, publish
from workstation.publish.plan import kind
from workstation.publish.sftp import HostKeyError, PassphraseNeeded, trust_host_key

from ui import passphrases
from ui.export_checks import ExportChecksRow
from ui.publish_history import PublishHistoryView

TARGETS_KEY = "publish/targets"
LAST_KEY = "publish/last"
# The preview's groups, in the order files are sent; each bundle kind belongs to one.
GROUPS = (("stories", ("stories",)), ("sections", ("sections",)), ("photos", ("photos",)),
          ("feeds", ("feeds", "manifest")), ("static", ("static", "other")))  # fmt: skip


def saved_targets(settings: QSettings) -> list[dict]:
    """The saved publish targets: dicts of name, url, identity and known_hosts (no secrets)."""
    try:
        targets = json.loads(settings.value(TARGETS_KEY, "[]") or "[]")
    except (TypeError, ValueError):
        return []
    return [t for t in targets if isinstance(t, dict) and t.get("name") and t.get("url")]


def save_targets(settings: QSettings, targets: list[dict]) -> None:
    """Keeps the publish targets in the settings."""
    settings.setValue(TARGETS_KEY, json.dumps(targets, ensure_ascii=False))
    settings.sync()


def ask_passphrase(parent: QWidget, message: str) -> tuple[str, bool] | None:
    """Asks for a key's passphrase: (passphrase, keep it in the system keyring), or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("PublishDialog", "Key passphrase"))
    field = QLineEdit(echoMode=QLineEdit.EchoMode.Password, objectName="passphrase")
    keep = QCheckBox(QCoreApplication.translate("PublishDialog", "Keep it in the system keyring"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(message, wordWrap=True))
    layout.addWidget(field)
    layout.addWidget(keep)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not field.text():
        return None
    return field.text(), keep.isChecked()


class PublishWorker(QObject):
    """Runs one publish (or its preview) off the GUI thread and reports through signals."""

    progressed = Signal(int, int, str)
    finished = Signal(object, object)  # SyncReport, [(docid, headline)]
    failed = Signal(str)
    host_key = Signal(object)  # HostKeyError
    passphrase = Signal(str)
    cancelled = Signal(object)  # SyncReport of what was sent, or None

    def __init__(self, library: Library, url: str, access: Access, delete: bool, dry_run: bool):
        super().__init__()
        self.library, self.url, self.access, self.delete, self.dry_run = library, url, access, delete, dry_run
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        """Publishes; exactly one of finished, failed, host_key, passphrase or cancelled is emitted."""
        try:
            # One process: forking a program that runs Qt threads is not safe.
            report = publish(self.library, self.url, self.access, delete=self.delete, dry_run=self.dry_run,
                             progress=self.progressed.emit, cancel=self.stop.is_set, workers=1)  # fmt: skip
            stories = changed_stories(self.library, report)
        except HostKeyError as exc:
            self.host_key.emit(exc)
        except PassphraseNeeded as exc:
            self.passphrase.emit(str(exc))
        except PublishCancelled as exc:
            self.cancelled.emit(exc.report)
        except ExportCancelled:
            self.cancelled.emit(None)
        except Exception as exc:  # every failure is shown to the user, never lost
            self.failed.emit(str(exc))
        else:
            self.finished.emit(report, stories)


class PublishDialog(QDialog):
    """Chooses a target, previews what a publish would change, publishes with progress and Cancel."""

    def __init__(self, library: Library, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.settings = library, settings
        self.thread: QThread | None = None
        self.worker: PublishWorker | None = None
        self.passphrase: str | None = None
        self.keep_passphrase = False
        self.keyring_tried: set[str] = set()  # key files whose kept passphrase was tried
        self.previewed: tuple | None = None  # the choices the shown preview was made with
        self.sizes: dict[str, int] = {}
        self.sent_bytes = 0
        self.setWindowTitle(self.tr("Publish"))
        self.setMinimumSize(600, 520)

        self.saved = QComboBox(objectName="publish_saved")
        self.saved.currentIndexChanged.connect(self._choose_saved)
        self.name = QLineEdit(objectName="publish_name")
        self.url = QLineEdit(objectName="publish_url")
        self.url.setPlaceholderText("sftp://user@host/var/www  " + self.tr("or a folder"))
        self.identity = QLineEdit(objectName="publish_identity")
        self.identity.setPlaceholderText(self.tr("the SSH agent or ~/.ssh"))
        self.known_hosts = QLineEdit(objectName="publish_known_hosts")
        self.known_hosts.setPlaceholderText("~/.ssh/known_hosts")
        for field in (self.url, self.identity, self.known_hosts):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.textChanged.connect(self._update_buttons)
        self.identity.textChanged.connect(self._forget_passphrase)
        key_row = QHBoxLayout()
        key_row.addWidget(self.identity, 1)
        key_row.addWidget(QPushButton(self.tr("Key file…"), clicked=self._choose_key))
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved, 1)
        self.save_button = QPushButton(self.tr("Save target"), clicked=self.save_target)
        self.remove_button = QPushButton(self.tr("Remove"), clicked=self.remove_target)
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.remove_button)
        self.delete = QCheckBox(self.tr("Delete from the server the files that left the bundle"))
        self.delete.toggled.connect(self._update_buttons)

        form = QFormLayout()
        form.addRow(self.tr("Saved targets:"), save_row)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Publish to:"), self.url)
        form.addRow(self.tr("Key:"), key_row)
        form.addRow(self.tr("Known hosts:"), self.known_hosts)
        form.addRow("", self.delete)
        self.checks = ExportChecksRow(library)  # how many of the stories to publish have writing findings
        form.addRow(self.tr("Writing checks:"), self.checks)
        self.checks.start(None, None)
        self.finished.connect(self.checks.stop)

        self.preview = QTreeWidget(objectName="publish_preview")
        self.preview.setHeaderLabels([self.tr("What changes"), self.tr("Size")])
        self.preview.setColumnWidth(0, 420)
        self.history = PublishHistoryView(library)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.history, self.tr("Publish log"))
        self.progress = QProgressBar(objectName="publish_progress")
        self.progress.hide()
        self.status = QLabel(objectName="publish_status", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.publish_button = self.buttons.addButton(self.tr("Publish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel publish"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(lambda: self.start(dry_run=True))
        self.publish_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fill_saved(self.settings.value(LAST_KEY, "") or "")
        self._update_buttons()

    # -- targets ----------------------------------------------------------------------------
    def _fill_saved(self, select: str) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        for target in saved_targets(self.settings):
            self.saved.addItem(target["name"], target)
        self.saved.blockSignals(False)
        index = self.saved.findText(select)
        if index >= 0:
            self.saved.setCurrentIndex(index)
            self._choose_saved(index)
        elif self.saved.count():
            self._choose_saved(self.saved.currentIndex())

    def _choose_saved(self, index: int) -> None:
        target = self.saved.itemData(index)
        if not target:
            return
        self.name.setText(target["name"])
        self.url.setText(target["url"])
        self.identity.setText(target.get("identity", ""))
        self.known_hosts.setText(target.get("known_hosts", ""))

    def _forget_passphrase(self) -> None:
        self.passphrase, self.keep_passphrase = None, False

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key"), str(Path("~/.ssh").expanduser()))
        if path:
            self.identity.setText(path)

    def save_target(self) -> None:
        """Saves the target's name, URL and key files in the settings (never a passphrase)."""
        name = self.name.text().strip() or self.url.text().strip()
        if not name or not self.url.text().strip():
            self.status.setText(self.tr("A target needs an address to publish to."))
            return
        entry = {"name": name, "url": self.url.text().strip(), "identity": self.identity.text().strip(),
                 "known_hosts": self.known_hosts.text().strip()}  # fmt: skip
        targets = [t for t in saved_targets(self.settings) if t["name"] != name] + [entry]
        save_targets(self.settings, targets)
        self.settings.setValue(LAST_KEY, name)
        self._fill_saved(name)

    def remove_target(self) -> None:
        """Forgets the chosen saved target."""
        name = self.saved.currentText()
        save_targets(self.settings, [t for t in saved_targets(self.settings) if t["name"] != name])
        self._fill_saved("")

    def _choices(self) -> tuple:
        return (self.url.text().strip(), self.identity.text().strip(), self.known_hosts.text().strip(),
                self.delete.isChecked())  # fmt: skip

    def _access(self) -> Access:
        identity, known = self.identity.text().strip(), self.known_hosts.text().strip()
        return Access(identity=Path(identity).expanduser() if identity else None,
                      known_hosts=Path(known).expanduser() if known else None, passphrase=self.passphrase)  # fmt: skip

    def _update_buttons(self) -> None:
        running = self.thread is not None
        ready = bool(self.url.text().strip()) and not running
        self.preview_button.setEnabled(ready)
        # Nothing is sent before the editor has seen what would change.
        self.publish_button.setEnabled(ready and self.previewed == self._choices())
        self.close_button.setEnabled(not running)
        self.save_button.setEnabled(not running)

    # -- running ----------------------------------------------------------------------------
    def start(self, dry_run: bool) -> None:
        """Starts a preview (dry run) or the publish in a worker thread."""
        if not dry_run and self.previewed != self._choices():
            return
        self.dry_run = dry_run
        self.sent_bytes = 0
        self.progress.setRange(0, 0)
        self.progress.setFormat("")
        self.progress.show()
        self.status.setText(self.tr("Looking at the server…") if dry_run else self.tr("Publishing…"))
        self.cancel_button.setVisible(not dry_run)
        self.cancel_button.setEnabled(True)
        self.thread = QThread(self)
        self.worker = PublishWorker(self.library, self.url.text().strip(), self._access(), self.delete.isChecked(),
                                    dry_run)  # fmt: skip
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.host_key.connect(self._host_key)
        self.worker.passphrase.connect(self._passphrase)
        self.worker.cancelled.connect(self._cancelled)
        self.thread.start()
        self._update_buttons()

    def cancel(self) -> None:
        """Asks the running publish to stop after the files in flight; the site keeps whole files only."""
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        """Whether a preview or a publish is running."""
        return self.thread is not None

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, what: str) -> None:
        if self.dry_run:
            return
        self.sent_bytes += self.sizes.get(what.partition(": ")[2], 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 of %2 files, %3 of %4 MB").replace("%1", str(done))
                                .replace("%2", str(total)).replace("%3", f"{self.sent_bytes / 1e6:.1f}")
                                .replace("%4", f"{sum(self.sizes.values()) / 1e6:.1f}"))  # fmt: skip

    def _done(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.thread = None
        self.worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    @Slot(object, object)
    def _finished(self, report, stories) -> None:
        self._done()
        if self.keep_passphrase and self.passphrase and self.identity.text().strip():
            passphrases.store(self.identity.text().strip(), self.passphrase)  # it worked: keep it
            self.keep_passphrase = False
        if report.dry_run:
            self.sizes = dict(report.sizes)
            self.previewed = self._choices()
            self._show_preview(report, stories)
            self.tabs.setCurrentWidget(self.preview)
            if report.uploaded or report.deleted:
                self.status.setText(self.tr("%1 files (%2 MB) to send, %3 to delete, %4 unchanged.")
                                    .replace("%1", str(len(report.uploaded))).replace("%2", f"{report.bytes / 1e6:.1f}")
                                    .replace("%3", str(len(report.deleted))).replace("%4", str(report.unchanged)))  # fmt: skip
            else:
                self.status.setText(self.tr("The server is up to date: nothing to send."))
        else:
            self.previewed = None
            lines = [self.tr("Sent %1 files (%2 MB), deleted %3, %4 unchanged.")
                     .replace("%1", str(len(report.uploaded))).replace("%2", f"{report.bytes / 1e6:.1f}")
                     .replace("%3", str(len(report.deleted))).replace("%4", str(report.unchanged))]  # fmt: skip
            lines += [f"{p.where}: {p.reason}" for p in report.failed]
            self.status.setText("\n".join(lines))
            self.history.refresh()
        self._update_buttons()

    def _show_preview(self, report, stories) -> None:
        self.preview.clear()
        names = {"stories": self.tr("Stories"), "sections": self.tr("Section pages and the home page"),
                 "photos": self.tr("Photos"), "feeds": self.tr("Feeds, sitemap and manifest"),
                 "static": self.tr("Style sheets and fonts")}  # fmt: skip
        for group, kinds in GROUPS:
            paths = [p for p in report.uploaded if kind(p) in kinds]
            if not paths:
                continue
            item = QTreeWidgetItem(self.preview, [f"{names[group]} ({len(paths)})", _size(sum(report.sizes[p]
                                                                                            for p in paths))])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, group)
            if group == "stories":
                for docid, headline in stories:
                    QTreeWidgetItem(item, [f"{headline} — {docid}", ""])
            else:
                for path in paths[:200]:
                    QTreeWidgetItem(item, [path, _size(report.sizes[path])])
        if report.deleted:
            item = QTreeWidgetItem(
                self.preview, [self.tr("To delete (%1)").replace("%1", str(len(report.deleted))), ""]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, "deleted")
            for path in report.deleted:
                QTreeWidgetItem(item, [path, ""])
        self.preview.expandToDepth(0)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._done()
        self.status.setText(self.tr("The publish failed: %1").replace("%1", message))

    @Slot(object)
    def _host_key(self, error: HostKeyError) -> None:
        dry_run = self.dry_run
        self._done()
        if error.changed or not error.known_hosts_line:
            self.status.setText(str(error))
            QMessageBox.warning(self, self.tr("The server's key has changed"), str(error))
            return
        question = self.tr("This server is not known yet. Its key's fingerprint is\n\n%1\n\nCompare it with the one "
                           "your server administrator gives you. Trust this key?").replace("%1", error.fingerprint)  # fmt: skip
        answer = QMessageBox.question(self, self.tr("Unknown server"), question)
        if answer != QMessageBox.StandardButton.Yes:
            self.status.setText(str(error))
            return
        known = self.known_hosts.text().strip()
        trust_host_key(Path(known).expanduser() if known else None, error.known_hosts_line)
        self.start(dry_run=dry_run)

    @Slot(str)
    def _passphrase(self, message: str) -> None:
        dry_run = self.dry_run
        self._done()
        identity = self.identity.text().strip()
        if identity not in self.keyring_tried:
            self.keyring_tried.add(identity)
            kept = passphrases.load(identity)
            if kept:
                self.passphrase = kept
                self.start(dry_run=dry_run)
                return
        answer = ask_passphrase(self, message)
        if answer is None:
            self.status.setText(message)
            return
        self.passphrase, self.keep_passphrase = answer
        self.start(dry_run=dry_run)

    @Slot(object)
    def _cancelled(self, report) -> None:
        self._done()
        sent = len(report.uploaded) if report is not None else 0
        self.previewed = None
        self._update_buttons()
        self.history.refresh()
        self.status.setText(self.tr("The publish was cancelled after %1 files; the site holds whole files only, and "
                                    "the next publish finishes the job.").replace("%1", str(sent)))  # fmt: skip

    def reject(self) -> None:
        """Closing waits for a running publish to stop first (it is cancelled)."""
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


def _size(n: int) -> str:
    # Isolated left to right, so "0.2 MB" keeps its order in a right-to-left column.
    return f"\u2066{n / 1e6:.1f} MB\u2069" if n >= 100_000 else f"\u2066{n / 1e3:.1f} kB\u2069"
