"""Nothing is ever lost: autosave, flush on switch and close, revisions, conflicts, kill -9."""

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy.exc import OperationalError

from workstation.articles.repo import ArticleRepo
from workstation.library.store import open_library

from tests import ROOT
from ui.editor import ArticleEditor
from ui.editor.conflict import CompareDialog, ConflictDialog
from ui.editor.editor import AUTOSAVE_MAX_WAIT_MS
from ui.editor.history import RevisionHistoryDialog, reason_text
from ui.editor.related import RelatedSearchDialog

BODY = "<p>اتفقت روسيا والولايات المتحدة على مواصلة مكافحة الإرهاب الدولي.</p>"


pytestmark = pytest.mark.usefixtures("no_stray_dialogs")


@pytest.fixture
def repo(library):
    return ArticleRepo(library)


@pytest.fixture
def article(repo):
    return repo.create(headline="روسيا والولايات المتحدة", body=BODY)


@pytest.fixture
def make_editor(qtbot, library):
    def make(**kwargs):
        widget = ArticleEditor(library, **{"search": lambda q: [], **kwargs})
        qtbot.addWidget(widget)
        widget.resize(900, 700)
        widget.show()
        return widget

    return make


@pytest.fixture
def editor(make_editor, article):
    widget = make_editor()
    assert widget.load(article.docid)
    return widget


def type_text(widget, text):
    """Types text as key events carrying the characters (keyClicks cannot type Arabic)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def type_at_end(editor, text):
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    type_text(editor.body, text)


def stored(library, docid):
    """The article as another process would read it from the file now."""
    other = open_library(str(library.path))
    try:
        return ArticleRepo(other).get(docid)
    finally:
        other.close()


# -- autosave -------------------------------------------------------------------------------------


def test_autosave_reaches_the_store_within_two_seconds(qtbot, library, editor, article, direction):
    type_at_end(editor, " وقال لافروف")
    editor.fields.headline.setFocus()
    editor.fields.headline.end(False)
    type_text(editor.fields.headline, " اليوم")
    assert editor.is_dirty()
    typed = time.monotonic()
    with qtbot.waitSignal(editor.saved, timeout=2000) as saved:
        pass
    assert saved.args == [article.docid]
    assert time.monotonic() - typed < 2.0
    record = stored(library, article.docid)
    assert record.body == "<p>اتفقت روسيا والولايات المتحدة على مواصلة مكافحة الإرهاب الدولي. وقال لافروف</p>"
    assert record.headline == "روسيا والولايات المتحدة اليوم"
    assert record.version == article.version + 1
    assert not editor.is_dirty()


def test_autosave_keeps_no_revision(qtbot, repo, editor, article):
    type_at_end(editor, " نص")
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=2000)
    assert [r.reason for r in repo.revisions(article.docid)] == ["created"]


def test_continuous_typing_is_saved_at_least_every_two_seconds(qtbot, library, editor, article):
    started = time.monotonic()
    typed = ""
    while time.monotonic() - started < 2.2:  # never a pause long enough for the idle timer
        type_at_end(editor, "ب")
        typed += "ب"
        qtbot.wait(150)
        if time.monotonic() - started < 0.6:
            early = typed  # typed more than 1.6 s before the check below
    body = stored(library, article.docid).body
    assert early in body
    assert AUTOSAVE_MAX_WAIT_MS <= 2000


def test_dirty_and_saved_signals(qtbot, editor, article):
    with qtbot.waitSignal(editor.dirtyChanged) as became_dirty:
        type_at_end(editor, "x")
    assert became_dirty.args == [True]
    with qtbot.waitSignal(editor.dirtyChanged, timeout=2500) as became_clean:
        pass
    assert became_clean.args == [False]


def test_switching_articles_flushes_at_once(library, repo, editor, article):
    other = repo.create(headline="خبر آخر", body="<p>نص آخر</p>")
    type_at_end(editor, " قبل التبديل")
    assert editor.load(other.docid)
    assert stored(library, article.docid).body.endswith("قبل التبديل</p>")
    assert editor.current_docid() == other.docid
    assert editor.body.body_html() == "<p>نص آخر</p>"
    assert editor.undoStack().count() == 0  # each article starts with its own history


def test_closing_flushes(library, editor, article):
    type_at_end(editor, " قبل الإغلاق")
    editor.close()
    assert stored(library, article.docid).body.endswith("قبل الإغلاق</p>")


def test_a_failed_save_keeps_the_edits_and_tries_again(qtbot, monkeypatch, library, editor, article):
    real_save = editor._repo.save
    calls = []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE", {}, Exception("database is locked"))
        return real_save(*args, **kwargs)

    monkeypatch.setattr(editor._repo, "save", failing_once)
    type_at_end(editor, " محفوظ")
    assert not editor.flush()
    assert "Not saved" in editor.state_label.text()
    assert editor.is_dirty()
    assert editor.flush()
    assert stored(library, article.docid).body.endswith("محفوظ</p>")


def test_an_article_in_the_trash_is_read_only(repo, make_editor, article):
    repo.trash([article.docid])
    editor = make_editor()
    editor.load(article.docid)
    type_at_end(editor, "لا")
    assert editor.body.isReadOnly() and not editor.is_dirty()
    assert editor.body.body_html() == BODY


def test_kill_9_loses_at_most_the_last_two_seconds(library, article):
    child = (
        "import sys, time\n"
        "from PySide6.QtCore import QEvent, Qt, QTimer\n"
        "from PySide6.QtGui import QKeyEvent\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.editor import ArticleEditor\n"
        "from workstation.library.store import open_library\n"
        "editor = ArticleEditor(open_library(sys.argv[1]), search=lambda q: [])\n"
        "editor.show()\n"
        "editor.load(int(sys.argv[2]))\n"
        "editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)\n"
        "letters = iter('abcdefghijklmnopqrstuvwxyz' * 20)\n"
        "def tick():\n"
        "    ch = next(letters)\n"
        "    app.sendEvent(editor.body, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))\n"
        "    print(time.monotonic(), ch, flush=True)\n"
        "timer = QTimer(interval=100, timeout=tick)\n"
        "timer.start()\n"
        "print('ready', flush=True)\n"
        "app.exec()\n"
    )  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    library.close()
    proc = subprocess.Popen([sys.executable, "-c", child, str(library.path), str(article.docid)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == "ready"
        typed: list[tuple[float, str]] = []
        while not typed or typed[-1][0] - typed[0][0] < 3.5:
            when, ch = proc.stdout.readline().split()
            typed.append((float(when), ch))
        os.kill(proc.pid, signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        proc.kill()
        proc.wait()
    text = "".join(ch for _, ch in typed)
    older = "".join(ch for when, ch in typed if when <= killed_at - 2.0)
    body = stored(library, article.docid).body
    kept = body.removeprefix(BODY[:-4]).removesuffix("</p>")
    assert len(older) >= 10
    assert kept.startswith(older), f"typed {text!r}, kept {kept!r}, older than 2 s {older!r}"


# -- revisions ------------------------------------------------------------------------------------


def test_explicit_save_keeps_one_revision(qtbot, repo, editor, article):
    type_at_end(editor, " مراجعة")
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    revisions = repo.revisions(article.docid)
    assert [r.reason for r in revisions] == ["created", "save"]
    assert revisions[-1].snapshot["body"].endswith("مراجعة</p>")
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing new: no duplicate
    assert len(repo.revisions(article.docid)) == 2


def test_status_change_keeps_a_revision(repo, editor, article):
    status = editor.fields.status
    status.setCurrentIndex(status.findData("ready"))
    status.activated.emit(status.findData("ready"))
    record = repo.get(article.docid)
    assert record.status == "ready"
    assert repo.revisions(article.docid)[-1].reason == "status"
    assert not editor.is_dirty()


def test_revision_history_lists_shows_and_restores(qtbot, monkeypatch, repo, editor, article, messages):
    type_at_end(editor, " الثانية")
    assert editor.save_revision()
    type_at_end(editor, " غير محفوظة")  # unsaved when the old revision is restored: kept as a revision too
    shown = []

    def pick_oldest(dialog):
        shown.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.list.setCurrentRow(dialog.list.count() - 1)
        shown.append(dialog.preview.toPlainText())
        dialog.restore_selected()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RevisionHistoryDialog, "exec", pick_oldest)
    qtbot.keyClick(editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    listed, preview = shown
    assert len(listed) == 2 and "v1" in listed[-1] and "v2" in listed[0]
    assert "روسيا والولايات المتحدة" in preview and "الثانية" not in preview
    record = repo.get(article.docid)
    assert record.body == BODY
    assert editor.body.body_html() == BODY and not editor.is_dirty()
    bodies = [r.snapshot["body"] for r in repo.revisions(article.docid)]
    assert any(b.endswith("الثانية غير محفوظة</p>") for b in bodies)
    assert bodies[-1] == BODY
    # it asked first, showing the paragraph the restore takes back
    ((kind, question),) = messages
    assert kind == "question" and "الثانية غير محفوظة" in question and "<s>" in question
    assert reason_text(repo.revisions(article.docid)[-1].reason) == "restored from version 1"


def test_a_restore_that_is_refused_changes_nothing(qtbot, monkeypatch, repo, editor, article):
    type_at_end(editor, " الثانية")
    assert editor.save_revision()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    oldest = repo.revisions(article.docid)[0]
    assert not editor.restore_revision(oldest.id)
    assert repo.get(article.docid).body.endswith("الثانية</p>")


# -- conflicts ------------------------------------------------------------------------------------


@pytest.fixture
def conflicted(qtbot, repo, editor, article):
    """Another writer saves a new headline while this editor has unsaved body edits."""
    type_at_end(editor, " نسختي")
    repo.save(article.docid, article.version, keep_revision=False, headline="عنوانهم", body="<p>نصهم</p>")
    return editor


def choose(monkeypatch, choice, compare=None):
    def fake_exec(dialog):
        if compare is not None:
            compare.append(dialog.compare())
        if choice:
            dialog.choose(choice)
        return QDialog.DialogCode.Accepted if choice else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ConflictDialog, "exec", fake_exec)
    monkeypatch.setattr(CompareDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)


def test_conflict_keep_mine_saves_on_top_and_keeps_theirs(monkeypatch, repo, conflicted, article):
    choose(monkeypatch, "mine")
    assert conflicted.flush()
    record = repo.get(article.docid)
    assert record.body.endswith("نسختي</p>") and record.headline == "روسيا والولايات المتحدة"
    revisions = repo.revisions(article.docid)
    assert any(r.snapshot["headline"] == "عنوانهم" and r.snapshot["body"] == "<p>نصهم</p>" for r in revisions)
    assert revisions[-1].snapshot["body"] == record.body  # mine is a revision of its own
    assert not conflicted.is_dirty()


def test_conflict_take_theirs_reloads(monkeypatch, repo, conflicted, article):
    choose(monkeypatch, "theirs")
    version = repo.get(article.docid).version
    assert conflicted.flush()
    record = repo.get(article.docid)
    assert (record.headline, record.body, record.version) == ("عنوانهم", "<p>نصهم</p>", version)
    assert conflicted.fields.headline.text() == "عنوانهم"
    assert conflicted.body.body_html() == "<p>نصهم</p>"
    assert not conflicted.is_dirty()


def test_conflict_compare_shows_both_side_by_side(monkeypatch, repo, conflicted, article):
    compared = []
    choose(monkeypatch, "mine", compare=compared)
    assert conflicted.flush()
    rows = compared[0].rows
    assert ("روسيا والولايات المتحدة", "عنوانهم") in [(r.left, r.right) for r in rows if r.kind == "changed"]
    assert any(r.left.endswith("نسختي") and r.right == "نصهم" for r in rows)
    assert compared[0].table.rowCount() == len(rows)


def test_conflict_decided_later_overwrites_nothing(monkeypatch, repo, make_editor, conflicted, article):
    choose(monkeypatch, None)
    other = repo.create(headline="خبر آخر")
    assert not conflicted.flush()
    assert not conflicted.load(other.docid)  # the switch is refused rather than dropping the edits
    record = repo.get(article.docid)
    assert (record.headline, record.body) == ("عنوانهم", "<p>نصهم</p>")
    assert conflicted.current_docid() == article.docid and conflicted.is_dirty()
    assert conflicted.body.body_html().endswith("نسختي</p>")


def test_conflict_dialog_buttons(qtbot, monkeypatch):
    mine = {"headline": "نسختي", "body": "<p>أ</p>"}
    theirs = {"headline": "نسختهم", "body": "<p>أ</p>"}
    dialog = ConflictDialog(7, mine, theirs)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(CompareDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    dialog.compare_button.click()
    assert dialog.choice is None and dialog.result() == 0  # comparing decides nothing
    dialog.theirs_button.click()
    assert dialog.choice == "theirs" and dialog.result() == QDialog.DialogCode.Accepted
    dialog = ConflictDialog(7, mine, theirs)
    qtbot.addWidget(dialog)
    dialog.mine_button.click()
    assert dialog.choice == "mine"
    compare = CompareDialog(mine, theirs, ("a", "b"))
    qtbot.addWidget(compare)
    assert compare.differing_rows() == 1 and compare.table.item(0, 1).text() == "نسختهم"


def test_a_move_to_another_section_is_no_conflict(qtbot, repo, editor, article):
    type_at_end(editor, " بعد النقل")
    repo.move([article.docid], "world")  # the tree moved it meanwhile: a new version, the same text
    assert editor.flush()
    record = repo.get(article.docid)
    assert record.section == "world" and record.body.endswith("بعد النقل</p>")


# -- related articles -----------------------------------------------------------------------------


def test_related_articles_added_by_search_reordered_and_removed(qtbot, monkeypatch, repo, make_editor, article):
    others = [repo.create(headline=f"خبر {i}") for i in range(3)]
    editor = make_editor(search=lambda q: [(o.docid, o.headline) for o in others] + [(article.docid, "نفسه")])
    editor.load(article.docid)

    def pick_all(dialog):
        dialog.query.setText("خبر")
        dialog.run_search()
        assert dialog.results.count() == 3  # the article itself is not offered
        dialog.results.selectAll()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RelatedSearchDialog, "exec", pick_all)
    editor.related.add_button.click()
    assert editor.related.related_ids() == [o.docid for o in others]
    editor.related.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    editor.related.list.setCurrentRow(1)
    editor.related.remove_button.click()
    expected = [others[2].docid, others[1].docid]
    assert editor.related.related_ids() == expected
    assert editor.flush()
    assert repo.get(article.docid).related == tuple(expected)


def test_related_search_finds_by_text_and_by_document_id(repo, library, article):
    from ui.editor.related import library_search

    other = repo.create(headline="الصين تطلق أول قمر صناعي", body="<p>أطلقت الصين قمرا صناعيا</p>")
    run = library_search(library)
    assert (other.docid, other.headline) in run("قمر")
    assert run(str(article.docid))[0] == (article.docid, article.headline)
    assert run("كلمةغيرموجودة") == []
