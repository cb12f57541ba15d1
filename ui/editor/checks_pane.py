"""The Checks pane: every finding of the open story; a click jumps to it, Fix applies a certain fix."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from workstation.checks.findings import RULES, Finding

from ui.editor.checking import SPELLING_COLOR, STYLE_COLOR, message_language


def _visible(text: str) -> str:
    """A span as the list shows it: spaces that are the point of a finding made visible."""
    text = text.replace("\n", " ").replace("\u200f", "[RLM]")
    return text.replace(" ", "␣") if not text.strip() or len(text) <= 3 else text.strip()


class FindingsModel(QAbstractListModel):
    """The findings of one story as a list: where, what, and what the check says."""

    FindingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._fields = {"headline": self.tr("Headline"), "subtitle": self.tr("Subheadline"),
                        "dateline": self.tr("Dateline"), "body": self.tr("Body")}  # fmt: skip

    def set_findings(self, findings: list[Finding]) -> None:
        """Shows these findings instead of the earlier ones."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        """The finding shown in a row."""
        return self._findings[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._findings)

    def field_name(self, field: str) -> str:
        """A field's name as the user knows it."""
        if field.startswith("caption:"):
            return self.tr("Caption %1").replace("%1", field.split(":", 1)[1])
        return self._fields.get(field, field)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        f = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            language = message_language()
            shown, fix = _visible(f.text), f" → {_visible(f.fix)}" if f.fix is not None else ""
            return f"{self.field_name(f.field)}: «{shown}»{fix} — {f.message(language)}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SPELLING_COLOR if f.rule == "spelling" else STYLE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.text}\n{RULES[f.rule].ar}\n{f.message('en')}"
        if role == self.FindingRole:
            return f
        return None


class ChecksPane(QWidget):
    """Lists the findings of the open story; asks the editor to jump to one or to fix it."""

    jumpRequested = Signal(object)  # Finding
    fixRequested = Signal(object)  # Finding
    ruleToggled = Signal(str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FindingsModel(self)
        self._shown_rules: frozenset[str] | None = None
        self.view = QListView(objectName="checks_list")
        self.view.setModel(self.model)
        # one line a finding: a long article can have hundreds, and rows of one height lay out at once
        self.view.setUniformItemSizes(True)
        self.summary = QLabel(objectName="checks_summary")
        self.fix_button = QPushButton(self.tr("Fix"), objectName="checks_fix")
        self.fix_button.setEnabled(False)
        self.rules_button = QToolButton(text=self.tr("Rules"), objectName="checks_rules")
        self.rules_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rules_menu = QMenu(self.rules_button)
        self.rules_button.setMenu(self.rules_menu)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_button)
        top.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.view.clicked.connect(lambda index: self.jumpRequested.emit(self.model.finding(index.row())))
        self.view.activated.connect(lambda index: self.jumpRequested.emit(self.model.finding(index.row())))
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_fix())
        self.fix_button.clicked.connect(self._fix_current)

    def set_rules(self, disabled: frozenset[str]) -> None:
        """Shows which rules are on (checkable entries of the Rules menu)."""
        if self._shown_rules == disabled:
            return  # never rebuilt under an open menu for nothing
        self._shown_rules = disabled
        self.rules_menu.clear()
        language = message_language()
        for rule in RULES.values():
            action = self.rules_menu.addAction(rule.ar if language == "ar" else rule.en)
            action.setCheckable(True)
            action.setChecked(rule.id not in disabled)
            action.toggled.connect(lambda on, r=rule.id: self.ruleToggled.emit(r, on))

    def set_findings(self, findings: list[Finding], note: str = "") -> None:
        """Lists the findings of the story and says how many there are."""
        self.model.set_findings(findings)
        text = self.tr("No findings") if not findings else self.tr("%n finding(s)", "", len(findings))
        self.summary.setText(f"{text} {note}".strip())
        self._update_fix()

    def current(self) -> Finding | None:
        """The selected finding."""
        index = self.view.currentIndex()
        return self.model.finding(index.row()) if index.isValid() else None

    def _update_fix(self) -> None:
        current = self.current()
        self.fix_button.setEnabled(current is not None and current.fix is not None and current.field != "dateline"
                                   and not current.field.startswith("caption:"))  # fmt: skip

    def _fix_current(self) -> None:
        current = self.current()
        if current is not None:
            self.fixRequested.emit(current)
