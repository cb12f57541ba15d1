"""The watched folder: files dropped, half-written, refused, unreadable; Ctrl+C and SIGTERM end it cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.wire.watch import FolderWatch, is_partial

from tests import FIXTURES, ROOT


def age(path: Path, seconds: float = 60) -> Path:
    """Makes a file look written a while ago (settled)."""
    when = time.time() - seconds
    os.utime(path, (when, when))
    return path


def test_files_present_and_dropped_are_imported_once_and_moved(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    age(Path(shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / "story.xml")))
    watcher = FolderWatch(library, inbox, settle=0.3)
    [outcome] = list(watcher.poll())
    assert (outcome.name, outcome.created, outcome.refused) == ("story.xml", 1, [])
    assert outcome.moved_to == inbox / "done" / "story.xml" and outcome.moved_to.exists()
    assert not (inbox / "story.xml").exists()
    assert list(watcher.poll()) == []  # nothing twice
    # The same name delivered again (a new version): imported, kept beside the first.
    age(Path(shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / "story.xml")))
    [again] = list(watcher.poll())
    assert (again.created, again.updated, again.moved_to.name) == (0, 1, "story-2.xml")
    assert ArticleRepo(library).get(900001).version == 2


def test_a_half_written_file_waits_until_it_settles(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = (FIXTURES / "newsml" / "newsitem-nitf.xml").read_bytes()
    growing = inbox / "item.xml"
    growing.write_bytes(data[: len(data) // 2])  # being written now
    watcher = FolderWatch(library, inbox, settle=0.5)
    assert list(watcher.poll()) == []
    time.sleep(0.3)
    with growing.open("ab") as fh:
        fh.write(data[len(data) // 2 :])
    assert list(watcher.poll()) == []  # it changed: the wait starts again
    time.sleep(0.6)
    [outcome] = list(watcher.poll())
    assert (outcome.created, outcome.refused) == (1, []) and (inbox / "done" / "item.xml").exists()


def test_temporary_names_are_left_until_renamed_into_place(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (".story.xml", "story.xml.part", "story.xml.tmp", "~story.xml"):
        age(Path(shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / name)))
        assert is_partial(name)
    watcher = FolderWatch(library, inbox, settle=0.3)
    assert list(watcher.poll()) == []
    os.replace(inbox / "story.xml.part", inbox / "story.xml")  # the rename keeps the old mtime: whole
    [outcome] = list(watcher.poll())
    assert outcome.name == "story.xml" and outcome.created == 1


def test_a_file_with_refusals_goes_to_refused_with_its_reasons(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    age(Path(shutil.copy(FIXTURES / "newsml" / "newsmessage.xml", inbox / "message.xml")))
    age(Path(shutil.copy(FIXTURES / "newsml" / "billion-laughs.xml", inbox / "bomb.xml")))
    outcomes = {o.name: o for o in FolderWatch(library, inbox, settle=0.3).poll()}
    assert outcomes["message.xml"].created == 3 and len(outcomes["message.xml"].refused) == 4
    reasons = (inbox / "refused" / "message.xml.reason.txt").read_text(encoding="utf-8").splitlines()
    assert reasons[0] == "3 created, 1 updated, 4 refused"
    assert "message.xml:/newsMessage/itemSet/conceptItem[1]: an event, not a text story" in reasons
    assert (inbox / "refused" / "message.xml").exists()
    bomb = (inbox / "refused" / "bomb.xml.reason.txt").read_text(encoding="utf-8")
    assert "bomb.xml: the XML declares entities" in bomb
    assert sorted(p.name for p in inbox.iterdir()) == ["done", "refused"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused_not_retried(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    locked = age(Path(shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / "locked.xml")))
    locked.chmod(0)
    [outcome] = list(FolderWatch(library, inbox, settle=0.3).poll())
    assert outcome.refused[0].reason == "cannot read the file: Permission denied"
    assert (inbox / "refused" / "locked.xml").exists()


def test_a_file_that_cannot_be_moved_is_reported_once(library, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    age(Path(shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / "story.xml")))
    watcher = FolderWatch(library, inbox, settle=0.3)

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    [outcome] = list(watcher.poll())
    assert "cannot be moved" in outcome.note and outcome.created == 1
    assert list(watcher.poll()) == []  # left alone while it stays as it is


def test_a_file_that_never_settles_is_reported_once(library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    growing = inbox / "endless.jsonl"
    watcher = FolderWatch(library, inbox, settle=0.5, give_up=0.3)
    notes = []
    for n in range(6):
        with growing.open("a") as fh:
            fh.write(f'{{"headline": "خبر {n}"}}\n')
        notes += [o.note for o in watcher.poll()]
        time.sleep(0.15)
    assert notes == ["still being written after 0 s; left alone"]


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_cli_watch_imports_until_ctrl_c_or_sigterm(tmp_path, stop_signal):
    from workstation.library.store import open_library

    inbox, db = tmp_path / "inbox", tmp_path / "lib.sqlite"
    inbox.mkdir()
    open_library(str(db)).close()
    age(Path(shutil.copy(FIXTURES / "ninjs" / "ninjs-2x.jsonl", inbox / "a.jsonl")))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "workstation.cli", "--db", str(db), "import", "--watch", str(inbox)]
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (inbox / "done" / "a.jsonl").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.copy(FIXTURES / "nitf" / "story.xml", inbox / "b.xml.part")
        os.replace(inbox / "b.xml.part", inbox / "b.xml")
        while not (inbox / "done" / "b.xml").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (inbox / "done" / "b.xml").exists()
        proc.send_signal(stop_signal)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "a.jsonl: 3 created, 0 updated, 0 refused; moved to done/" in err
    assert "b.xml: 1 created" in err and "Traceback" not in err
    library = open_library(str(db))
    try:
        assert ArticleRepo(library).exists(900001)
    finally:
        library.close()


def test_cli_watch_usage(library, tmp_path, capsys):
    from workstation.cli import main

    assert main(["--db", str(library.path), "import"]) == 2
    assert main(["--db", str(library.path), "import", "--watch", str(tmp_path), "x.json"]) == 2
    assert main(["--db", str(library.path), "import", "--watch", str(tmp_path / "nowhere")]) == 2
    assert "nowhere is not a folder" in capsys.readouterr().err
