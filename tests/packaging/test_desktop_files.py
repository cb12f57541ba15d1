"""Linux desktop integration: the desktop entry, the AppStream metainfo, the icons, the install script."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageChops, ImageStat

import workstation

from tests import ROOT

LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.editorialworkstation.Workstation"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_app_with_its_icon():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "workstation"
    assert entry["Icon"] == APP_ID
    assert entry["Name[ar]"] == "محطة التحرير"
    assert "Office" in entry["Categories"].split(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_metainfo_matches_the_app():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/binary").text == "workstation"
    assert root.find("releases/release").get("version") == workstation.__version__


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_is_valid():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_icon_pngs_are_square_at_every_size():
    assert ET.parse(ICONS / "workstation.svg").getroot().tag.endswith("svg")
    for size in SIZES:
        with Image.open(ICONS / f"workstation-{size}.png") as image:
            assert image.format == "PNG" and image.size == (size, size) and image.mode == "RGBA"
            assert image.getpixel((0, 0))[3] == 0  # rounded corners stay transparent
            assert image.getpixel((size // 2, size // 2))[3] == 255


def test_render_script_reproduces_the_pngs(tmp_path, qapp):
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    render_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_icons)
    [written] = render_icons.render(ICONS / "workstation.svg", tmp_path, sizes=(48,))
    with Image.open(written) as fresh, Image.open(ICONS / "workstation-48.png") as committed:
        assert fresh.size == committed.size
        # another Qt release may anti-alias an edge differently; a changed drawing differs far more
        difference = ImageChops.difference(fresh.convert("RGBA"), committed.convert("RGBA"))
        assert max(ImageStat.Stat(difference).mean) < 2


def test_install_script_puts_app_entry_metainfo_and_icons_in_place(tmp_path):
    dist = tmp_path / "dist" / "workstation"
    dist.mkdir(parents=True)
    (dist / "workstation").write_text("#!/bin/sh\necho built app\n")
    (dist / "workstation").chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {**os.environ, "DIST": str(dist), "HOME": str(tmp_path / "home")}
    result = subprocess.run(["sh", str(LINUX / "install.sh"), str(prefix)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr

    assert subprocess.run([str(prefix / "bin" / "workstation")], capture_output=True, text=True).stdout == "built app\n"
    desktop = (prefix / "share" / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    assert f"Exec={prefix}/bin/workstation\n" in desktop
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in SIZES:
        assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()


def test_install_script_refuses_without_a_build(tmp_path):
    env = {**os.environ, "DIST": str(tmp_path / "nothing")}
    result = subprocess.run(
        ["sh", str(LINUX / "install.sh"), str(tmp_path / "prefix")], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "make package" in result.stderr
    assert not (tmp_path / "prefix").exists()
