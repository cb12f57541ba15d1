"""The editor's actions and their shortcuts, and the formatting toolbar that shows them."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QToolBar, QWidget

from workstation.body.blocks import clean_href

# (name, shortcut, icon) of the formatting actions; they act only while the body has the focus.
FORMAT_ACTIONS = (
    ("bold", "Ctrl+B", "fa5s.bold"),
    ("italic", "Ctrl+I", "fa5s.italic"),
    ("link", "Ctrl+K", "fa5s.link"),
    ("paragraph", "Ctrl+Alt+0", "fa5s.paragraph"),
    ("h2", "Ctrl+Alt+2", None),
    ("h3", "Ctrl+Alt+3", None),
    ("bullets", "Ctrl+Shift+8", "fa5s.list-ul"),
    ("numbers", "Ctrl+Shift+7", "fa5s.list-ol"),
    ("quote", "Ctrl+Shift+Q", "fa5s.quote-right"),
)
# (name, shortcut, icon) of the article actions; they act anywhere inside the editor.
ARTICLE_ACTIONS = (
    ("save", QKeySequence.StandardKey.Save, "fa5s.save"),
    ("find", QKeySequence.StandardKey.Find, "fa5s.search"),
    ("replace", "Ctrl+H", "fa5s.exchange-alt"),
    ("find_next", QKeySequence.StandardKey.FindNext, None),
    ("find_previous", QKeySequence.StandardKey.FindPrevious, None),
    ("history", "Ctrl+Shift+H", "fa5s.history"),
)


class EditorActions(QObject):
    """Every action of the editor, by name, so the main window can also put them in its menus."""

    def __init__(self, editor: QWidget, body: QWidget):
        super().__init__(editor)
        labels = {
            "bold": self.tr("Bold"), "italic": self.tr("Italic"), "link": self.tr("Link…"),
            "paragraph": self.tr("Paragraph"), "h2": self.tr("Heading 2"), "h3": self.tr("Heading 3"),
            "bullets": self.tr("Bulleted list"), "numbers": self.tr("Numbered list"), "quote": self.tr("Quote"),
            "save": self.tr("Save a revision"), "find": self.tr("Find…"), "replace": self.tr("Replace…"),
            "find_next": self.tr("Find next"), "find_previous": self.tr("Find previous"),
            "history": self.tr("Revision history…"),
        }  # fmt: skip
        short = {"h2": "H2", "h3": "H3"}
        self.actions: dict[str, QAction] = {}
        for group, owner, context in (
            (FORMAT_ACTIONS, body, Qt.ShortcutContext.WidgetShortcut),
            (ARTICLE_ACTIONS, editor, Qt.ShortcutContext.WidgetWithChildrenShortcut),
        ):
            for name, keys, icon in group:
                action = QAction(short.get(name, labels[name]), owner)
                if icon:
                    action.setIcon(qta.icon(icon))
                action.setToolTip(
                    f"{labels[name]} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
                )
                action.setStatusTip(labels[name])
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(context)
                action.setObjectName(f"editor-{name}")
                owner.addAction(action)
                self.actions[name] = action
        for name in ("bold", "italic"):
            self.actions[name].setCheckable(True)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def toolbar(self, parent: QWidget) -> QToolBar:
        """A toolbar with the formatting actions and the article's find and history."""
        bar = QToolBar(parent)
        bar.setIconSize(bar.iconSize() * 0.75)
        for names in (("bold", "italic", "link"), ("paragraph", "h2", "h3"), ("bullets", "numbers", "quote"),
                      ("find", "history", "save")):  # fmt: skip
            for name in names:
                bar.addAction(self.actions[name])
            bar.addSeparator()
        return bar

    def set_enabled(self, editable: bool, loaded: bool) -> None:
        """Enables the formatting actions when the body can be edited, the rest when an article is open."""
        for name, _keys, _icon in FORMAT_ACTIONS:
            self.actions[name].setEnabled(editable)
        for name, _keys, _icon in ARTICLE_ACTIONS:
            self.actions[name].setEnabled(loaded)
        self.actions["save"].setEnabled(editable)
        self.actions["replace"].setEnabled(editable)


def ask_link(parent: QWidget, body) -> None:
    """Asks for a link address for the body's selection (empty removes the link); refuses anything but web and mail."""
    title = QCoreApplication.translate("ArticleEditor", "Link")
    prompt = QCoreApplication.translate("ArticleEditor", "Web or mail address (empty removes the link):")
    url, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal, body.current_href() or "https://")
    if not ok:
        return
    url = url.strip()
    if url in ("", "https://"):
        body.set_link(None)
        return
    href = clean_href(url)
    if href is None:
        refused = QCoreApplication.translate(
            "ArticleEditor", "{url} is not a web or mail address (http, https or mailto)."
        )
        QMessageBox.warning(parent, title, refused.format(url=url))
        return
    body.set_link(href)
