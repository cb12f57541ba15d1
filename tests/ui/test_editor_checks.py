"""Writing checks in the editor: underlines, the right-click menu, the Checks pane and its fixes."""

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from workstation.articles.repo import ArticleRepo
from workstation.body.richtext import text_to_body
from workstation.checks.library import NewsroomDictionary
from workstation.checks.spelling import SpellingUnavailable, open_dictionary

from ui.editor import ArticleEditor

pytestmark = pytest.mark.usefixtures("no_stray_dialogs")

BODY = "أعلن المدرب إجتماع اللاعبين اليوم.\nقال الوزير, إن العمل بدأ."


@pytest.fixture(scope="module", autouse=True)
def hunspell():
    try:
        open_dictionary()
    except SpellingUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def editor(qtbot, library, direction):
    widget = ArticleEditor(library, search=lambda q: [])
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    qtbot.waitExposed(widget)
    record = ArticleRepo(library).create(headline="فوز الفريق في المبارات", body=text_to_body(BODY))
    widget.load(record.docid)
    yield widget
    widget.flush()


def underlines(block):
    return [(r.start, r.length, r.format.underlineColor().name()) for r in block.layout().formats()
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline]  # fmt: skip


def test_misspellings_and_style_findings_are_underlined_in_two_colours(editor, qtbot):
    qtbot.waitUntil(lambda: len(editor.checks_pane.model.rowCount() * [0]) == 3, timeout=5000)
    first = editor.body.document().begin()
    assert underlines(first) == [(12, 6, "#d0021b")]
    assert underlines(first.next()) == [(10, 1, "#1565c0")]
    rules = [(f.field, f.text, f.rule) for f in editor.writing.findings]
    assert rules == [("headline", "المبارات", "spelling"), ("body", "إجتماع", "spelling"),
                     ("body", ",", "latin-punctuation")]  # fmt: skip
    assert red_pixels(editor.fields.headline) > 10  # the headline's misspelling, drawn by the line edit
    assert red_pixels(editor.fields.subheadline) == 0


def red_pixels(widget):
    image = widget.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if (c := image.pixelColor(x, y)).red() - max(c.green(), c.blue()) > 60)  # fmt: skip


def type_text(widget, text):
    for ch in text:
        widget.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def test_typing_checks_after_a_pause_not_on_the_keystroke(editor, qtbot):
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    type_text(editor.body, " هاذا")
    last = editor.body.document().lastBlock()
    assert [u[:2] for u in underlines(last)] == [(10, 1)]  # not yet: the check waits for a pause
    qtbot.waitUntil(lambda: len(underlines(editor.body.document().lastBlock())) == 2, timeout=5000)
    assert any(f.text == "هاذا" for f in editor.writing.findings)


def menu_for(editor, position, choose=lambda actions: None):
    """Right-clicks the body at a position; `choose` picks the action to trigger from the open menu."""
    seen = {}

    def answer():
        popup = QApplication.activePopupWidget()
        seen["actions"] = [(a.objectName(), a.text()) for a in popup.actions()]
        chosen = choose(popup.actions())
        popup.close()
        if chosen is not None:
            chosen.trigger()

    cursor = QTextCursor(editor.body.document())
    cursor.setPosition(position)
    point = editor.body.cursorRect(cursor).center()
    QTimer.singleShot(50, answer)
    editor.body.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                   editor.body.viewport().mapToGlobal(point)))  # fmt: skip
    return seen["actions"]


def named(name, text=None):
    return lambda actions: next(a for a in actions if a.objectName() == name and text in (None, a.text()))


def test_right_click_offers_suggestions_and_replaces_the_word(editor, qtbot):
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    actions = menu_for(editor, 14, named("suggestion", "اجتماع"))
    assert "اجتماع" in [text for name, text in actions if name == "suggestion"]
    assert {name for name, _text in actions} >= {"add_to_dictionary", "ignore"}
    assert editor.body.document().begin().text().startswith("أعلن المدرب اجتماع اللاعبين")
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 2, timeout=5000)
    editor.body.undo_stack.undo()
    assert "إجتماع" in editor.body.document().begin().text()


def test_add_to_dictionary_stores_the_word_and_clears_its_underline(editor, qtbot, library):
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    menu_for(editor, 14, named("add_to_dictionary"))
    assert NewsroomDictionary(library).words() == ["إجتماع"]
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 2, timeout=5000)
    assert underlines(editor.body.document().begin()) == []


def test_ignore_lasts_for_the_session_only(editor, qtbot, library):
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    menu_for(editor, 14, named("ignore"))
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 2, timeout=5000)
    assert NewsroomDictionary(library).words() == []


def test_checks_pane_jumps_and_fixes_undoably(editor, qtbot):
    pane = editor.checks_pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3, timeout=5000)
    comma = pane.model.index(2)
    pane.view.setCurrentIndex(comma)
    pane.view.clicked.emit(comma)
    cursor = editor.body.textCursor()
    assert cursor.selectedText() == ","
    assert pane.fix_button.isEnabled()
    pane.fix_button.click()
    assert editor.body.document().lastBlock().text() == "قال الوزير، إن العمل بدأ."
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    editor.body.undo_stack.undo()
    assert editor.body.document().lastBlock().text() == "قال الوزير, إن العمل بدأ."
    headline = pane.model.index(0)
    pane.view.clicked.emit(headline)
    assert editor.fields.headline.selectedText() == "المبارات"
    qtbot.waitUntil(lambda: editor.is_dirty() is False, timeout=5000)


def test_rules_menu_switches_a_rule_off_for_the_library(editor, qtbot, library):
    from workstation.checks.library import disabled_rules

    pane = editor.checks_pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3, timeout=5000)
    action = next(a for a in pane.rules_menu.actions() if a.text() in ("Latin punctuation in Arabic text: use ، ؛ ؟",
                                                                         "علامة ترقيم لاتينية في نص عربي: استخدم ، ؛ ؟"))  # fmt: skip
    action.setChecked(False)
    assert disabled_rules(library) == {"latin-punctuation"}
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)


def test_checking_and_underlining_never_count_as_an_edit(editor, qtbot, library):
    version = ArticleRepo(library).get(editor.current_docid()).version
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    editor.writing.checks.ignore("المبارات")  # everything is underlined again
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 2, timeout=5000)
    qtbot.wait(1200)
    assert not editor.is_dirty()
    assert ArticleRepo(library).get(editor.current_docid()).version == version


def test_findings_model_is_a_sound_qt_model(editor, qtbot, qtmodeltester):
    qtbot.waitUntil(lambda: editor.checks_pane.model.rowCount() == 3, timeout=5000)
    qtmodeltester.check(editor.checks_pane.model)


def test_a_caption_box_is_underlined_and_offers_suggestions(editor, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.setPlainText("صورة الإجتماع في موسكو")
    box.show()
    editor.writing.watch_caption(box)
    qtbot.waitUntil(lambda: underlines(box.document().begin()) == [(5, 8, "#d0021b")], timeout=5000)
    seen = {}

    def answer():
        popup = QApplication.activePopupWidget()
        seen["actions"] = [a.text() for a in popup.actions() if a.objectName() == "suggestion"]
        chosen = next(a for a in popup.actions() if a.text() == "الاجتماع")
        popup.close()
        chosen.trigger()

    cursor = QTextCursor(box.document())
    cursor.setPosition(8)
    point = box.cursorRect(cursor).center()
    QTimer.singleShot(50, answer)
    QApplication.sendEvent(box.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                             box.viewport().mapToGlobal(point)))  # fmt: skip
    assert "الاجتماع" in seen["actions"]
    assert box.toPlainText() == "صورة الاجتماع في موسكو"
    qtbot.waitUntil(lambda: underlines(box.document().begin()) == [], timeout=5000)


def test_headline_right_click_offers_suggestions(editor, qtbot):
    qtbot.waitUntil(lambda: len(editor.writing.findings) == 3, timeout=5000)
    headline = editor.fields.headline
    headline.setCursorPosition(0)
    seen = {}

    def answer():
        popup = QApplication.activePopupWidget()
        seen["actions"] = [(a.objectName(), a.text()) for a in popup.actions()]
        chosen = next(a for a in popup.actions() if a.text() == "المباراة")
        popup.close()
        chosen.trigger()

    x = next(x for x in range(headline.width()) if headline.cursorPositionAt(QPoint(x, headline.height() // 2)) == 17)
    point = QPoint(x, headline.height() // 2)
    QTimer.singleShot(50, answer)
    QApplication.sendEvent(
        headline, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, headline.mapToGlobal(point))
    )
    assert ("suggestion", "المباراة") in seen["actions"] and ("add_to_dictionary", "Add to dictionary") in seen[
        "actions"
    ]
    assert headline.text() == "فوز الفريق في المباراة"
    qtbot.waitUntil(lambda: editor.is_dirty() is False and len(editor.writing.findings) == 2, timeout=5000)
