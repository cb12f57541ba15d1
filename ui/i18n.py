"""The interface language: Qt Linguist translations, the layout direction that follows them, the bundled fonts.

Source strings are English; resources/translations/workstation_ar.ts gives the Arabic and
workstation_en.ts the English plural forms. The .qm files are compiled from them with
pyside6-lrelease (`make translations`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workstation.paths import resources_dir

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
# Each language named in itself, as the language menu shows it.
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}
UI_FONT_FAMILY = "Noto Sans Arabic"


def translations_dir():
    """The folder of the app's .ts sources and compiled .qm files."""
    return resources_dir() / "translations"


class Translations:
    """Installs one language's translators on the application and sets the matching layout direction."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.language = ""
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> None:
        """Switches the application to `language` (one of LANGUAGES; anything else falls back to Arabic)."""
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{language}", qt_folder), (f"workstation_{language}", str(translations_dir()))):
            translator = QTranslator(self.app)
            if translator.load(name, folder):
                self.app.installTranslator(translator)
                self._installed.append(translator)
        if isinstance(self.app, QApplication):
            self.app.setLayoutDirection(QLocale(language).textDirection())
        self.language = language


def load_fonts(app: QApplication) -> list[str]:
    """Registers the bundled fonts and makes the Arabic sans the interface font; gives the families loaded."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    if UI_FONT_FAMILY in families:
        font = QFont(app.font())
        # Latin letters, which the Arabic face lacks, come from the system's own interface font.
        font.setFamilies([UI_FONT_FAMILY, *app.font().families()])
        app.setFont(font)
    return families
