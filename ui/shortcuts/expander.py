"""Code replacements as the editor types: `=code=` expands in every text field of the app.

One event filter on the application sees every key press. When `=` has been typed into a
line edit or a text edit, it asks the core (`workstation.shortcuts.codes`) whether the text
before the cursor now closes a known code, and replaces the code with its text in one edit,
so a single undo brings the code back. Unknown codes in a line edit are underlined.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from workstation.shortcuts.codes import expansion_before, unknown_codes

CodeTable = Callable[[], Mapping[str, str]]


class ShortcutExpander(QObject):
    """Expands `=code=` in whatever text field has the focus; `codes` gives the current list."""

    def __init__(self, codes: CodeTable, parent: QObject | None = None):
        super().__init__(parent)
        self.codes = codes
        self._delivering = False

    def install(self, app: QApplication) -> None:
        """Starts watching every key press of the application."""
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self._delivering or event.type() != QEvent.Type.KeyPress or event.text() != "=":
            return False
        if not _is_text_input(watched):
            return False
        # The key goes in first (delivered here, so the expansion follows it at once, however
        # fast the keys come), then the code it closes is replaced.
        self._delivering = True
        try:
            QApplication.sendEvent(watched, event)
        finally:
            self._delivering = False
        self.expand_in(watched)
        return True

    def expand_in(self, widget: QWidget) -> bool:
        """Expands the code that closes at the cursor of this field, if any; whether it did."""
        if isinstance(widget, QLineEdit):
            return self._expand_line(widget)
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            return self._expand_document(widget)
        return False

    def _expand_line(self, edit: QLineEdit) -> bool:
        if edit.isReadOnly():
            return False
        found = expansion_before(edit.text(), edit.cursorPosition(), self.codes())
        if found is None:
            underline_unknown(edit, self.codes())
            return False
        start, text = found
        end = edit.cursorPosition()
        # A line edit groups its undo steps between cursor moves: moving the cursor round the
        # code before and after the replacement makes the expansion one step of its own.
        edit.setCursorPosition(start)
        edit.cursorForward(True, end - start)
        edit.insert(text)
        after = edit.cursorPosition()
        edit.setCursorPosition(start)
        edit.setCursorPosition(after)
        underline_unknown(edit, self.codes())
        return True

    def _expand_document(self, edit: QTextEdit | QPlainTextEdit) -> bool:
        if edit.isReadOnly():
            return False
        cursor = edit.textCursor()
        block = cursor.block()
        found = expansion_before(block.text(), cursor.positionInBlock(), self.codes())
        if found is None:
            return False
        start, text = found
        cursor.beginEditBlock()  # one undo step brings the code back
        cursor.setPosition(block.position() + start, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()
        edit.setTextCursor(cursor)
        return True


def underline_unknown(edit: QLineEdit, codes: Mapping[str, str]) -> None:
    """Underlines each `=code=` of a line edit that the list does not know (a line edit has no
    character formats of its own; an input-method event with no preedit text carries them)."""
    cursor = edit.cursorPosition()
    formats = []
    for start, end in unknown_codes(edit.text(), codes):
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        underline.setUnderlineColor(Qt.GlobalColor.darkYellow)
        formats.append(
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - cursor, end - start, underline
            )
        )
    QApplication.sendEvent(edit, QInputMethodEvent("", formats))


def _is_text_input(widget: QObject) -> bool:
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit))
