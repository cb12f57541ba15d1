"""Writing checks while editing: underlines in the body and the headline fields, the right-click
menu of suggestions, and the findings the Checks pane lists.

Nothing is checked on the keystroke path. Typing only looks paragraphs up in a cache of
findings (a paragraph being typed keeps its last underlines where their words still
stand); once typing pauses, the paragraphs not yet checked are checked a few at a time
(at most CHUNK_SECONDS per turn of the event loop), then the story-wide rules run and the
Checks pane is filled.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from workstation.body.letters import strip_marks
from workstation.checks.findings import Finding
from workstation.checks.library import NewsroomDictionary, checker_for, clean_word, set_rule_enabled
from workstation.checks.story import Checker, StoryText, dateline_findings, mixed_digit_findings
from workstation.library.store import Library

IDLE_MS = 300
CHUNK_SECONDS = 0.008
_CACHE_LIMIT = 20_000
SPELLING_COLOR = QColor("#d0021b")
STYLE_COLOR = QColor("#1565c0")
LINE_FIELDS = ("headline", "subtitle")


def finding_format(finding: Finding) -> QTextCharFormat:
    """A red wavy underline for a misspelling, a blue one for a house-style finding."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(SPELLING_COLOR if finding.rule == "spelling" else STYLE_COLOR)
    return fmt


class WritingChecks(QObject):
    """The library's checker, the words ignored in this session, and findings cached per paragraph."""

    changed = Signal()  # the dictionary, the ignored words or the rules changed: check again

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self._checker: Checker | None = None
        self.unavailable: str | None = None  # why spelling is off
        self.ignored: set[str] = set()
        self._cache: dict[str, list[Finding]] = {}

    @property
    def checker(self) -> Checker:
        """The checker, made on first use (opening hunspell's dictionary takes a moment)."""
        if self._checker is None:
            self._checker, self.unavailable = checker_for(self.library)
        return self._checker

    def cached(self, text: str) -> list[Finding] | None:
        """A paragraph's findings if it was checked already."""
        return self._cache.get(text)

    def paragraph(self, text: str) -> list[Finding]:
        """A paragraph's findings (offsets in it), checking it now if need be."""
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            found = self.checker.paragraph(text, "body")
            if self.ignored:
                found = [f for f in found if not (f.rule == "spelling" and strip_marks(f.text) in self.ignored)]
            self._cache[text] = found
        return found

    def suggestions(self, word: str) -> list[str]:
        """hunspell's suggestions for a misspelled word."""
        speller = self.checker.speller
        return speller.suggest(word) if speller is not None else []

    def add_to_dictionary(self, word: str) -> None:
        """Adds a word to the library's newsroom dictionary; a ValueError says why it cannot be one."""
        NewsroomDictionary(self.library).add([clean_word(word)])
        if self.checker.speller is not None:
            self.checker.speller.add_words([word])
        self._changed()

    def ignore(self, word: str) -> None:
        """Accepts a word until the app closes."""
        self.ignored.add(strip_marks(word))
        self._changed()

    def set_rule_enabled(self, rule: str, enabled: bool) -> None:
        """Switches a rule on or off for the library."""
        self.checker.disabled = set_rule_enabled(self.library, [rule], enabled)
        self._changed()

    def _changed(self) -> None:
        self._cache.clear()
        self.changed.emit()


def _still_there(text: str, old: list[Finding]) -> list[Finding]:
    """Earlier findings of a paragraph that is being typed in, moved to where their text now is."""
    kept = []
    for f in old:
        at = f.offset if text[f.offset : f.offset + f.length] == f.text else text.find(f.text, max(0, f.offset - 8))
        if at >= 0 and abs(at - f.offset) <= 8:
            kept.append(f.moved(f.field, at - f.offset))
    return kept


class BodyHighlighter(QSyntaxHighlighter):
    """Underlines the findings of each paragraph of the body, from the cache only."""

    def __init__(self, checks: WritingChecks, document=None):
        super().__init__(document)
        self.checks = checks
        self.extra: dict[int, list[Finding]] = {}  # story-wide findings by block number
        self._last: dict[int, list[Finding]] = {}

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        number = self.currentBlock().blockNumber()
        found = self.checks.cached(text)
        if found is None:
            found = _still_there(text, self._last.get(number, []))
        else:
            self._last[number] = found
        for f in (*found, *self.extra.get(number, ())):
            self.setFormat(f.offset, f.length, finding_format(f))


def underline_line(line: QLineEdit, findings: list[Finding]) -> None:
    """Wavy underlines in a QLineEdit, which has no highlighter: formats given as an input-method
    event's attributes, which the line keeps until the next such event."""
    cursor = line.cursorPosition()
    attributes = [
        QInputMethodEvent.Attribute(
            QInputMethodEvent.AttributeType.TextFormat, f.offset - cursor, f.length, QTextFormat(finding_format(f))
        )  # fmt: skip
        for f in findings
    ]
    QCoreApplication.sendEvent(line, QInputMethodEvent("", attributes))


class EditorChecks(QObject):
    """Checks what the article editor shows: runs the checks after typing pauses, keeps the
    underlines, answers the right-click menus and applies fixes."""

    findingsChanged = Signal(list)  # list[Finding]; body offsets are positions in the document

    def __init__(self, checks: WritingChecks, body, lines: dict[str, QLineEdit],
                 story_parts: Callable[[], dict], pane=None, parent=None):  # fmt: skip
        super().__init__(parent)
        self.checks = checks
        self.body = body
        self.lines = lines
        self.story_parts = story_parts  # dateline parts and captions of the open story
        self.findings: list[Finding] = []
        self.highlighter = BodyHighlighter(checks)
        self._next = 0
        self._active = False
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._timer.timeout.connect(self._step)
        self._line_findings: dict[str, list[Finding]] = {}
        self._highlighting = False
        self._caption = None
        self.targets: dict[str, QWidget] = {}  # other fields a finding can be in: focused on a jump
        checks.changed.connect(self.recheck)
        body.context_menu_hook = self._body_menu
        self.pane = pane
        if pane is not None:
            self.findingsChanged.connect(self._show_in_pane)
            pane.jumpRequested.connect(self.jump)
            pane.fixRequested.connect(self._fix_from_pane)
            pane.ruleToggled.connect(checks.set_rule_enabled)
        for line in lines.values():
            line.textChanged.connect(self.schedule)
            line.installEventFilter(self)

    # -- when to check ------------------------------------------------------------------------
    def attach(self, active: bool) -> None:
        """Follows the body's (new) document; `active` False for no article. Checking starts after a pause."""
        self._active = active
        document = self.body.document()
        if self.highlighter.document() is not document:
            self.highlighter.extra = {}
            self.highlighter._last = {}
            # our own pass now, so the one Qt would run later (not quietly) has nothing left to do
            self._quietly(lambda: (self.highlighter.setDocument(document), self.highlighter.rehighlight()))
            document.contentsChange.connect(self._contents_changed)
        self.findings = []
        self.findingsChanged.emit([])
        self.schedule()

    def _quietly(self, action, box=None) -> None:
        """Runs a change of underlines only: a new format is no edit of the text, so the body (or caption
        box) must not announce one (the editor would save) and checking must not start again."""
        box = box or self.body
        self._highlighting = True
        blocked = box.blockSignals(True)
        try:
            action()
        finally:
            box.blockSignals(blocked)
            self._highlighting = False

    def _rehighlight(self, block) -> None:
        self._quietly(lambda: self.highlighter.rehighlightBlock(block))

    def _contents_changed(self, _position: int, removed: int, added: int) -> None:
        if (removed or added) and not self._highlighting:
            self.schedule()

    def schedule(self) -> None:
        """Checks again once typing pauses."""
        self._next = 0
        if self._active:
            self._timer.start(IDLE_MS)

    def recheck(self) -> None:
        """Checks everything again (the dictionary or the rules changed)."""
        self._quietly(self.highlighter.rehighlight)
        self.schedule()

    def run_now(self) -> list[Finding]:
        """Checks the whole story at once and returns the findings (tests, and the Check now button)."""
        self._timer.stop()
        self._next = 0
        while self._step(budget=None):
            pass
        return self.findings

    def _step(self, budget: float | None = CHUNK_SECONDS) -> bool:
        """Checks paragraphs until the budget is spent; True when there is more to do."""
        if not self._active:
            return False
        deadline = time.perf_counter() + budget if budget is not None else None
        document = self.body.document()
        block = document.findBlockByNumber(self._next)
        while block.isValid():
            text = block.text()
            if self.checks.cached(text) is None:
                if deadline is not None and time.perf_counter() > deadline:
                    self._next = block.blockNumber()
                    self._timer.start(0)
                    return True
                self.checks.paragraph(text)
                self._rehighlight(block)
            block = block.next()
        self._publish()
        return False

    # -- the story's findings -------------------------------------------------------------------
    def _publish(self) -> None:
        document = self.body.document()
        parts = self.story_parts()
        blocks, block = [], document.begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
        texts = tuple(b.text() for b in blocks)
        story = StoryText(0, headline=self.lines["headline"].text(), subtitle=self.lines["subtitle"].text(),
                          paragraphs=texts, **parts)  # fmt: skip
        found: list[Finding] = []
        for name in LINE_FIELDS:
            line_found = [f.moved(name, 0) for f in self.checks.paragraph(self.lines[name].text())]
            self._line_findings[name] = line_found
            underline_line(self.lines[name], line_found)
            found += line_found
        for b, text in zip(blocks, texts):
            found += [f.moved("body", b.position()) for f in self.checks.paragraph(text)]
        for i, caption in enumerate(story.captions, 1):
            found += [f.moved(f"caption:{i}", 0) for f in self.checks.paragraph(caption)]
        disabled = self.checks.checker.disabled
        wide = [] if "dateline" in disabled else dateline_findings(story)
        wide += [] if "mixed-digits" in disabled else mixed_digit_findings(story)
        self._show_story_wide(wide)
        found += wide  # the body's text joins every block with a newline, so its offsets are document positions
        order = {"headline": 0, "subtitle": 1, "dateline": 2, "body": 3}
        found.sort(key=lambda f: (order.get(f.field, 4), f.field, f.offset))
        self.findings = found
        self.findingsChanged.emit(found)

    def _show_story_wide(self, wide: list[Finding]) -> None:
        document = self.body.document()
        extra: dict[int, list[Finding]] = {}
        for f in wide:
            if f.field == "body":
                block = document.findBlock(f.offset)
                extra.setdefault(block.blockNumber(), []).append(f.moved("body", -block.position()))
        old, self.highlighter.extra = self.highlighter.extra, extra
        for n in set(old) | set(extra):
            if old.get(n) != extra.get(n):
                block = document.findBlockByNumber(n)
                if block.isValid():
                    self._rehighlight(block)

    def _show_in_pane(self, findings: list[Finding]) -> None:
        why = self.checks.unavailable
        self.pane.set_rules(self.checks.checker.disabled)
        self.pane.set_findings(findings, self.tr("(spelling is off: %1)").replace("%1", why) if why else "")

    def _fix_from_pane(self, finding: Finding) -> None:
        if not self.fix(finding):
            self.pane.summary.setText(self.tr("The text has changed since it was checked; checking again"))
            self.schedule()

    # -- fixes -----------------------------------------------------------------------------------
    def replace(self, finding: Finding, text: str) -> bool:
        """Replaces a finding's span with `text` as one undoable edit; False if the text moved meanwhile."""
        if finding.field in ("body", "caption-box"):
            box = self.body if finding.field == "body" else self._caption
            cursor = QTextCursor(box.document())
            cursor.setPosition(finding.offset)
            cursor.setPosition(finding.offset + finding.length, QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() != finding.text:
                return False
            cursor.insertText(text)
            return True
        line = self.lines.get(finding.field)
        if line is None or line.text()[finding.offset : finding.offset + finding.length] != finding.text:
            return False
        line.setSelection(finding.offset, finding.length)
        line.insert(text)  # the line's own undo (Ctrl+Z) takes it back
        line.textEdited.emit(line.text())
        return True

    def fix(self, finding: Finding) -> bool:
        """Applies a finding's certain fix; False when it has none or its text changed."""
        return finding.fix is not None and self.replace(finding, finding.fix)

    def jump(self, finding: Finding) -> None:
        """Selects a finding's text in the body or headline field."""
        if finding.field == "body":
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(min(finding.offset, self.body.document().characterCount() - 1))
            cursor.setPosition(min(finding.offset + finding.length, self.body.document().characterCount() - 1),
                               QTextCursor.MoveMode.KeepAnchor)  # fmt: skip
            self.body.setTextCursor(cursor)
            self.body.ensureCursorVisible()
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        elif finding.field in self.lines:
            line = self.lines[finding.field]
            line.setFocus(Qt.FocusReason.OtherFocusReason)
            line.setSelection(finding.offset, finding.length)
        elif finding.field in self.targets:
            self.targets[finding.field].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- right-click menus -----------------------------------------------------------------------
    def finding_at(self, field: str, position: int) -> Finding | None:
        """The finding under a position of the body or caption box (document position) or of a headline field."""
        if field in ("body", "caption-box"):
            box = self.body if field == "body" else self._caption
            block = box.document().findBlock(position)
            found = self.checks.paragraph(block.text())
            pos = position - block.position()
            extra = self.highlighter.extra.get(block.blockNumber(), ()) if field == "body" else ()
            hit = next((f for f in (*found, *extra) if f.offset <= pos <= f.offset + f.length), None)
            return hit.moved(field, block.position()) if hit else None
        for f in self._line_findings.get(field, []):
            if f.offset <= position <= f.offset + f.length:
                return f
        return None

    def fill_menu(self, menu: QMenu, finding: Finding | None) -> None:
        """Puts the suggestions, "Add to dictionary" and "Ignore" (or the fix) at the top of a menu."""
        if finding is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        actions = []
        if finding.rule == "spelling":
            suggestions = self.checks.suggestions(finding.text)
            for word in suggestions:
                action = menu.addAction(word)
                action.setObjectName("suggestion")
                action.triggered.connect(lambda _=False, w=word: self.replace(finding, w))
                actions.append(action)
            if not suggestions:
                none = menu.addAction(self.tr("(no suggestions)"))
                none.setEnabled(False)
                actions.append(none)
            add = menu.addAction(self.tr("Add to dictionary"))
            add.setObjectName("add_to_dictionary")
            add.triggered.connect(lambda: self._add_word(finding.text))
            ignore = menu.addAction(self.tr("Ignore"))
            ignore.setObjectName("ignore")
            ignore.triggered.connect(lambda: self.checks.ignore(finding.text))
            actions += [add, ignore]
        else:
            info = menu.addAction(finding.message(message_language()))
            info.setEnabled(False)
            actions.append(info)
            if finding.fix is not None:
                fix = menu.addAction(self.tr("Fix"))
                fix.setObjectName("fix")
                fix.triggered.connect(lambda: self.fix(finding))
                actions.append(fix)
        for action in actions:
            menu.removeAction(action)
        if first is not None:
            menu.insertActions(first, actions)
            menu.insertSeparator(first)
        else:
            menu.addActions(actions)

    def _add_word(self, word: str) -> None:
        try:
            self.checks.add_to_dictionary(word)
        except ValueError:
            self.checks.ignore(word)

    def _body_menu(self, menu: QMenu, position) -> None:
        cursor = self.body.cursorForPosition(position)
        self.fill_menu(menu, self.finding_at("body", cursor.position()))

    # -- a photo's caption box ---------------------------------------------------------------------
    def watch_caption(self, box) -> None:
        """Underlines the findings of a caption box (a QPlainTextEdit) too, with its own right-click menu."""
        self._caption = box
        self._caption_highlighter = BodyHighlighter(self.checks)
        self._quietly(lambda: self._caption_highlighter.setDocument(box.document()), box)
        timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        timer.timeout.connect(self._check_caption)
        box.textChanged.connect(lambda: self._highlighting or timer.start())
        self.checks.changed.connect(lambda: self._quietly(self._caption_highlighter.rehighlight, box))
        box.viewport().installEventFilter(self)
        timer.start()

    def _check_caption(self) -> None:
        block = self._caption.document().begin()
        while block.isValid():
            if self.checks.cached(block.text()) is None:
                self.checks.paragraph(block.text())
                self._quietly(lambda b=block: self._caption_highlighter.rehighlightBlock(b), self._caption)
            block = block.next()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ContextMenu and watched is getattr(self._caption, "viewport", lambda: None)():
            menu = self._caption.createStandardContextMenu(event.pos())
            position = self._caption.cursorForPosition(event.pos()).position()
            self.fill_menu(menu, self.finding_at("caption-box", position))
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        if event.type() == QEvent.Type.ContextMenu and isinstance(watched, QLineEdit):
            field = next(name for name, line in self.lines.items() if line is watched)
            menu = watched.createStandardContextMenu()
            self.fill_menu(menu, self.finding_at(field, watched.cursorPositionAt(event.pos())))
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return super().eventFilter(watched, event)


def message_language() -> str:
    """The language of the rules' messages: the interface's, which its layout direction follows."""
    return "ar" if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else "en"
