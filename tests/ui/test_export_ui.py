"""The export dialog (worker thread, progress, cancel, summary, open in browser) and the article preview."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QUrl  # noqa: E402

from workstation.export import ExportCancelled  # noqa: E402

from tests.export_support import SEED_DOCID, build_sample  # noqa: E402
from ui import export_dialog  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.preview import ArticlePreview  # noqa: E402


@pytest.fixture
def sample(library):
    build_sample(library, payload_story=False)
    return library


def test_dialog_exports_in_the_background_and_offers_the_browser(qtbot, sample, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog = ExportDialog(sample, section="world", docid=SEED_DOCID, cache_dir=tmp_path / "cache")
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()
    dialog.target.setText(str(tmp_path / "site"))
    dialog.scope_section.setChecked(True)
    dialog.export_button.click()
    assert dialog.is_running() and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert "Exported 4 articles" in dialog.status.text()  # the world section: the seed and two related
    assert (tmp_path / "site" / "world" / "index.html").is_file()
    assert dialog.open_button.isVisible() or not dialog.isVisible()
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "site" / "index.html"))]


def test_cancel_stops_the_export(qtbot, sample, tmp_path, monkeypatch):
    def slow_export(library, out, progress=None, cancel=None, **kw):
        for step in range(500):
            progress(step, 500, "")
            if cancel():
                raise ExportCancelled("cancelled")
            time.sleep(0.01)
        raise AssertionError("the export was not cancelled")

    monkeypatch.setattr(export_dialog, "export_bundle", slow_export)
    dialog = ExportDialog(sample, cache_dir=tmp_path / "cache")
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "site"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 500, timeout=10_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "cancelled" in dialog.status.text()
    assert not (tmp_path / "site").exists()


def test_failure_is_shown(qtbot, sample, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "thesis.txt").write_text("mine")
    dialog = ExportDialog(sample, cache_dir=tmp_path / "cache")
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "taken"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert "not an exported bundle" in dialog.status.text()


def test_preview_renders_the_article_with_the_export_templates(qtbot, sample, tmp_path):
    preview = ArticlePreview(sample, cache_dir=tmp_path / "cache")
    qtbot.addWidget(preview)
    preview.show_article(SEED_DOCID)
    text = preview.toPlainText()
    assert "روسيا والولايات المتحدة تتفقان" in text
    assert "موسكو 13 أبريل 2017 (شينخوا) اتفقت روسيا" in text
    assert "(国际)(1)俄美同意建立工作组稳定双边关系" in text
    html = preview.toHtml()
    assert "file://" in html and ".jpg" in html
    preview.anchorClicked.emit(QUrl(f"c_{SEED_DOCID}_3.htm"))
    assert preview.page == 3 and "(国际)(3)" in preview.toPlainText()
    preview.show_article(424242)
    assert "No preview" in preview.toPlainText()


def test_dialog_keeps_the_site_address_in_the_library(qtbot, sample, tmp_path):
    from workstation.export.siteurl import saved_base_url

    dialog = ExportDialog(sample, cache_dir=tmp_path / "cache")
    qtbot.addWidget(dialog)
    assert dialog.base_url.text() == ""
    dialog.target.setText(str(tmp_path / "site"))
    dialog.base_url.setText("news.example.com")
    dialog.export_button.click()
    assert not dialog.is_running() and "http://" in dialog.status.text() and not (tmp_path / "site").exists()
    dialog.base_url.setText("https://news.example.com")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert dialog.base_url.text() == "https://news.example.com/" == saved_base_url(sample)
    assert "<loc>https://news.example.com/index.html</loc>" in (tmp_path / "site" / "sitemap.xml").read_text("utf-8")
    again = ExportDialog(sample, cache_dir=tmp_path / "cache")
    qtbot.addWidget(again)
    assert again.base_url.text() == "https://news.example.com/"
