"""The revision history of an article: every kept revision listed, shown, and restorable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from workstation.articles.repo import RevisionRecord
from workstation.body.dateline import format_dateline, to_site_time
from workstation.body.richtext import sanitize_body


class RevisionHistoryDialog(QDialog):
    """Lists an article's revisions, newest first; shows the selected one; restores it on request."""

    def __init__(self, revisions: list[RevisionRecord], tz: str, restore: Callable[[int], bool], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revision history"))
        self._tz = tz
        self._restore = restore
        self._revisions = {r.id: r for r in revisions}
        reasons = {"created": self.tr("created"), "save": self.tr("saved"), "status": self.tr("status changed")}
        self.list = QListWidget()
        for rev in reversed(revisions):
            when = to_site_time(rev.saved_at, tz).strftime("%Y-%m-%d %H:%M:%S")
            status = rev.snapshot.get("status", "")
            item = QListWidgetItem(f"{when}  ·  v{rev.version}  ·  {reasons.get(rev.reason, rev.reason)}  ·  {status}")
            item.setData(Qt.ItemDataRole.UserRole, rev.id)
            self.list.addItem(item)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setSizes([280, 620])
        self.restore_button = QPushButton(self.tr("Restore this revision"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Restoring keeps the current text as a revision too, so nothing is lost."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda item, _old: self.show_revision(item))
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(980, 620)

    def selected_id(self) -> int | None:
        """The id of the revision selected in the list."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_revision(self, item: QListWidgetItem | None) -> None:
        """Shows a revision's headline, dateline and body."""
        self.restore_button.setEnabled(item is not None)
        if item is None:
            self.preview.clear()
            return
        snap = self._revisions[item.data(Qt.ItemDataRole.UserRole)].snapshot
        at = snap.get("dateline_at")
        dateline = format_dateline(snap.get("dateline_city", ""), datetime.fromisoformat(at) if at else None,
                                   snap.get("dateline_agency", ""), self._tz)  # fmt: skip
        parts = [f"<h1>{escape(snap.get('headline', ''))}</h1>"]
        if snap.get("subheadline"):
            parts.append(f"<h3>{escape(snap['subheadline'])}</h3>")
        if dateline:
            parts.append(f"<p><b>{escape(dateline)}</b></p>")
        parts.append(sanitize_body(snap.get("body", "")))
        self.preview.setHtml(f'<div dir="rtl">{"".join(parts)}</div>')

    def restore_selected(self) -> None:
        """Restores the selected revision and closes, if the editor managed to."""
        revision_id = self.selected_id()
        if revision_id is not None and self._restore(revision_id):
            self.accept()
