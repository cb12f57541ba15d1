"""The About dialog: version, licence text, credits of bundled material; and the app icon."""

from __future__ import annotations

from PySide6.QtCore import QSize

import workstation
from workstation.paths import resources_dir

from ui import about
from ui.about import AboutDialog, app_icon, credits_markdown, licence_text


def test_dialog_shows_version_licence_and_credits(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)

    assert workstation.__version__ in dialog.version_label.text()
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["About", "Licence", "Credits"]
    licence = dialog.licence_view.toPlainText()
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3" in licence
    credits = dialog.credits_view.toPlainText()
    assert "Noto Naskh Arabic" in credits and "Open Font License" in credits
    assert "App icon" in credits


def test_credits_are_read_from_the_resources_file(monkeypatch, tmp_path, qtbot):
    (tmp_path / "CREDITS.md").write_text("# Credits\n\n- **صورة** by someone, CC BY 4.0\n", encoding="utf-8")
    monkeypatch.setattr(about, "resources_dir", lambda: tmp_path)
    assert "CC BY 4.0" in credits_markdown()
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "صورة by someone" in dialog.credits_view.toPlainText()


def test_missing_credits_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(about, "resources_dir", lambda: tmp_path)
    assert credits_markdown() == f"{tmp_path / 'CREDITS.md'} is missing."


def test_licence_falls_back_to_the_name_and_address(monkeypatch, tmp_path):
    def no_distribution(name):
        raise about.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(about.metadata, "distribution", no_distribution)
    monkeypatch.setattr(about, "resources_dir", lambda: tmp_path / "resources")
    assert licence_text().startswith("GPL-3.0-or-later")


def test_app_icon_has_every_size_and_the_svg(qtbot):
    folder = resources_dir() / "icons" / "app"
    assert (folder / "workstation.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (folder / f"workstation-{size}.png").is_file()
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(QSize(48, 48)).size() == QSize(48, 48)


def test_licence_shipped_in_the_resources_comes_first(monkeypatch, tmp_path):
    (tmp_path / "LICENSE").write_text("GNU GENERAL PUBLIC LICENSE, as bundled", encoding="utf-8")
    monkeypatch.setattr(about, "resources_dir", lambda: tmp_path)
    assert licence_text() == "GNU GENERAL PUBLIC LICENSE, as bundled"
