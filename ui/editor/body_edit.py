"""The article body: a right-to-left rich-text editor limited to the body's HTML subset."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QTextEdit

from workstation.body.blocks import LINE_BREAK, Block, parse_body, render_body
from workstation.body.htmlmap import clipboard_fragment
from workstation.body.paste import plain_text_blocks, tidy_blocks
from workstation.body.richtext import sanitize_body

from ui.editor.document import (
    QUOTE,
    STRONG,
    block_format,
    block_kind,
    display_weight,
    document_blocks,
    fill_document,
    insert_blocks,
    list_format,
    list_tag,
    selection_blocks,
    set_link,
)
from ui.mime import MIME_ITEMS

BODY_FONT = "Noto Naskh Arabic"


class DocumentEditCommand(QUndoCommand):
    """One level of the text document's own undo, mirrored on a QUndoStack.

    The document has already applied the edit when the command is pushed, so the first
    redo() does nothing; later ones ask the document to redo.
    """

    def __init__(self, document, text: str):
        super().__init__(text)
        self._document = document
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            self._document.redo()
        self._pushed = True

    def undo(self) -> None:
        self._document.undo()


class BodyEdit(QTextEdit):
    """QTextEdit for the body: every block right to left, pastes reduced to the subset, undo on a QUndoStack."""

    linkRequested = Signal()
    filesDropped = Signal(list, int, int)  # local paths; the block they were dropped on and the body's block count

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.undo_stack = QUndoStack(self)
        self.context_menu_hook = None  # called with the menu and the click position before it opens
        self._document: QTextDocument | None = None
        self.set_blocks([])

    # -- content -----------------------------------------------------------------------------
    def set_blocks(self, blocks: list[Block]) -> None:
        """Shows these blocks, with no undo history (a freshly loaded article)."""
        # A new document filled before the view sees it is laid out lazily, page by page; refilling
        # the shown one would lay out a long article in full before the switch could finish.
        document = QTextDocument(self)
        font = QFont(self.font())
        font.setFamilies([BODY_FONT, *self.font().families()])  # Latin letters from the interface font
        font.setPointSizeF(max(self.font().pointSizeF(), 10) * 1.35)
        document.setDefaultFont(font)
        option = QTextOption(document.defaultTextOption())
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        document.setDefaultTextOption(option)
        document.setDocumentMargin(12)
        fill_document(document, blocks)
        document.undoCommandAdded.connect(self._mirror_undo)
        self.undo_stack.clear()
        self.setDocument(document)  # Qt deletes its own first document; ours go here
        if self._document is not None:
            self._document.deleteLater()
        self._document = document

    def body_html(self) -> str:
        """The body as the stored HTML subset."""
        return render_body(document_blocks(self.document()))

    def _mirror_undo(self) -> None:
        self.undo_stack.push(DocumentEditCommand(self.document(), self.tr("Edit text")))

    # -- formatting ---------------------------------------------------------------------------
    def _selected_blocks(self, cursor: QTextCursor):
        document = self.document()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        while block.isValid():
            yield block
            if block == last:
                break
            block = block.next()

    def _merge_chars(self, make) -> None:
        """Merges make(kind) into the selection, or into what is typed next; one undo step."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            kind = block_kind(cursor.block())
            self.mergeCurrentCharFormat(make(kind))
            return
        cursor.beginEditBlock()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        for block in list(self._selected_blocks(cursor)):
            part = QTextCursor(block)
            part.setPosition(max(start, block.position()))
            part.setPosition(min(end, block.position() + block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
            part.mergeCharFormat(make(block_kind(block)))
        cursor.endEditBlock()

    def is_strong(self) -> bool:
        """Whether the text at the cursor is strong."""
        return self.currentCharFormat().boolProperty(STRONG)

    def toggle_strong(self) -> None:
        """Makes the selection strong, or plain again if it already is."""
        strong = not self.is_strong()

        def make(kind: str) -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setProperty(STRONG, strong)
            fmt.setFontWeight(display_weight(kind, strong))
            return fmt

        self._merge_chars(make)

    def toggle_em(self) -> None:
        """Makes the selection emphasized (italic), or plain again if it already is."""
        italic = not self.currentCharFormat().fontItalic()

        def make(_kind: str) -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setFontItalic(italic)
            return fmt

        self._merge_chars(make)

    def current_href(self) -> str:
        """The link target at the cursor, or an empty string."""
        fmt = self.currentCharFormat()
        return fmt.anchorHref() if fmt.isAnchor() else ""

    def set_link(self, href: str | None) -> None:
        """Links the selection to href (None removes the link); with no selection, inserts the address as a link."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            if not href:
                return
            fmt = QTextCharFormat(self.currentCharFormat())
            set_link(fmt, href)
            cursor.insertText(href, fmt)
        else:
            fmt = QTextCharFormat()
            set_link(fmt, href)
            cursor.mergeCharFormat(fmt)
            cursor.setPosition(cursor.selectionEnd())
        plain = QTextCharFormat()
        set_link(plain, None)
        cursor.mergeCharFormat(plain)  # typing after a link is no longer part of it
        self.setTextCursor(cursor)

    def set_block_kind(self, kind: str) -> None:
        """Makes the selected blocks paragraphs (p) or headings (h2, h3), out of any list or quote."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for block in list(self._selected_blocks(cursor)):
            self._reshape(block, kind, quote=False)
        cursor.endEditBlock()

    def _reshape(self, block, kind: str, quote: bool) -> None:
        text_list = block.textList()
        if text_list is not None:
            text_list.remove(block)
        whole = QTextCursor(block)
        whole.setBlockFormat(block_format(kind, quote))
        # re-show every fragment for the new kind, keeping its strong/em/link meaning
        it, spans = block.begin(), []
        while not it.atEnd():
            fragment = it.fragment()
            spans.append((fragment.position(), fragment.length(), fragment.charFormat().boolProperty(STRONG)))
            it += 1
        for position, length, strong in spans:
            part = QTextCursor(block.document())
            part.setPosition(position)
            part.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            part.mergeCharFormat(self._size_format(kind, strong))
        whole.mergeBlockCharFormat(self._size_format(kind, False))

    @staticmethod
    def _size_format(kind: str, strong: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, {"h2": 2, "h3": 1}.get(kind, 0))
        fmt.setFontWeight(display_weight(kind, strong))
        return fmt

    def toggle_quote(self) -> None:
        """Puts the selected paragraphs in a quote, or takes them out of it."""
        cursor = self.textCursor()
        quote = not bool(cursor.blockFormat().property(QUOTE))
        cursor.beginEditBlock()
        for block in list(self._selected_blocks(cursor)):
            kind = block_kind(block)
            self._reshape(block, "p" if kind == "li" else kind, quote)
        cursor.endEditBlock()

    def toggle_list(self, tag: str) -> None:
        """Makes the selected blocks a bulleted (ul) or numbered (ol) list, or plain paragraphs again."""
        cursor = self.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and list_tag(current) == tag:
            for block in list(self._selected_blocks(cursor)):
                self._reshape(block, "p", False)
        else:
            for block in list(self._selected_blocks(cursor)):
                self._reshape(block, "p", False)
            depth = current.format().indent() if current is not None else 1
            cursor.createList(list_format(tag, depth))
        cursor.endEditBlock()

    # -- keys ---------------------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            keys = QKeySequence(event.keyCombination())
            # our own shortcuts win over the text control's (Ctrl+K deletes to the line end on X11)
            if any(a.isEnabled() and a.shortcut() == keys for a in self.actions()):
                event.ignore()
                return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.undo_stack.redo()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self._smart_return():
                return
        super().keyPressEvent(event)

    def _smart_return(self) -> bool:
        """Return ends a heading with a new paragraph, and leaves a list from an empty item."""
        cursor = self.textCursor()
        block = cursor.block()
        if cursor.hasSelection():
            return False
        if block.textList() is not None and block.length() == 1:
            cursor.beginEditBlock()
            self._reshape(block, "p", False)
            cursor.endEditBlock()
            return True
        if block_kind(block) in ("h2", "h3") and cursor.atBlockEnd():
            cursor.insertBlock(block_format("p", bool(block.blockFormat().property(QUOTE))), QTextCharFormat())
            self.setTextCursor(cursor)
            return True
        return False

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        # the menu's undo/redo would bypass the undo stack that the main window's group follows
        for action in menu.actions():
            if action.objectName() == "edit-undo":
                action.triggered.disconnect()
                action.triggered.connect(self.undo_stack.undo)
            elif action.objectName() == "edit-redo":
                action.triggered.disconnect()
                action.triggered.connect(self.undo_stack.redo)
        if self.context_menu_hook is not None:
            self.context_menu_hook(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- clipboard and drops ------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:
        cursor = self.textCursor()
        data = QMimeData()
        data.setHtml(render_body(selection_blocks(cursor)))
        data.setText(cursor.selectedText().replace("\u2029", "\n").replace(LINE_BREAK, "\n"))
        return data

    def _dropped_files(self, event) -> list[Path]:
        mime = event.mimeData()
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_ITEMS):  # photos of a gallery are not text (nor new files)
            event.ignore()
        elif self._dropped_files(event):  # files: always a copy, whatever the file manager proposes
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME_ITEMS):
            event.ignore()
        elif self._dropped_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        paths = [] if event.mimeData().hasFormat(MIME_ITEMS) else self._dropped_files(event)
        if not paths:
            if event.mimeData().hasFormat(MIME_ITEMS):
                event.ignore()
            else:
                super().dropEvent(event)
            return
        block = self.cursorForPosition(event.position().toPoint()).block().blockNumber()
        count = self.document().blockCount()
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        # The copying starts once the event has returned to the file manager.
        QTimer.singleShot(0, lambda: self.filesDropped.emit(paths, block, count))

    def insertFromMimeData(self, source: QMimeData) -> None:
        blocks = pasted_blocks(source)
        if not blocks:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        insert_blocks(cursor, blocks, merge_first=True)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


def pasted_blocks(source: QMimeData) -> list[Block]:
    """What a paste or drop brings into the body: its HTML reduced to the subset and tidied, else its
    plain text in paragraphs (wire copy: a blank line between paragraphs)."""
    if source.hasHtml():
        blocks = tidy_blocks(parse_body(sanitize_body(clipboard_fragment(source.html()))))
        if blocks:
            return blocks
    if source.hasText():
        return plain_text_blocks(source.text())
    return []
