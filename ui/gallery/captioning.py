"""The captioning desk in the gallery: many photos edited together, caption fields copied and
pasted, photos turned, and the keyboard flow from one caption to the next.

Every change is a core command on the panel's undo stack; the rules (what an empty field
means, how variables are filled) live in `workstation.photos.batch`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from workstation.photos.batch import MIXED, MODES, VARIABLES, batch_changes, shared_values
from workstation.photos.commands import EditItemsCommand
from workstation.photos.gallery import EDITABLE, GalleryItemRecord
from workstation.shortcuts.codes import ShortcutRepo

if TYPE_CHECKING:
    from ui.gallery.panel import GalleryPanel

FIELDS_MIME = "application/x-workstation-photo-fields"


class BatchCaptionDialog(QDialog):
    """Caption, alt text, credit and wire slug of several photos at once. A field left empty keeps
    each photo's own value; a field whose photos differ says so."""

    def __init__(self, records: list[GalleryItemRecord], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit %n photo(s) together", "", len(records)))
        self.shared = shared_values(records)
        titles = {"caption": self.tr("Caption"), "alt": self.tr("Alt text"), "credit": self.tr("Credit"),
                  "slug": self.tr("Wire slug")}  # fmt: skip
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name in EDITABLE:
            edit = QLineEdit(self.shared[name] or "", self)
            edit.setPlaceholderText(self.tr("(mixed: left empty, each photo keeps its own)")
                                    if self.shared[name] is MIXED else self.tr("(left empty, each photo keeps its own)"))  # fmt: skip
            edit.setAccessibleName(titles[name])
            form.addRow(titles[name], edit)
            self.edits[name] = edit
        self.modes = QButtonGroup(self)
        row = QHBoxLayout()
        for mode, text in zip(MODES, (self.tr("&Replace"), self.tr("Add &before"), self.tr("Add &after")), strict=True):
            button = QRadioButton(text, self)
            button.setObjectName(mode)
            self.modes.addButton(button)
            row.addWidget(button)
            button.setChecked(mode == "replace")
        row.addStretch(1)
        hint = QLabel(self.tr("Variables, filled for each photo: %1").replace(
            "%1", " ".join("{" + v + "}" for v in VARIABLES[:6])), self)  # fmt: skip
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def mode(self) -> str:
        """Replace, prepend or append."""
        return self.modes.checkedButton().objectName()

    def values(self) -> dict[str, str]:
        """The fields to apply: those typed into (a value the photos already share is not applied again)."""
        return {name: edit.text() for name, edit in self.edits.items()
                if edit.text().strip() and edit.text() != (self.shared[name] or "")}  # fmt: skip


class CaptioningDesk:
    """The panel's captioning actions and keys."""

    def __init__(self, panel: GalleryPanel):
        self.panel = panel
        self.codes = ShortcutRepo(panel.library)
        self.batch_action = panel._action(
            QCoreApplication.translate("GalleryPanel", "Edit together…"),
            self.edit_together,
            QKeySequence("Ctrl+Shift+E"),
        )
        self.copy_action = self._panel_action(
            QCoreApplication.translate("GalleryPanel", "Copy caption fields"), self.copy_fields, "Ctrl+Shift+C"
        )
        self.paste_action = self._panel_action(
            QCoreApplication.translate("GalleryPanel", "Paste caption fields"), self.paste_fields, "Ctrl+Shift+V"
        )
        self.rotate_left = panel._action(
            QCoreApplication.translate("GalleryPanel", "Turn left"),
            lambda: self.turn(-90),
            QKeySequence("Ctrl+Shift+L"),
        )
        self.rotate_right = panel._action(
            QCoreApplication.translate("GalleryPanel", "Turn right"),
            lambda: self.turn(90),
            QKeySequence("Ctrl+Shift+R"),
        )
        caption = panel.editor.caption
        for keys, step in (("Ctrl+Return", 1), ("Ctrl+Enter", 1), ("Ctrl+Shift+Return", -1), ("Ctrl+Shift+Enter", -1)):
            shortcut = QShortcut(QKeySequence(keys), caption, lambda step=step: self.next_caption(step))
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # the constructor's context is ignored
        for keys, step in (("PgDown", 1), ("PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), caption, lambda step=step: self.next_caption(step))
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def actions(self) -> list[QAction]:
        """The actions that need a selection."""
        return [self.batch_action, self.copy_action, self.paste_action, self.rotate_left, self.rotate_right]

    def _panel_action(self, text: str, slot, keys: str) -> QAction:
        action = self.panel._action(text, slot, QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.panel.addAction(action)
        return action

    # -- several photos ---------------------------------------------------------------------------
    def edit_together(self) -> bool:
        """Asks for the fields of the selected photos and applies them (one undo step)."""
        records = self.panel.repo.get(self.panel.selected_ids())
        if not records:
            return False
        dialog = BatchCaptionDialog(records, self.panel)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.apply(dialog.values(), dialog.mode())

    def apply(self, values: dict[str, str], mode: str = "replace") -> bool:
        """Applies fields to the selected photos: empty ones keep each photo's own value."""
        ids = self.panel.selected_ids()
        try:
            changes = batch_changes(self.panel.repo, ids, values, mode, self.codes.table())
        except ValueError as exc:
            self.panel._show_error(str(exc))
            return False
        changes = {item_id: fields for item_id, fields in changes.items() if fields}
        if not changes:
            return False
        label = QCoreApplication.translate("GalleryPanel", "Edit photos together")
        return self.panel._run(EditItemsCommand(self.panel.repo, self.panel.docid, changes, label), label)

    def copy_fields(self) -> bool:
        """Puts the current photo's caption, alt text, credit and slug on the clipboard."""
        current = self.panel.current_id()
        if current is None:
            return False
        fields = self.panel.repo.get([current])[0].fields()
        mime = QMimeData()
        mime.setData(FIELDS_MIME, json.dumps(fields, ensure_ascii=False).encode("utf-8"))
        mime.setText(fields["caption"])
        QApplication.clipboard().setMimeData(mime)
        return True

    def paste_fields(self) -> bool:
        """Gives the selected photos the caption fields on the clipboard (one undo step)."""
        mime = QApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(FIELDS_MIME):
            return False
        try:
            fields = {k: str(v) for k, v in json.loads(bytes(mime.data(FIELDS_MIME)).decode("utf-8")).items()
                      if k in EDITABLE}  # fmt: skip
        except (ValueError, AttributeError):
            return False
        ids = self.panel.selected_ids()
        if not ids or not fields:
            return False
        label = QCoreApplication.translate("GalleryPanel", "Paste caption fields")
        command = EditItemsCommand(self.panel.repo, self.panel.docid, {i: fields for i in ids}, label)
        return self.panel._run(command, label)

    def turn(self, degrees: int) -> bool:
        """Turns the selected photos by 90 degrees either way (the files are never touched)."""
        records = self.panel.repo.get(self.panel.selected_ids())
        if not records:
            return False
        changes = {r.id: {"rotate": (r.rotate + degrees) % 360} for r in records}
        label = QCoreApplication.translate("GalleryPanel", "Turn photos")
        return self.panel._run(EditItemsCommand(self.panel.repo, self.panel.docid, changes, label), label)

    # -- the keyboard flow -------------------------------------------------------------------------
    def next_caption(self, step: int) -> bool:
        """Keeps the caption typed and moves to the next (+1) or previous (-1) photo, its caption
        selected for typing over."""
        editor = self.panel.editor
        editor.commit_caption()
        row = self.panel.view.currentIndex().row() + step
        if not 0 <= row < len(self.panel.model.records):
            return False
        index = self.panel.model.index(row)
        self.panel.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.panel.view.scrollTo(index)
        editor.caption.setFocus()
        editor.caption.selectAll()
        return True
