"""The publish dialog: saved targets without secrets, a preview grouped by kind with headlines before
anything is sent, the publish with progress, Cancel, and an unknown host key compared and trusted."""

from __future__ import annotations

import json
import subprocess

import keyring
import pytest
from keyring.backend import KeyringBackend

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QToolBar  # noqa: E402

from workstation.publish.log import history  # noqa: E402

from tests.export_support import SEED_DOCID, SEED_HEADLINE, build_sample  # noqa: E402
from ui import publish_dialog  # noqa: E402
from ui.publish_dialog import PublishDialog, saved_targets  # noqa: E402


@pytest.fixture
def sample(library):
    build_sample(library, payload_story=False)
    return library


def _groups(dialog) -> dict[str, list[str]]:
    tree = dialog.preview
    groups = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        groups[item.data(0, Qt.ItemDataRole.UserRole)] = [item.child(k).text(0) for k in range(item.childCount())]
    return groups


def _run(qtbot, dialog, button) -> None:
    button.click()
    assert dialog.is_running()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120_000)


def test_preview_then_publish_to_a_folder(qtbot, sample, settings, tmp_path):
    out = tmp_path / "webroot"
    dialog = PublishDialog(sample, settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(str(out))
    assert dialog.preview_button.isEnabled() and not dialog.publish_button.isEnabled()

    _run(qtbot, dialog, dialog.preview_button)
    groups = _groups(dialog)
    assert list(groups) == ["stories", "sections", "photos", "feeds", "static"]
    assert f"{SEED_HEADLINE} — {SEED_DOCID}" in groups["stories"]
    assert "index.html" in groups["sections"] and "feed.xml" in groups["feeds"]
    assert not out.exists()  # the preview touched nothing
    assert dialog.publish_button.isEnabled()

    _run(qtbot, dialog, dialog.publish_button)
    assert (out / "manifest.json").is_file() and "Sent" in dialog.status.text()
    assert not dialog.publish_button.isEnabled()  # a new preview comes first
    assert history(sample)[0].target == str(out)
    logged = dialog.history.topLevelItem(0)
    assert (
        dialog.history.topLevelItemCount() == 1
        and logged.text(2).strip("\u2066\u2069") == str(out)
        and logged.text(0).strip("\u2066\u2069")[:2] == "20"
    )
    assert str(SEED_DOCID) in logged.text(5) and int(logged.text(3)) > 0

    _run(qtbot, dialog, dialog.preview_button)
    assert _groups(dialog) == {} and "up to date" in dialog.status.text()


def test_changing_the_target_after_the_preview_asks_for_a_new_one(qtbot, sample, settings, tmp_path):
    dialog = PublishDialog(sample, settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(str(tmp_path / "a"))
    _run(qtbot, dialog, dialog.preview_button)
    assert dialog.publish_button.isEnabled()
    dialog.delete.setChecked(True)
    assert not dialog.publish_button.isEnabled()
    dialog.url.setText(str(tmp_path / "b"))
    dialog.delete.setChecked(False)
    assert not dialog.publish_button.isEnabled()


def test_saved_targets_keep_no_secret(qtbot, sample, settings, tmp_path):
    dialog = PublishDialog(sample, settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("الموقع")
    dialog.url.setText("sftp://editor@www.example.com/var/www")
    dialog.identity.setText("/home/editor/.ssh/id_ed25519")
    dialog.passphrase = "sesame-123"
    dialog.save_target()
    again = PublishDialog(sample, settings)
    qtbot.addWidget(again)
    assert again.saved.currentText() == "الموقع" and again.url.text() == "sftp://editor@www.example.com/var/www"
    assert again.identity.text() == "/home/editor/.ssh/id_ed25519" and again.passphrase is None
    settings.sync()
    assert "sesame" not in (tmp_path / "workstation.ini").read_text()
    assert saved_targets(settings)[0]["name"] == "الموقع"
    again.remove_target()
    assert saved_targets(settings) == [] and again.saved.count() == 0


def test_cancel_stops_the_publish_with_whole_files_only(qtbot, sample, settings, tmp_path):
    out = tmp_path / "webroot"
    dialog = PublishDialog(sample, settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(str(out))
    _run(qtbot, dialog, dialog.preview_button)
    dialog.publish_button.click()
    # Cancel as the first file is sent (from the worker's thread, as a click would land mid-publish).
    dialog.worker.progressed.connect(lambda *a: dialog.worker.stop.set(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert "cancelled" in dialog.status.text()
    assert not (out / "manifest.json").exists()
    assert not [p for p in out.rglob("*.wstmp")]


def test_an_unknown_host_key_is_shown_to_compare_and_trusted(qtbot, sample, settings, tmp_path, monkeypatch,
                                                             sshd):  # fmt: skip
    asked = []

    def answer(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    known = tmp_path / "known_hosts"
    dialog = PublishDialog(sample, settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(sshd.url(tmp_path / "www"))
    dialog.identity.setText(str(sshd.user_key))
    dialog.known_hosts.setText(str(known))
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(asked) and not dialog.is_running(), timeout=60_000)
    assert "SHA256:" in asked[0]
    assert f"[127.0.0.1]:{sshd.port}" in known.read_text()
    assert "stories" in _groups(dialog)
    assert json.dumps(saved_targets(settings)) == "[]"


class MemoryKeyring(KeyringBackend):
    """A keyring backend in memory (there is no desktop secret service here)."""

    priority = 1

    def __init__(self):
        self.kept = {}

    def get_password(self, service, account):
        return self.kept.get((service, account))

    def set_password(self, service, account, password):
        self.kept[(service, account)] = password

    def delete_password(self, service, account):
        self.kept.pop((service, account), None)


def test_a_key_passphrase_is_asked_for_and_kept_in_the_keyring_only(qtbot, sample, settings, tmp_path, monkeypatch,
                                                                    sshd):  # fmt: skip
    backend = MemoryKeyring()
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        locked = tmp_path / "locked_key"
        locked.write_bytes(sshd.user_key.read_bytes())
        locked.chmod(0o600)
        subprocess.run(["ssh-keygen", "-q", "-p", "-N", "sesame-123", "-f", str(locked)], check=True)
        asked = []
        monkeypatch.setattr(publish_dialog, "ask_passphrase", lambda parent, message: asked.append(message)
                            or ("sesame-123", True))  # fmt: skip
        dialog = PublishDialog(sample, settings)
        qtbot.addWidget(dialog)
        dialog.name.setText("server")
        dialog.url.setText(sshd.url(tmp_path / "www"))
        dialog.identity.setText(str(locked))
        dialog.known_hosts.setText(str(sshd.known_hosts))
        dialog.save_target()
        dialog.preview_button.click()
        qtbot.waitUntil(lambda: "stories" in _groups(dialog) and not dialog.is_running(), timeout=60_000)
        assert len(asked) == 1 and "passphrase" in asked[0]
        assert list(backend.kept.values()) == ["sesame-123"]

        monkeypatch.setattr(publish_dialog, "ask_passphrase", lambda *a: pytest.fail("asked again"))
        again = PublishDialog(sample, settings)
        qtbot.addWidget(again)
        assert again.identity.text() == str(locked)
        again.preview_button.click()
        qtbot.waitUntil(lambda: "stories" in _groups(again) and not again.is_running(), timeout=60_000)
        settings.sync()
        assert "sesame" not in (tmp_path / "workstation.ini").read_text()
    finally:
        keyring.set_keyring(before)


def test_the_publish_action_sits_beside_export_and_opens_the_dialog(main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(PublishDialog, "exec", lambda self: opened.append(self) or 0)
    file_menu = main_window.menuBar().actions()[0].menu()
    actions = [a for a in file_menu.actions() if not a.isSeparator()]
    assert actions.index(main_window.publish_action) == actions.index(main_window.export_action) + 1
    toolbar = main_window.findChild(QToolBar, "main-toolbar")
    assert main_window.publish_action in toolbar.actions()
    main_window.publish_action.trigger()
    assert len(opened) == 1 and opened[0].library is main_window.library
