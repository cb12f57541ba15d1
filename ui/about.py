"""Help ▸ About: the version, the licence (with its full text) and the credits of bundled material."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workstation import __version__
from workstation.paths import resources_dir

DISTRIBUTION = "editorial-workstation"
LICENCE = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def app_icon() -> QIcon:
    """The app's icon at every size it is drawn in, for windows and dialogs."""
    folder = resources_dir() / "icons" / "app"
    icon = QIcon()
    for png in sorted(folder.glob("workstation-*.png")):
        icon.addFile(str(png))
    svg = folder / "workstation.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def licence_text() -> str:
    """The full licence text: in the packaged app's resources, the installed metadata or the checkout."""
    bundled = resources_dir() / "LICENSE"  # only the PyInstaller build puts it there
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    try:
        files = metadata.distribution(DISTRIBUTION).files or []
        for file in files:
            if file.name in ("LICENSE", "COPYING"):
                return file.read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, OSError):
        pass
    checkout = resources_dir().parent / "LICENSE"
    if checkout.is_file() and (resources_dir().parent / "pyproject.toml").is_file():
        return checkout.read_text(encoding="utf-8")
    return f"{LICENCE}\n\nThe full text is at {LICENCE_URL}"


def credits_markdown() -> str:
    """The credits of bundled fonts, icons and sample photos (resources/CREDITS.md)."""
    path = resources_dir() / "CREDITS.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"{path} is missing."


class AboutDialog(QDialog):
    """Shows what the app is, its version and licence, and who made the material it bundles."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Editorial Workstation"))
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(96, 96)))
        icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(f"<h2>{self.tr('Editorial Workstation')}</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.version_label = QLabel(self.tr("Version {version}").format(version=__version__))
        self.version_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel(
            self.tr(
                "Write, file, caption and export the articles of an Arabic news website.\n"
                "Free software under the GNU General Public License, version 3 or later "
                "({licence})."
            ).format(licence=LICENCE)
        )
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        about = QWidget()
        about_layout = QVBoxLayout(about)
        for widget in (icon, title, self.version_label, summary):
            about_layout.addWidget(widget)
        about_layout.addStretch()

        self.licence_view = QPlainTextEdit(licence_text())
        self.licence_view.setReadOnly(True)
        self.licence_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # an English legal text
        self.credits_view = QTextBrowser()
        self.credits_view.setOpenExternalLinks(True)
        self.credits_view.setMarkdown(credits_markdown())
        self.credits_view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

        self.tabs = QTabWidget()
        self.tabs.addTab(about, self.tr("About"))
        self.tabs.addTab(self.licence_view, self.tr("Licence"))
        self.tabs.addTab(self.credits_view, self.tr("Credits"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 520)
