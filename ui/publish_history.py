"""The publish log as a list: when, who, where to, what it sent and removed (newest first)."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from workstation.library.store import Library
from workstation.publish.log import history


class PublishHistoryView(QTreeWidget):
    """The latest publishes of the library, read from its publish log."""

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent, objectName="publish_history")
        self.library = library
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Where"), self.tr("Sent"),
                              self.tr("Deleted"), self.tr("Stories")])  # fmt: skip
        self.refresh()

    def refresh(self) -> None:
        """Reads the log again."""
        self.clear()
        outcomes = {"done": "", "partial": self.tr(" (some files failed)"), "cancelled": self.tr(" (cancelled)")}
        for entry in history(self.library):
            when = _ltr(entry.at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M"))
            item = QTreeWidgetItem(self, [when, entry.who, _ltr(entry.target),
                                          f"{entry.uploaded}{outcomes.get(entry.outcome, '')}", str(entry.deleted),
                                          " ".join(str(d) for d in entry.stories[:20])])  # fmt: skip
            item.setData(2, Qt.ItemDataRole.ToolTipRole, entry.target)
        for column in range(self.columnCount() - 1):
            self.resizeColumnToContents(column)


def _ltr(text: str) -> str:
    # Isolated left to right: a date or a path keeps its order in a right-to-left list.
    return f"\u2066{text}\u2069"
