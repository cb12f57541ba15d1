"""The revision history of an article: every kept revision listed, shown, and restorable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workstation.articles.commands import Command
from workstation.articles.repo import RevisionRecord
from workstation.articles.revisions import RestorePreview, RestoreRevisionCommand, restore_preview, restored_from
from workstation.body.dateline import format_dateline, to_site_time
from workstation.body.richtext import sanitize_body
from workstation.errors import NotFoundError
from workstation.library.store import Library


def status_name(status: str) -> str:
    """A status as the interface names it."""
    names = {
        "draft": QCoreApplication.translate("RevisionHistory", "Draft"),
        "ready": QCoreApplication.translate("RevisionHistory", "Ready"),
        "published": QCoreApplication.translate("RevisionHistory", "Published"),
    }
    return names.get(status, status)


def reason_text(reason: str) -> str:
    """Why a revision was kept, as the interface says it."""
    version = restored_from(reason)
    if version is not None:
        return QCoreApplication.translate("RevisionHistory", "restored from version {version}").format(version=version)
    reasons = {
        "created": QCoreApplication.translate("RevisionHistory", "created"),
        "save": QCoreApplication.translate("RevisionHistory", "saved"),
        "status": QCoreApplication.translate("RevisionHistory", "status changed"),
        "before restore": QCoreApplication.translate("RevisionHistory", "before a restore"),
        "import": QCoreApplication.translate("RevisionHistory", "imported"),
        "before import": QCoreApplication.translate("RevisionHistory", "before an import"),
        "import canceled": QCoreApplication.translate("RevisionHistory", "import canceled"),
    }
    return reasons.get(reason, reason)


def restore_summary(preview: RestorePreview, limit: int = 12) -> str:
    """What a restore changes, as rich text for the question asked before it."""
    labels = {
        "headline": QCoreApplication.translate("RevisionHistory", "Headline"),
        "subheadline": QCoreApplication.translate("RevisionHistory", "Subheadline"),
        "dateline_city": QCoreApplication.translate("RevisionHistory", "Dateline city"),
        "dateline_at": QCoreApplication.translate("RevisionHistory", "Dateline time"),
        "dateline_agency": QCoreApplication.translate("RevisionHistory", "Dateline agency"),
        "byline": QCoreApplication.translate("RevisionHistory", "Byline"),
        "source_title": QCoreApplication.translate("RevisionHistory", "Source title"),
        "keywords": QCoreApplication.translate("RevisionHistory", "Keywords"),
        "status": QCoreApplication.translate("RevisionHistory", "Status"),
    }

    def shown(name: str, value) -> str:
        if name == "status":
            return escape(status_name(value or ""))
        if isinstance(value, list):
            value = "، ".join(str(v) for v in value)
        return escape(str(value)) if value else "—"

    intro = QCoreApplication.translate("RevisionHistory", "Restoring version {version} makes these changes:").format(
        version=preview.version
    )
    parts = [f"<p>{escape(intro)}</p>"]
    rows = [f"<li><b>{escape(labels.get(n, n))}</b>: <s>{shown(n, now)}</s> → {shown(n, then)}</li>"
            for n, now, then in preview.fields]  # fmt: skip
    if rows:
        parts.append(f"<ul>{''.join(rows)}</ul>")
    if preview.body:
        heading = QCoreApplication.translate("RevisionHistory", "Text")
        parts.append(f"<p><b>{escape(heading)}</b></p>")
        for op, text in preview.body[:limit]:
            colour, sign, struck = ("#a40000", "−", True) if op == "-" else ("#2e7d32", "+", False)
            line = f"{sign} {escape(text)}"
            parts.append(f'<p style="color:{colour}">{f"<s>{line}</s>" if struck else line}</p>')
        if len(preview.body) > limit:
            more = QCoreApplication.translate("RevisionHistory", "… and {count} more paragraphs").format(
                count=len(preview.body) - limit
            )
            parts.append(f"<p>{escape(more)}</p>")
    if preview.related_removed or preview.related_added:
        removed, added = (
            QCoreApplication.translate("RevisionHistory", "removed"),
            QCoreApplication.translate("RevisionHistory", "added"),
        )
        heading = QCoreApplication.translate("RevisionHistory", "Related articles")
        parts.append(f"<p><b>{escape(heading)}</b></p><ul>")
        parts.extend(f"<li>{escape(removed)}: {escape(h or str(d))}</li>" for d, h in preview.related_removed)
        parts.extend(f"<li>{escape(added)}: {escape(h or str(d))}</li>" for d, h in preview.related_added)
        parts.append("</ul>")
    undo = QCoreApplication.translate(
        "RevisionHistory", "The text as it is now is kept as a revision, and Undo takes the restore back."
    )
    parts.append(f"<p>{escape(undo)}</p>")
    return f'<div dir="auto">{"".join(parts)}</div>'


def ask_restore(parent: QWidget, library: Library, docid: int, revision_id: int) -> tuple[Command, str] | None:
    """Shows what restoring a revision would change and asks first: the command to run and its undo label,
    or None (refused, nothing would change, or no such revision: each said in a message)."""
    title = QCoreApplication.translate("RevisionHistory", "Revision history")
    try:
        preview = restore_preview(library, docid, revision_id)
    except NotFoundError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    label = QCoreApplication.translate("RevisionHistory", "Restore version {version}").format(version=preview.version)
    if not preview.changes_anything:
        text = QCoreApplication.translate("RevisionHistory", "Version {version} is the text as it is now.")
        QMessageBox.information(parent, title, text.format(version=preview.version))
        return None
    if QMessageBox.question(parent, label, restore_summary(preview)) != QMessageBox.StandardButton.Yes:
        return None
    return RestoreRevisionCommand(library, docid, revision_id), label


class RevisionHistoryDialog(QDialog):
    """Lists an article's revisions, newest first; shows the selected one; restores it on request."""

    def __init__(self, revisions: list[RevisionRecord], tz: str, restore: Callable[[int], bool], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revision history"))
        self._tz = tz
        self._restore = restore
        self._revisions = {r.id: r for r in revisions}
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Revisions"))
        for rev in reversed(revisions):
            when = to_site_time(rev.saved_at, tz).strftime("%Y-%m-%d %H:%M:%S")
            status = status_name(rev.snapshot.get("status", ""))
            item = QListWidgetItem(f"{when}  ·  v{rev.version}  ·  {reason_text(rev.reason)}  ·  {status}")
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
