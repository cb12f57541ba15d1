"""Code replacements in the app: `=code=` expands as it is typed, in every kind of text field,
undo brings the code back, unknown codes are underlined, and the list is managed in a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTextEdit

from workstation.articles.repo import ArticleRepo
from workstation.shortcuts.codes import ShortcutRepo

from ui.editor import ArticleEditor
from ui.shortcuts.dialog import ShortcutsDialog
from ui.shortcuts.expander import ShortcutExpander, underline_unknown

PT = "الرئيس الصيني شي جين بينغ"


@pytest.fixture
def codes(library):
    repo = ShortcutRepo(library)
    repo.set({"pt": PT, "رص": "رويترز"})
    return repo


@pytest.fixture
def expander(qapp, codes):
    expander = ShortcutExpander(codes.table)
    expander.install(qapp)
    yield expander
    qapp.removeEventFilter(expander)


def _shown(qtbot, widget, direction):
    widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft if direction == "rtl" else Qt.LayoutDirection.LeftToRight)
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def test_a_line_edit_expands_as_the_closing_sign_is_typed_and_undo_restores(qtbot, expander, type_keys, direction):
    edit = _shown(qtbot, QLineEdit(), direction)
    type_keys(edit, "استقبل =pt")
    assert edit.text() == "استقبل =pt"
    type_keys(edit, "=")
    qtbot.waitUntil(lambda: edit.text() == f"استقبل {PT}")
    assert edit.cursorPosition() == len(edit.text())  # the cursor follows the expansion, whatever the direction
    type_keys(edit, " في بكين")
    assert edit.text() == f"استقبل {PT} في بكين"
    edit.undo()  # the typing after it
    edit.undo()  # the expansion
    assert edit.text() == "استقبل =pt="


def test_a_text_edit_expands_in_one_undo_step(qtbot, expander, type_keys, direction):
    edit = _shown(qtbot, QTextEdit(), direction)
    type_keys(edit, "قالت =رص=")
    qtbot.waitUntil(lambda: edit.toPlainText() == "قالت رويترز")
    assert edit.textCursor().position() == len("قالت رويترز")
    edit.undo()
    assert edit.toPlainText() == "قالت =رص="


def test_an_unknown_code_stays_as_typed(qtbot, expander, type_keys):
    edit = _shown(qtbot, QLineEdit(), "rtl")
    type_keys(edit, "=xyz=")
    qtbot.wait(20)
    assert edit.text() == "=xyz="


def test_an_unknown_code_is_underlined(qtbot, codes):
    plain, marked = (_shown(qtbot, QLineEdit("خبر =xyz= عاجل"), "rtl") for _ in range(2))
    for edit in (plain, marked):
        edit.resize(300, 40)
        edit.setCursorPosition(0)
    underline_unknown(marked, codes.table())
    assert plain.grab().toImage() != marked.grab().toImage()
    underline_unknown(marked, {**codes.table(), "xyz": "x"})  # known now: the underline goes
    assert plain.grab().toImage() == marked.grab().toImage()


def test_the_headline_and_the_body_of_the_editor_expand(qtbot, library, expander, type_keys):
    docid = ArticleRepo(library).create(headline="").docid
    editor = ArticleEditor(library, search=lambda q: [])
    qtbot.addWidget(editor)
    editor.show()
    assert editor.load(docid)
    headline = editor.fields.headline
    headline.setFocus()
    type_keys(headline, "=pt= يزور")
    qtbot.waitUntil(lambda: headline.text() == f"{PT} يزور")
    editor.body.setFocus()
    type_keys(editor.body, "نقلت =رص= الخبر")
    qtbot.waitUntil(lambda: "نقلت رويترز الخبر" in editor.body.toPlainText())
    editor.body.undo()
    assert "=رص=" in editor.body.toPlainText()
    editor.flush()


def test_the_dialog_adds_edits_filters_and_removes(qtbot, codes, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog = ShortcutsDialog(codes)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [code for code, _ in model.rows] == ["pt", "رص"]
    index = model.add("xh", "شينخوا")
    assert codes.table()["xh"] == "شينخوا"
    assert model.setData(index, "وكالة شينخوا")
    assert codes.table()["xh"] == "وكالة شينخوا"
    assert not model.setData(model.index(0, 0), "bad code")
    assert warnings and "cannot be a code" in warnings[-1]
    dialog.search.setText("رويترز")
    assert dialog.proxy.rowCount() == 1
    dialog.search.clear()
    tsv = tmp_path / "codes.tsv"
    dialog.export_tsv(str(tsv))
    assert "pt\t" + PT in tsv.read_text(encoding="utf-8")
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert "pt" not in codes.table()
    dialog.import_tsv(str(tsv))
    assert codes.table()["pt"] == PT
