"""Find and replace in the body, ignoring tashkeel, tatweel and hamza forms (workstation.search.find).

With "All forms" on, a word is also found in its attached forms (بالمطار, مطاراتها for مطار), as
search finds it; replacing is then off, since a replacement would drop the clitics.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QToolButton, QWidget

from workstation.search.find import FoldedText

MAX_HIGHLIGHTS = 2000  # beyond this, painting the marks costs more than they help


class FindBar(QWidget):
    """A bar under the body: find next/previous, replace one, replace all (one undo step)."""

    def __init__(self, editor: QTextEdit, parent=None):
        super().__init__(parent)
        self._editor = editor
        self._folded: FoldedText | None = None
        self._folded_state: tuple = ()
        self.find_edit = QLineEdit(placeholderText=self.tr("Find (ignores tashkeel and hamza forms)"))
        self.replace_edit = QLineEdit(placeholderText=self.tr("Replace with"))
        self.find_edit.setAccessibleName(self.tr("Find"))
        self.replace_edit.setAccessibleName(self.tr("Replace with"))
        self.count_label = QLabel()
        self.previous_button = QToolButton(text=self.tr("Previous"))
        self.next_button = QToolButton(text=self.tr("Next"))
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_all_button = QPushButton(self.tr("Replace all"))
        self.forms_button = QToolButton(text=self.tr("All forms"), checkable=True)
        self.forms_button.setToolTip(self.tr("Also find the word with و ف ب ك ل ال before it and suffixes after it"))
        self.close_button = QToolButton(text="✕")
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(self.previous_button, 0, 1)
        layout.addWidget(self.next_button, 0, 2)
        layout.addWidget(self.count_label, 0, 3)
        layout.addWidget(self.forms_button, 0, 4)
        layout.addWidget(self.close_button, 0, 5)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 1, 1, 2)
        layout.addWidget(self.replace_all_button, 1, 3)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(lambda: self.find_next(backward=True))
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self.forms_button.toggled.connect(self._forms_toggled)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # PySide6 ignores context= here
        self._highlight_timer = QTimer(self, singleShot=True, interval=200)
        self._highlight_timer.timeout.connect(self.highlight)
        self._note = ""  # what the last replace-all did, shown with the count until the search changes
        self.find_edit.textChanged.connect(self._search_changed)
        editor.textChanged.connect(self._text_changed)
        self.hide()

    # -- showing ------------------------------------------------------------------------------
    def show_find(self, replace: bool = False) -> None:
        """Opens the bar (with the replace row when asked), seeded with the selected text."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.highlight()
        QTimer.singleShot(0, self, self.reveal)  # the bar took height from the body: keep the match in view

    def close_bar(self) -> None:
        """Hides the bar and its marks, giving the focus back to the body."""
        self.hide()
        self._editor.setExtraSelections([])
        self._editor.setFocus()

    def _forms_toggled(self, on: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setEnabled(not on)
        self.highlight()

    def _search_changed(self, _text: str) -> None:
        self._note = ""
        self._highlight_timer.start()

    def _text_changed(self) -> None:
        if self.isVisible():
            self._highlight_timer.start()

    # -- matching -----------------------------------------------------------------------------
    def matches(self) -> list[tuple[int, int]]:
        """Document positions [start, end) of every match of the find text."""
        document = self._editor.document()
        state = (document, document.revision())  # a newly loaded article is a new document
        if self._folded is None or self._folded_state != state:
            # toPlainText keeps one character per document position (block ends become \n)
            self._folded = FoldedText(document.toPlainText())
            self._folded_state = state
        if self.forms_button.isChecked():
            return self._folded.find_forms(self.find_edit.text())
        return self._folded.find_all(self.find_edit.text())

    def highlight(self) -> None:
        """Marks every match in the body and shows how many there are."""
        found = self.matches() if self.isVisible() else []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#fce94f"))
        marks = []
        for start, end in found[:MAX_HIGHLIGHTS]:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = self._cursor(start, end)
            mark.format = fmt
            marks.append(mark)
        self._editor.setExtraSelections(marks)
        text = self.tr("{count} found").format(count=len(found)) if self.find_edit.text() else ""
        self.count_label.setText(f"{self._note} · {text}" if self._note and text else self._note or text)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def find_next(self, backward: bool = False) -> bool:
        """Selects the next (or previous) match after the cursor, wrapping around; False if there is none."""
        found = self.matches()
        if not found:
            self.count_label.setText(self.tr("Not found") if self.find_edit.text() else "")
            return False
        cursor = self._editor.textCursor()
        if backward:
            before = [m for m in found if m[1] <= cursor.selectionStart() and m != self._selected()]
            start, end = before[-1] if before else found[-1]
        else:
            after = [m for m in found if m[0] >= cursor.selectionEnd() and m != self._selected()]
            start, end = after[0] if after else found[0]
        self._editor.setTextCursor(self._cursor(start, end))
        self.reveal()
        QTimer.singleShot(0, self, self.reveal)  # again once the layout has settled
        self.count_label.setText(self.tr("{index} of {count}").format(index=found.index((start, end)) + 1,
                                                                        count=len(found)))  # fmt: skip
        return True

    def reveal(self) -> None:
        """Scrolls the body so the cursor (the match) sits well inside the view, never at or past its edge."""
        self._editor.ensureCursorVisible()
        rect, height = self._editor.cursorRect(), self._editor.viewport().height()
        if rect.top() < rect.height() or rect.bottom() > height - 2 * rect.height():
            bar = self._editor.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - height // 2)

    def _selected(self) -> tuple[int, int] | None:
        cursor = self._editor.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None

    def replace_one(self) -> bool:
        """Replaces the selected match (or finds the next one first); True if something was replaced."""
        if self.forms_button.isChecked():
            return False
        if self._selected() not in self.matches():
            self.find_next()
            if self._selected() not in self.matches():
                return False
        cursor = self._editor.textCursor()
        cursor.insertText(self.replace_edit.text())
        self._editor.setTextCursor(cursor)
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replaces every match as one undo step; gives the number replaced."""
        found = [] if self.forms_button.isChecked() else self.matches()
        if not found:
            return 0
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        for start, end in reversed(found):  # from the end, so earlier positions stay valid
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.replace_edit.text())
        cursor.endEditBlock()
        self._note = self.tr("{count} replaced").format(count=len(found))
        self.highlight()
        return len(found)
