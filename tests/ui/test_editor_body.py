"""The editor's body: round trip with the stored subset, typing Arabic, formatting shortcuts, paste, find."""

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument, QUndoGroup
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from workstation.articles.repo import ArticleRepo
from workstation.body.blocks import parse_body, render_body, renumber_lists
from workstation.body.dateline import format_dateline
from workstation.body.richtext import sanitize_body

from tests.core.body.test_editor_core import documents
from ui.editor import ArticleEditor
from ui.editor.document import document_blocks, document_html, fill_document

SEED_BODY = "<p>اتفقت روسيا والولايات المتحدة على مواصلة مكافحة الإرهاب الدولي.</p><p>وقال الوزير لافروف.</p>"


pytestmark = pytest.mark.usefixtures("no_stray_dialogs")


@pytest.fixture
def repo(library):
    return ArticleRepo(library)


@pytest.fixture
def editor(qtbot, library, repo):
    widget = ArticleEditor(library, search=lambda q: [])
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    record = repo.create(headline="روسيا والولايات المتحدة", body=SEED_BODY, dateline_city="موسكو",
                         dateline_at=datetime(2017, 4, 13, 2, 58, 26), dateline_agency="شينخوا")  # fmt: skip
    assert widget.load(record.docid)
    widget.body.setFocus()
    yield widget
    widget.flush()


def type_text(widget, text):
    """Types text as key events carrying the characters (keyClicks cannot type Arabic)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifiers)


def select_all(qtbot, editor):
    press(qtbot, editor.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def all_blocks_rtl(document):
    block = document.begin()
    while block.isValid():
        if block.blockFormat().layoutDirection() != Qt.LayoutDirection.RightToLeft:
            return False
        block = block.next()
    return True


# -- round trip -----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=documents())
def test_body_round_trips_between_document_and_store(qapp, blocks):
    document = QTextDocument()
    stored = sanitize_body(render_body(blocks))
    fill_document(document, parse_body(stored))
    assert all_blocks_rtl(document)
    # what the editor writes back is exactly what the store held: nothing lost, nothing added
    assert sanitize_body(document_html(document)) == stored
    expected = renumber_lists(parse_body(render_body(blocks)))
    assert renumber_lists([b for b in document_blocks(document) if b.text]) == expected
    # and a document made of those blocks gives the same blocks again
    again = QTextDocument()
    fill_document(again, document_blocks(document))
    assert document_html(again) == document_html(document)


# -- typing ---------------------------------------------------------------------------------------


def test_typing_arabic_goes_into_the_body_right_to_left(qtbot, editor, direction):
    press(qtbot, editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, editor.body, Qt.Key.Key_Return)
    type_text(editor.body, "فقرة جديدة مكتوبة بالعربية")
    press(qtbot, editor.body, Qt.Key.Key_Return)
    type_text(editor.body, "و Tillerson في موسكو")
    html = editor.body.body_html()
    assert html.endswith("<p>فقرة جديدة مكتوبة بالعربية</p><p>و Tillerson في موسكو</p>")
    assert all_blocks_rtl(editor.body.document())
    assert editor.body.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.is_dirty()


def test_typing_by_input_method_commit(qtbot, editor):
    from PySide6.QtGui import QInputMethodEvent

    press(qtbot, editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    event = QInputMethodEvent()
    event.setCommitString(" بكين")
    QApplication.sendEvent(editor.body, event)
    assert editor.body.body_html().endswith("وقال الوزير لافروف. بكين</p>")


def test_fields_follow_their_own_direction(editor, direction):
    fields = editor.fields
    assert fields.headline.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert fields.source_title.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert editor.body.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_word_count_and_reading_time_are_shown(qtbot, editor):
    qtbot.waitUntil(lambda: editor.words_label.text().startswith("12 "), timeout=2000)
    press(qtbot, editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(editor.body, " كلمة أخرى")
    qtbot.waitUntil(lambda: editor.words_label.text().startswith("14 "), timeout=2000)
    assert "1 min" in editor.words_label.text()


def test_dateline_preview_in_house_style(qtbot, editor):
    assert editor.dateline_preview.text() == "موسكو 13 أبريل 2017 (شينخوا)"
    editor.fields.dateline_city.setFocus()
    editor.fields.dateline_city.selectAll()
    type_text(editor.fields.dateline_city, "القاهرة")
    assert editor.dateline_preview.text() == "القاهرة 13 أبريل 2017 (شينخوا)"
    assert editor.dateline_preview.text() == format_dateline("القاهرة", datetime(2017, 4, 13, 2, 58, 26), "شينخوا",
                                                             "Asia/Shanghai")  # fmt: skip


def test_dateline_time_shows_in_the_site_zone_with_ascii_digits(qtbot, editor, repo, direction):
    when = editor.fields.dateline_at
    assert when.text() == "2017-04-13 10:58"  # 02:58 UTC in Asia/Shanghai, sections in order either way
    when.set_local(datetime(2017, 4, 14, 7, 30))  # as if picked in the widget
    assert editor.flush()
    assert repo.get(editor.current_docid()).dateline_at == datetime(2017, 4, 13, 23, 30)
    assert editor.dateline_preview.text() == "موسكو 14 أبريل 2017 (شينخوا)"


# -- formatting -----------------------------------------------------------------------------------

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_bold_and_italic_shortcuts_give_strong_and_em(qtbot, editor, direction):
    editor.body.set_blocks(parse_body("<p>كلمة أولى</p>"))
    press(qtbot, editor.body, Qt.Key.Key_Home)
    press(qtbot, editor.body, Qt.Key.Key_End, SHIFT)
    press(qtbot, editor.body, Qt.Key.Key_B, CTRL)
    assert editor.body.body_html() == "<p><strong>كلمة أولى</strong></p>"
    press(qtbot, editor.body, Qt.Key.Key_I, CTRL)
    assert editor.body.body_html() == "<p><strong><em>كلمة أولى</em></strong></p>"
    press(qtbot, editor.body, Qt.Key.Key_B, CTRL)
    assert editor.body.body_html() == "<p><em>كلمة أولى</em></p>"
    # typing after a bold toggle with no selection is bold
    press(qtbot, editor.body, Qt.Key.Key_End)
    press(qtbot, editor.body, Qt.Key.Key_B, CTRL)
    type_text(editor.body, " ثانية")
    assert editor.body.body_html() == "<p><em>كلمة أولى<strong> ثانية</strong></em></p>"


@pytest.mark.parametrize("keys, html", [
    ((Qt.Key.Key_2, CTRL | ALT), "<h2>سطر</h2><p>آخر</p>"),
    ((Qt.Key.Key_3, CTRL | ALT), "<h3>سطر</h3><p>آخر</p>"),
    ((Qt.Key.Key_8, CTRL | SHIFT), "<ul><li>سطر</li></ul><p>آخر</p>"),
    ((Qt.Key.Key_7, CTRL | SHIFT), "<ol><li>سطر</li></ol><p>آخر</p>"),
    ((Qt.Key.Key_Q, CTRL | SHIFT), "<blockquote><p>سطر</p></blockquote><p>آخر</p>"),
])  # fmt: skip
def test_block_shortcuts_give_the_subset(qtbot, editor, keys, html):
    editor.body.set_blocks(parse_body("<p>سطر</p><p>آخر</p>"))
    press(qtbot, editor.body, *keys)
    assert editor.body.body_html() == html
    assert all_blocks_rtl(editor.body.document())
    press(qtbot, editor.body, Qt.Key.Key_0, CTRL | ALT)  # back to a paragraph
    assert editor.body.body_html() == "<p>سطر</p><p>آخر</p>"


def test_lists_continue_on_return_and_end_on_an_empty_item(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>أ</p>"))
    press(qtbot, editor.body, Qt.Key.Key_8, CTRL | SHIFT)
    press(qtbot, editor.body, Qt.Key.Key_End)
    press(qtbot, editor.body, Qt.Key.Key_Return)
    type_text(editor.body, "ب")
    press(qtbot, editor.body, Qt.Key.Key_Return)
    press(qtbot, editor.body, Qt.Key.Key_Return)
    type_text(editor.body, "ج")
    assert editor.body.body_html() == "<ul><li>أ</li><li>ب</li></ul><p>ج</p>"


def test_return_after_a_heading_starts_a_paragraph(qtbot, editor):
    editor.body.set_blocks(parse_body("<h2>عنوان فرعي</h2>"))
    press(qtbot, editor.body, Qt.Key.Key_End)
    press(qtbot, editor.body, Qt.Key.Key_Return)
    type_text(editor.body, "نص")
    assert editor.body.body_html() == "<h2>عنوان فرعي</h2><p>نص</p>"


def test_link_shortcut_links_the_selection_and_refuses_scripts(qtbot, editor, monkeypatch):
    editor.body.set_blocks(parse_body("<p>وكالة شينخوا</p>"))
    select_all(qtbot, editor)
    answers = iter([("https://arabic.news.cn", True), ("javascript:alert(1)", True), ("", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    press(qtbot, editor.body, Qt.Key.Key_K, CTRL)
    assert editor.body.body_html() == '<p><a href="https://arabic.news.cn">وكالة شينخوا</a></p>'
    type_text(editor.body, " بعد")  # typing after a link is not part of it
    assert editor.body.body_html() == '<p><a href="https://arabic.news.cn">وكالة شينخوا</a> بعد</p>'
    select_all(qtbot, editor)
    press(qtbot, editor.body, Qt.Key.Key_K, CTRL)
    assert warnings and "javascript:alert(1)" in warnings[0]
    assert 'href="https://arabic.news.cn"' in editor.body.body_html()
    press(qtbot, editor.body, Qt.Key.Key_K, CTRL)  # an empty address removes the link
    assert editor.body.body_html() == "<p>وكالة شينخوا بعد</p>"


def test_undo_goes_through_the_undo_stack(qtbot, editor):
    group = QUndoGroup()
    group.addStack(editor.undoStack())
    group.setActiveStack(editor.undoStack())
    assert not group.canUndo()
    select_all(qtbot, editor)
    press(qtbot, editor.body, Qt.Key.Key_B, CTRL)
    assert group.canUndo()
    group.undo()
    assert editor.body.body_html() == SEED_BODY
    group.redo()
    assert editor.body.body_html().startswith("<p><strong>")
    press(qtbot, editor.body, Qt.Key.Key_Z, CTRL)  # the key goes through the same stack
    assert editor.body.body_html() == SEED_BODY
    assert editor.undoStack().index() == 0


# -- paste ----------------------------------------------------------------------------------------


def paste(editor, html=None, text=None):
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    if text is not None:
        data.setText(text)
    QApplication.clipboard().setMimeData(data)
    editor.body.paste()


def test_paste_from_a_browser_keeps_only_the_subset(qtbot, editor):
    editor.body.set_blocks([])
    paste(editor, html=(
        '<html><body><!--StartFragment--><style>p{color:red}</style><script>alert(1)</script>'
        '<p onclick="steal()" style="color:red"><b>عاجل</b> <span style="font-weight:700">خبر</span> '
        '<a href="javascript:evil()">رابط</a> <a href="https://news.cn/a" onmouseover="x()">آخر</a></p>'
        '<h1>عنوان</h1><div>سطر</div><img src="x.png" onerror="boom()"><!--EndFragment--></body></html>'))  # fmt: skip
    html = editor.body.body_html()
    assert html == ('<p><strong>عاجل</strong> <strong>خبر</strong> رابط <a href="https://news.cn/a">آخر</a></p>'
                    '<h2>عنوان</h2><p>سطر</p>')  # fmt: skip
    for word in ("script", "style", "onclick", "onmouseover", "javascript", "img", "color"):
        assert word not in html
    assert all_blocks_rtl(editor.body.document())


def test_paste_from_a_word_processor_maps_bold_and_italic(qtbot, editor):
    editor.body.set_blocks([])
    paste(editor, html=('<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-9">'
                        '<p dir="ltr"><span style="font-weight:700;">مهم</span><span style="font-style:italic;">'
                        ' جدا</span><span> عادي</span></p></b>'))  # fmt: skip
    assert editor.body.body_html() == "<p><strong>مهم</strong><em> جدا</em> عادي</p>"


def test_paste_inline_joins_the_paragraph_and_plain_text_makes_paragraphs(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>أول آخر</p>"))
    press(qtbot, editor.body, Qt.Key.Key_Home)
    for _ in range(4):
        press(qtbot, editor.body, Qt.Key.Key_Right if editor.body.layoutDirection() == Qt.LayoutDirection.LeftToRight
              else Qt.Key.Key_Left)  # fmt: skip
    cursor = editor.body.textCursor()
    cursor.setPosition(4)
    editor.body.setTextCursor(cursor)
    paste(editor, html="<strong>وسط</strong>")
    assert editor.body.body_html() == "<p>أول <strong>وسط</strong>آخر</p>"
    editor.body.set_blocks([])
    paste(editor, text="سطر أول\n\n\tسطر ثان  ")
    assert editor.body.body_html() == "<p>سطر أول</p><p>سطر ثان</p>"


def test_paste_into_an_empty_list_item_keeps_the_item_and_its_list(qtbot, editor):
    editor.body.set_blocks(parse_body("<ul><li>أول</li></ul>"))
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    press(qtbot, editor.body, Qt.Key.Key_Return)  # a new, empty item
    assert editor.body.textCursor().currentList() is not None and not editor.body.textCursor().block().text()
    paste(editor, text="ثان")
    assert editor.body.body_html() == "<ul><li>أول</li><li>ثان</li></ul>"
    paste(editor, html="<p>ثالث</p><p>رابع</p>")  # paragraphs pasted in a list become its items
    assert editor.body.body_html() == "<ul><li>أول</li><li>ثانثالث</li><li>رابع</li></ul>"


def test_pasted_wire_copy_makes_clean_paragraphs(qtbot, editor):
    editor.body.set_blocks([])
    paste(editor, text="بكين (شينخوا) قال\nالمتحدث إن\n\nوأضاف  أن\nالحوار مستمر.\n")
    assert editor.body.body_html() == "<p>بكين (شينخوا) قال المتحدث إن</p><p>وأضاف أن الحوار مستمر.</p>"
    editor.body.set_blocks([])
    paste(editor, html="<div>أول<br><br>ثان&nbsp;&nbsp; ثالث<br></div>")
    assert editor.body.body_html() == "<p>أول</p><p>ثان ثالث</p>"


def test_paste_is_one_undo_step(qtbot, editor):
    before = editor.undoStack().count()
    paste(editor, html="<p>أ</p><p>ب</p><ul><li>ج</li></ul>")
    assert editor.undoStack().count() == before + 1
    editor.undoStack().undo()
    assert editor.body.body_html() == SEED_BODY


def test_copy_puts_the_subset_on_the_clipboard(qtbot, editor):
    editor.body.set_blocks(parse_body("<p><strong>غامق</strong> عادي</p>"))
    select_all(qtbot, editor)
    editor.body.copy()
    data = QApplication.clipboard().mimeData()
    assert data.html() == "<p><strong>غامق</strong> عادي</p>"
    assert data.text() == "غامق عادي"


# -- find and replace -----------------------------------------------------------------------------


def test_find_ignores_tashkeel_and_hamza(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>قالَ إنّ الأمم المتحدة</p><p>إن <strong>الامم</strong> قالت</p>"))
    press(qtbot, editor, Qt.Key.Key_F, CTRL)
    assert editor.find_bar.isVisible()
    type_text(editor.find_bar.find_edit, "الامم")
    assert editor.find_bar.matches() == [(9, 14), (26, 31)]
    assert editor.find_bar.find_next()
    assert editor.body.textCursor().selectedText() == "الأمم"
    editor.body.moveCursor(QTextCursor.MoveOperation.Start)
    editor.find_bar.find_edit.setText("ان")
    assert editor.find_bar.find_next()
    assert editor.body.textCursor().selectedText() == "إنّ"  # the shadda after the last letter comes along


def test_find_can_take_in_all_forms_of_a_word(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>وصل الوفدُ بالمطارِ</p><p>ثم زار المطارات ثم المطاردة</p>"))
    editor.find_bar.show_find(replace=True)
    editor.find_bar.find_edit.setText("مطار")
    assert len(editor.find_bar.matches()) == 3  # the letters, wherever they are: المطاردة too
    editor.find_bar.forms_button.click()
    assert [editor.body.toPlainText()[a:b] for a, b in editor.find_bar.matches()] == ["بالمطارِ", "المطارات"]
    assert editor.find_bar.find_next()
    assert editor.body.textCursor().selectedText() == "بالمطارِ"
    assert not editor.find_bar.replace_all_button.isEnabled()
    assert editor.find_bar.replace_all() == 0  # a replacement would drop the clitics
    editor.find_bar.forms_button.click()
    assert editor.find_bar.replace_all_button.isEnabled()


def test_replace_all_is_one_undo_step(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>قالَ إنّ الأمم المتحدة</p><p>إن <strong>الامم</strong> قالت</p>"))
    press(qtbot, editor, Qt.Key.Key_H, CTRL)
    editor.find_bar.find_edit.setText("الأمم")
    editor.find_bar.replace_edit.setText("المنظمة")
    before = editor.undoStack().count()
    assert editor.find_bar.replace_all() == 2
    assert editor.body.body_html() == "<p>قالَ إنّ المنظمة المتحدة</p><p>إن <strong>المنظمة</strong> قالت</p>"
    qtbot.wait(400)  # the marks are redone after the edit: the count of replacements stays in sight
    assert editor.find_bar.count_label.text().startswith(editor.find_bar.tr("{count} replaced").format(count=2))
    assert editor.undoStack().count() == before + 1
    editor.undoStack().undo()
    assert editor.body.body_html() == "<p>قالَ إنّ الأمم المتحدة</p><p>إن <strong>الامم</strong> قالت</p>"


def test_replace_one_replaces_the_current_match_then_moves_on(qtbot, editor):
    editor.body.set_blocks(parse_body("<p>أحمد وأَحمد واحمد</p>"))
    editor.find_bar.show_find(replace=True)
    editor.find_bar.find_edit.setText("احمد")
    editor.find_bar.replace_edit.setText("محمد")
    assert editor.find_bar.replace_one()
    assert editor.body.body_html() == "<p>محمد وأَحمد واحمد</p>"
    assert editor.body.textCursor().selectedText() == "أَحمد"
    press(qtbot, editor.find_bar, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible()


def test_find_follows_a_newly_loaded_article(qtbot, editor, repo):
    editor.find_bar.show_find()
    editor.find_bar.find_edit.setText("روسيا")
    assert len(editor.find_bar.matches()) == 1
    other = repo.create(headline="آخر", body="<p>روسيا وروسيا وروسيا</p>")
    editor.load(other.docid)
    assert len(editor.find_bar.matches()) == 3


def test_find_never_leaves_the_match_under_the_bar(qtbot, editor):
    paragraphs = [f"<p>فقرة رقم {n} من نص طويل</p>" for n in range(120)]
    paragraphs.insert(60, "<p>الكلمة المطلوبة في الوسط</p>")
    editor.body.set_blocks(parse_body("".join(paragraphs)))
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.Start)
    editor.open_find()
    editor.find_bar.find_edit.setText("المطلوبة")
    assert editor.find_bar.find_next()
    qtbot.wait(50)  # the bar has taken its height from the body
    rect, height = editor.body.cursorRect(), editor.body.viewport().height()
    assert editor.body.textCursor().selectedText() == "المطلوبة"
    assert rect.height() <= rect.top() and rect.bottom() <= height - rect.height(), (rect, height)
