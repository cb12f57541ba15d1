"""The app asks for a library server's password when the server refuses the connection, on the session's real
PostgreSQL server: masked, kept in the keyring (a file keyring of the test's own) only when asked, and nowhere else."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlalchemy.engine import make_url

from workstation.library.store import open_library
from workstation.paths import AppPaths

from ui.app import EXIT_FAILED, Workstation, start_app
from ui.server_password import ServerPasswordDialog

PASSWORD = "Desk-pw-7319-secret"


class FileKeyring(KeyringBackend):
    """A keyring in a JSON file of the test's own (there is no desktop secret service here)."""

    priority = 1

    def __init__(self, path):
        super().__init__()
        self.path = path

    def _all(self) -> dict:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service, username):
        return self._all().get(f"{service}|{username}")

    def set_password(self, service, username, password):
        self.path.write_text(json.dumps({**self._all(), f"{service}|{username}": password}))

    def delete_password(self, service, username):
        self.path.write_text(json.dumps({k: v for k, v in self._all().items() if k != f"{service}|{username}"}))


@pytest.fixture
def file_keyring(tmp_path):
    backend = FileKeyring(tmp_path / "keyring.json")
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def editor_account(pg_server, pg_url, tmp_path):
    """A migrated server library and an editor role with a password: the URL without it, the role's name."""
    open_library(pg_url, default_photos_dir=tmp_path / "photos").close()
    database = make_url(pg_url).database
    role = f"editor_{database}"
    pg_server.execute(
        f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'", f"GRANT CONNECT ON DATABASE {database} TO {role}"
    )
    pg_server.execute(
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        database=database,
    )
    bare = f"postgresql://{role}@127.0.0.1:{pg_server.port}/{database}"
    yield bare, role, database


def answering(monkeypatch, answers):
    """Answers each password dialog with the next (password, remember) or None (cancel); records what it showed."""
    shown = []
    replies = iter(answers)

    def exec_(dialog):
        shown.append({"url": dialog.url_label.text(), "reason": dialog.reason_label.text(),
                      "echo": dialog.password.echoMode(), "title": dialog.windowTitle()})  # fmt: skip
        reply = next(replies)
        if reply is None:
            return QDialog.DialogCode.Rejected
        dialog.password.setText(reply[0])
        dialog.remember.setChecked(reply[1])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerPasswordDialog, "exec", exec_)
    return shown


def close(started: Workstation) -> None:
    started.live.stop()
    started.wire.stop()
    started.window.close()
    started.library.close()


def test_a_refused_password_is_asked_for_and_kept_in_the_keyring_only(
    qapp, qtbot, tmp_path, editor_account, file_keyring, messages, app_translations, monkeypatch, capfd
):
    bare, role, _database = editor_account
    shown = answering(monkeypatch, [("wrong-password-1", True), (PASSWORD, True)])
    started = start_app(qapp, AppPaths.from_environment(), bare)
    assert isinstance(started, Workstation), messages
    qtbot.addWidget(started.window)
    assert len(shown) == 2  # none given: asked; a wrong one: asked again, saying so
    assert shown[0]["reason"] != shown[1]["reason"]
    assert all(s["echo"] == QLineEdit.EchoMode.Password and role in s["url"] for s in shown)
    assert started.library.editor and started.library.engine.url.username == role
    assert file_keyring.get_password("EditorialWorkstation", f"{role}@127.0.0.1:{make_url(bare).port}/"
                                     f"{make_url(bare).database}") == PASSWORD  # fmt: skip
    assert PASSWORD not in started.window.windowTitle() + started.window.path_label.text()
    assert "wrong-password-1" not in started.window.path_label.text()
    close(started)
    # The next start finds it in the keyring and asks nothing.
    shown.clear()
    started = start_app(qapp, AppPaths.from_environment(), bare)
    assert isinstance(started, Workstation) and shown == []
    qtbot.addWidget(started.window)
    close(started)
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err and "wrong-password-1" not in out + err
    for path in tmp_path.rglob("*"):  # settings, logs, the library's folders: only the keyring holds it
        if path.is_file() and path != file_keyring.path:
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_cancel_gives_the_clear_failure_without_the_password(
    qapp, pg_server, editor_account, file_keyring, messages, app_translations, monkeypatch, capfd
):
    bare, role, database = editor_account
    with_wrong = pg_server.url(database, user=role, password="embedded-wrong-5")
    shown = answering(monkeypatch, [None])
    assert start_app(qapp, AppPaths.from_environment(), with_wrong) == EXIT_FAILED
    assert len(shown) == 1 and "embedded-wrong-5" not in shown[0]["url"] and "***" in shown[0]["url"]
    assert [kind for kind, _text in messages] == ["critical"]
    text = messages[0][1]
    assert "password authentication failed" in text and "***" in text and "embedded-wrong-5" not in text
    out, err = capfd.readouterr()
    assert "embedded-wrong-5" not in out + err


def test_a_keyring_that_cannot_keep_it_is_said_and_the_library_opens(
    qapp, qtbot, editor_account, messages, app_translations, monkeypatch
):
    from keyring.backends import fail

    bare, _role, _database = editor_account
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        answering(monkeypatch, [(PASSWORD, True)])
        started = start_app(qapp, AppPaths.from_environment(), bare)
        assert isinstance(started, Workstation)
        qtbot.addWidget(started.window)
        assert [kind for kind, _text in messages] == ["warning"]
        assert PASSWORD not in messages[0][1]
        close(started)
    finally:
        keyring.set_keyring(before)


def test_the_keyring_is_offered_only_for_an_account_the_url_names(qtbot):
    named = ServerPasswordDialog("postgresql://ed:old-pw-1@db.example/news", missing=False)
    service = ServerPasswordDialog("postgresql:///?service=news", missing=True)
    for dialog in (named, service):
        qtbot.addWidget(dialog)
    assert named.remember.isEnabled() and not service.remember.isEnabled()
    assert named.url_label.text() == "postgresql://ed:***@db.example/news"
