"""The bridge between the body's blocks (workstation.body.blocks) and a QTextDocument.

The document is walked block by block and fragment by fragment; Qt's own toHtml() is
never used, since its inline styles are not the stored subset. Meaning is carried by
explicit format properties (STRONG, QUOTE, heading level, list, anchor); fonts, sizes
and colours are only how the editor shows them.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from workstation.body.blocks import Block, Run, clean_href, merge_runs, render_body

STRONG = QTextFormat.Property.UserProperty + 1
QUOTE = QTextFormat.Property.UserProperty + 2
# Lists made from stored HTML carry an id, and nested ones the "tag:id" of their enclosing lists,
# so a list whose first items are nested ones still encloses them (it has no item of its own yet).
LIST_ID = QTextFormat.Property.UserProperty + 3
LIST_PARENTS = QTextFormat.Property.UserProperty + 4
_list_ids = itertools.count(1)

LINK_COLOR = QColor("#1a5fb4")
QUOTE_MARGIN = 28
PARAGRAPH_SPACING = 6
_HEADING_SIZE = {"h2": 2, "h3": 1}  # QTextFormat.FontSizeAdjustment steps, as Qt uses for <h2>/<h3>
_UL_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
_OL_STYLES = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
              QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
              QTextListFormat.Style.ListUpperRoman}  # fmt: skip


def block_format(kind: str = "p", quote: bool = False) -> QTextBlockFormat:
    """The format of a body block: always right to left, with its heading level and quote mark."""
    fmt = QTextBlockFormat()
    fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    fmt.setHeadingLevel({"h2": 2, "h3": 3}.get(kind, 0))
    fmt.setBottomMargin(PARAGRAPH_SPACING)
    fmt.setProperty(QUOTE, bool(quote))
    if quote:
        fmt.setLeftMargin(QUOTE_MARGIN)
        fmt.setRightMargin(QUOTE_MARGIN)
        fmt.setBackground(QColor("#f1f1ee"))
    return fmt


def display_weight(kind: str, strong: bool) -> int:
    """The font weight that shows a character: bold for strong text and for headings."""
    return QFont.Weight.Bold if strong or kind in _HEADING_SIZE else QFont.Weight.Normal


def char_format(run: Run, kind: str = "p") -> QTextCharFormat:
    """The character format showing a run inside a block of this kind."""
    fmt = QTextCharFormat()
    if kind in _HEADING_SIZE:
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE[kind])
    if run.strong or kind in _HEADING_SIZE:
        fmt.setFontWeight(display_weight(kind, run.strong))
    if run.strong:
        fmt.setProperty(STRONG, True)
    if run.em:
        fmt.setFontItalic(True)
    if run.href:
        set_link(fmt, run.href)
    return fmt


def set_link(fmt: QTextCharFormat, href: str | None) -> None:
    """Makes the format a link to `href`, or no link at all when it is None."""
    fmt.setAnchor(bool(href))
    fmt.setAnchorHref(href or "")
    fmt.setFontUnderline(bool(href))
    if href:
        fmt.setForeground(LINK_COLOR)
    else:
        fmt.clearForeground()


def block_kind(block: QTextBlock) -> str:
    """The subset kind of a document block: li, h2, h3 or p."""
    if block.textList() is not None:
        return "li"
    return {2: "h2", 3: "h3"}.get(block.blockFormat().headingLevel(), "p")


def list_format(tag: str, depth: int) -> QTextListFormat:
    """The list format of a bulleted (ul) or numbered (ol) list at a nesting depth (1 = outermost)."""
    fmt = QTextListFormat()
    style = QTextListFormat.Style.ListDecimal if tag == "ol" else _UL_STYLES[(depth - 1) % len(_UL_STYLES)]
    fmt.setStyle(style)
    fmt.setIndent(depth)
    return fmt


def _list_identity(text_list: QTextList) -> tuple[str, int]:
    fmt = text_list.format()
    return ("id", fmt.intProperty(LIST_ID)) if fmt.hasProperty(LIST_ID) else ("object", text_list.objectIndex())


def list_tag(text_list: QTextList) -> str:
    """ol for a numbered list, ul for a bulleted one."""
    return "ol" if text_list.format().style() in _OL_STYLES else "ul"


def insert_blocks(cursor: QTextCursor, blocks: list[Block], merge_first: bool = False) -> None:
    """Inserts blocks at the cursor; with merge_first the first one's text joins the current block.

    The caller wraps this in an edit block when it should be one undo step.
    """
    lists: dict[int, QTextList] = {}
    ids: dict[int, int] = {}  # list key in the blocks -> LIST_ID in the document
    formats: dict[tuple, QTextCharFormat] = {}  # a long article has few distinct formats: build each once
    block_formats: dict[tuple[str, bool], QTextBlockFormat] = {}
    # Plain paragraphs pasted into a list item stay items of that list, the empty item included.
    into_list = merge_first and cursor.currentList() is not None and all(b.kind == "p" for b in blocks)
    for i, block in enumerate(blocks):
        kind = block.kind
        if i == 0 and merge_first and (cursor.block().length() > 1 or into_list):
            kind = block_kind(cursor.block())  # the pasted text takes on the block it lands in
        elif into_list:
            kind = "li"
            cursor.insertBlock(cursor.blockFormat(), QTextCharFormat())
        else:
            shape = (block.kind, block.quote)
            fmt = block_formats.get(shape) or block_formats.setdefault(shape, block_format(*shape))
            if i == 0:
                cursor.setBlockFormat(fmt)
                cursor.setBlockCharFormat(QTextCharFormat())
            else:
                cursor.insertBlock(fmt, QTextCharFormat())
            if block.kind == "li" and block.lists:
                tag, key = block.lists[-1]
                if key in lists:
                    lists[key].add(cursor.block())
                else:
                    for _, level_key in block.lists:
                        ids.setdefault(level_key, next(_list_ids))
                    fmt = list_format(tag, len(block.lists))
                    fmt.setProperty(LIST_ID, ids[key])
                    fmt.setProperty(LIST_PARENTS, " ".join(f"{t}:{ids[k]}" for t, k in block.lists[:-1]))
                    lists[key] = cursor.createList(fmt)
        for run in block.runs:
            key = (run.strong, run.em, run.href, kind)
            fmt = formats.get(key) or formats.setdefault(key, char_format(run, kind))
            cursor.insertText(run.text, fmt)
    if blocks:
        cursor.setCharFormat(QTextCharFormat())


def fill_document(document: QTextDocument, blocks: list[Block]) -> None:
    """Replaces the document's content with the blocks, leaving no undo history."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    if blocks:
        insert_blocks(cursor, blocks)
    else:
        cursor.setBlockFormat(block_format())
    cursor.endEditBlock()
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def _runs(block: QTextBlock) -> tuple[Run, ...]:
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            href = clean_href(fmt.anchorHref()) if fmt.isAnchor() else None
            text = fragment.text().replace("\ufffc", "").replace("\t", " ")
            runs.append(Run(text, fmt.boolProperty(STRONG), fmt.fontItalic(), href))
        it += 1
    return merge_runs(runs)


def document_blocks(document: QTextDocument) -> list[Block]:
    """The document as body blocks (empty ones included; rendering leaves them out)."""
    blocks: list[Block] = []
    stack: list[tuple[tuple[str, int], int, str, int]] = []  # (list identity, indent, tag, key)
    keys = 0
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        path: tuple[tuple[str, int], ...] = ()
        if text_list is not None:
            identity, indent = _list_identity(text_list), text_list.format().indent()
            while stack and (stack[-1][1] > indent or (stack[-1][1] == indent and stack[-1][0] != identity)):
                stack.pop()
            if not stack or stack[-1][0] != identity:
                parents = [p.split(":") for p in text_list.format().stringProperty(LIST_PARENTS).split()]
                for level, (_tag, uid) in enumerate(parents, 1):
                    if level <= len(stack) and stack[level - 1][0] != ("id", int(uid)):
                        del stack[level - 1 :]  # the list it was nested in has ended
                        break
                for level in range(len(stack) + 1, indent):
                    tag, uid = parents[level - 1] if level - 1 < len(parents) else ("ul", f"-{keys}")
                    stack.append((("id", int(uid)), level, tag, keys))
                    keys += 1
                stack.append((identity, indent, list_tag(text_list), keys))
                keys += 1
            path = tuple((tag, key) for _, _, tag, key in stack)
        else:
            stack.clear()
        quote = bool(block.blockFormat().property(QUOTE)) and text_list is None
        blocks.append(Block(block_kind(block), _runs(block), quote, path))
        block = block.next()
    return blocks


def document_html(document: QTextDocument) -> str:
    """The document as the stored HTML subset."""
    return render_body(document_blocks(document))


def selection_blocks(cursor: QTextCursor) -> list[Block]:
    """The selected part of a document as body blocks (for copy and drag)."""
    scratch = QTextDocument()
    QTextCursor(scratch).insertFragment(cursor.selection())
    return document_blocks(scratch)
