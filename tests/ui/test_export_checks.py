"""The export dialog says how many of the stories to export have writing-check findings."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTreeWidget

from workstation.articles.repo import ArticleRepo
from workstation.body.richtext import text_to_body
from workstation.checks.spelling import SpellingUnavailable, open_dictionary

from ui.export_dialog import ExportDialog


@pytest.fixture(autouse=True)
def hunspell():
    try:
        open_dictionary()
    except SpellingUnavailable as exc:
        pytest.skip(str(exc))


def test_export_dialog_counts_stories_with_findings_and_lists_them(qtbot, library, tmp_path):
    repo = ArticleRepo(library)
    clean = repo.create("world", headline="اجتماع الحكومة", body=text_to_body("انتهى الاجتماع."), status="published")
    sloppy = repo.create("sports", headline="فوز الفريق, أمس", body=text_to_body("إجتماع  اللاعبين"),
                         status="published")  # fmt: skip
    repo.create("sports", headline="مسودة بها إجتماع", status="draft")  # drafts are not exported
    dialog = ExportDialog(library, section="world", docid=clean.docid, cache_dir=tmp_path / "cache")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "have findings" in dialog.checks.label.text(), timeout=20_000)
    assert dialog.checks.label.text() == "1 of the 2 stories to export have findings"
    assert dialog.checks.found[0][:3] == (sloppy.docid, "فوز الفريق, أمس", 3)

    seen = []

    def look():
        window = QApplication.activeModalWidget()
        tree = window.findChild(QTreeWidget, "export_checks_list")
        seen.extend(tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount()))
        window.reject()

    QTimer.singleShot(100, look)
    dialog.checks.review_button.click()
    assert seen == [str(sloppy.docid)]

    dialog.scope_section.setChecked(True)
    qtbot.waitUntil(lambda: "No findings" in dialog.checks.label.text(), timeout=20_000)
    assert dialog.checks.label.text() == "No findings in the 1 stories to export"
    dialog.reject()


def test_publish_dialog_counts_them_too(qtbot, library, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.publish_dialog import PublishDialog

    ArticleRepo(library).create("sports", headline="فوز الفريق, أمس", status="published")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = PublishDialog(library, settings)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "have findings" in dialog.checks.label.text(), timeout=20_000)
    assert dialog.checks.label.text() == "1 of the 1 stories to export have findings"
    dialog.reject()
