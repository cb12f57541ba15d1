"""The translations: every interface string has Arabic, placeholders survive, and the shipped .qm match the .ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests import ROOT
from ui.i18n import translations_dir

PLACEHOLDER = re.compile(r"\{\w+\}|%\d|%n|%v|%m")


def _messages(path: Path):
    """(context, source, numerus, [translations], finished) for each message of a .ts file."""
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            texts = [f.text or "" for f in translation.iter("numerusform")] if numerus else [translation.text or ""]
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            yield name, message.findtext("source"), numerus, texts, finished


def test_every_string_has_an_arabic_translation_with_its_placeholders():
    missing, broken = [], []
    for context, source, _numerus, texts, finished in _messages(translations_dir() / "workstation_ar.ts"):
        if not finished or not all(texts):
            missing.append(f"{context}: {source}")
            continue
        wanted = set(PLACEHOLDER.findall(source)) - {"%n"}
        for text in texts:
            if not wanted <= set(PLACEHOLDER.findall(text)):
                broken.append(f"{context}: {source} -> {text}")
    assert not missing, "untranslated (run `make translations`, then translate):\n" + "\n".join(missing)
    assert not broken, "placeholders lost:\n" + "\n".join(broken)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_compiled_qm_matches_its_ts(qapp, language):
    translator = QTranslator()
    assert translator.load(f"workstation_{language}", str(translations_dir()))
    checked = 0
    for context, source, numerus, texts, finished in _messages(translations_dir() / f"workstation_{language}.ts"):
        if not finished:
            continue
        if numerus:
            # Arabic has six plural forms (0, 1, 2, 3-10, 11-99, 100-102); English two.
            counts = (0, 1, 2, 3, 11, 100) if language == "ar" else (1, 2)
            for n, text in zip(counts, texts):
                assert translator.translate(context, source, None, n) == text, (context, source, n)
        else:
            assert translator.translate(context, source) == texts[0], (context, source)
        checked += 1
    assert checked


def test_no_interface_string_is_missing_from_the_ts(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(translations_dir() / "workstation_ar.ts", fresh)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True)  # fmt: skip
    committed = {(c, s) for c, s, *_ in _messages(translations_dir() / "workstation_ar.ts")}
    found = {(c, s) for c, s, *_ in _messages(fresh)}
    assert not found - committed, f"strings in ui/ not yet in the .ts (run `make translations`): {found - committed}"
