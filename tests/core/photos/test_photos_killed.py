"""An ingest killed with SIGKILL while its copies are staged: the next ingest, or `check`, removes
them, and never the copies of an ingest that is still running."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from PIL import Image

from workstation.articles.repo import ArticleRepo
from workstation.cli import main
from workstation.photos.gallery import GalleryRepo
from workstation.photos.staging import sweep
from workstation.search.vocabulary import prepare_search


def _photos(folder, count, shade=0):
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"photo-{n}.jpg"
        Image.new("RGB", (200, 150), (shade + 20 * n, 90, 160)).save(path, quality=90)
        made.append(path)
    return made


def _add(library, docid, paths):
    command = [sys.executable, "-m", "workstation.cli", "--db", str(library.path), "photos", "add", str(docid)]
    return subprocess.Popen([*command, *map(str, paths)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _staged(library, at_least, timeout=60):
    incoming = library.photos_dir / ".incoming"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = sorted(incoming.glob("*.part")) if incoming.is_dir() else []
        if len(parts) >= at_least:
            return parts
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} staged copies appeared")


def test_only_the_copies_of_a_killed_ingest_are_swept(library, tmp_path):
    docid = ArticleRepo(library).create(section="world", headline="صور").docid
    prepare_search(library)  # so the commands' first write is the ingest's own
    holder = sqlite3.connect(library.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both ingests stage their copies, then wait to record them
    try:
        alive = _add(library, docid, _photos(tmp_path / "b", 2, shade=100))
        alive_parts = set(_staged(library, 2))
        killed = _add(library, docid, _photos(tmp_path / "a", 3))
        assert len(_staged(library, 5)) == 5  # its own sweep at the start left the live copies alone
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        time.sleep(1)  # the killed ingest's workers are gone by now
        assert sweep(library.photos_dir) == 3  # what `check` and every ingest do first
        left = set((library.photos_dir / ".incoming").glob("*.part"))
        assert left == alive_parts and len(left) == 2
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert alive.wait(timeout=120) == 0, alive.stderr.read()
    assert [i.filename for i in GalleryRepo(library).items(docid)] == ["photo-0.jpg", "photo-1.jpg"]
    assert not list((library.photos_dir / ".incoming").glob("*.part"))


@pytest.mark.parametrize("next_command", ["check", "ingest"])
def test_check_or_the_next_ingest_removes_the_copies_of_a_killed_one(library, tmp_path, next_command):
    docid = ArticleRepo(library).create(section="world", headline="صور").docid
    prepare_search(library)  # so the commands' first write is the ingest's own
    holder = sqlite3.connect(library.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        killed = _add(library, docid, _photos(tmp_path / "a", 2))
        _staged(library, 2)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
    finally:
        holder.execute("COMMIT")
        holder.close()
    time.sleep(1)
    if next_command == "check":
        assert main(["--db", str(library.path), "check"]) == 0
    else:
        photo = _photos(tmp_path / "c", 1, 200)[0]
        assert main(["--db", str(library.path), "photos", "add", str(docid), str(photo)]) == 0
    assert not list((library.photos_dir / ".incoming").glob("*.claim"))
    assert not list((library.photos_dir / ".incoming").glob("*.part"))
