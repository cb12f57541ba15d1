"""The password of a library server account, asked for when the server refuses the connection without it.

What is typed lives only in the dialog and the library's engine; when the editor asks, it is kept in
the system keyring (`urls.remember_password`), where the next start finds it. Never in the settings,
a log, a window title or a message: the URL is shown with any password in it masked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from workstation.errors import PasswordRefused
from workstation.library.store import Library, open_library
from workstation.library.urls import masked, remember_password


class ServerPasswordDialog(QDialog):
    """Asks for the password of the account a library URL names: masked, with "Remember in the keyring"."""

    def __init__(self, location: str, missing: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Library server password"))
        self.setMinimumWidth(520)
        self.reason_label = why = QLabel(
            self.tr("The library server needs a password for this account.")
            if missing
            else self.tr("The library server refused the password: type it again.")
        )
        why.setWordWrap(True)
        self.url_label = QLabel(masked(location))
        # A URL reads left to right whatever the interface language.
        self.url_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password.setAccessibleName(self.tr("Password"))
        self.remember = QCheckBox(self.tr("Remember in the keyring"))
        self.remember.setToolTip(self.tr("The system keyring keeps it; the next start asks no more."))
        # The keyring keeps a password under the account the URL names (a service file's account is libpq's to know).
        self.remember.setEnabled(bool(make_url(location).username))
        form = QFormLayout()
        form.addRow(self.tr("Library:"), self.url_label)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.password.setFocus()


def open_asking_password(location: str, **options) -> tuple[Library, str | None]:
    """Opens the library at `location`, asking for the server's password for as long as the server refuses it.

    Gives back the library and, when the editor asked to remember the password but the keyring could
    not keep it, the reason; raises the server's PasswordRefused when the editor cancels.
    """
    password: str | None = None
    while True:
        try:
            library = open_library(location, password=password, **options)
            break
        except PasswordRefused as refused:
            dialog = ServerPasswordDialog(location, refused.missing and password is None)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                raise
            password, remember = dialog.password.text(), dialog.remember.isChecked()
            dialog.deleteLater()
    if password is None or not remember:
        return library, None
    try:
        remember_password(location, password)
    except Exception as exc:  # no keyring here, or a locked one: the password lasts as long as the app
        first = str(exc).replace(password, "***").split(". ")[0].strip().rstrip(".")  # the first sentence
        return library, masked(first) or type(exc).__name__
    return library, None
