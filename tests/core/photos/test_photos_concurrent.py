"""Ingests in separate processes against one library: no photo lost, positions 1..n."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time

import pytest
from PIL import Image
from sqlalchemy import func, select

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.library.models import Photo
from workstation.photos.files import photo_path
from workstation.photos.gallery import GalleryRepo
from workstation.search.vocabulary import prepare_search


def _photos(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"photo-{n}.jpg"
        Image.new("RGB", (96, 64), (40 + 50 * n, 120, 200 - 30 * n)).save(path, quality=90)
        made.append(path)
    return made


def _add(library, docid, paths):
    command = [sys.executable, "-m", "workstation.cli", "--db", str(library.path), "photos", "add", str(docid)]
    return subprocess.Popen([*command, *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _race(library, jobs, staged_count):
    """Runs the ingests while another connection holds the write lock, released once every copy is
    staged (or after 6 s, well within the 10 s the ingests wait for a lock)."""
    prepare_search(library)  # so the commands' first write is the ingest's own
    holder = sqlite3.connect(library.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        processes = [_add(library, docid, paths) for docid, paths in jobs]
        incoming = library.photos_dir / ".incoming"
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            if incoming.is_dir() and len(list(incoming.glob("*.part"))) >= staged_count:
                break
            time.sleep(0.05)
    finally:
        holder.execute("COMMIT")
        holder.close()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, err))
    return results


@pytest.mark.parametrize("attempt", [1, 2])  # the race is a matter of timing: two tries
def test_two_ingests_sharing_files_into_two_stories_lose_nothing(library, tmp_path, attempt):
    x, y = _photos(tmp_path / "drop", 2)
    one = ArticleRepo(library).create(section="world", headline="أ").docid
    two = ArticleRepo(library).create(section="world", headline="ب").docid
    results = _race(library, [(one, [x, y]), (two, [y, x])], staged_count=4)
    assert [status for status, _ in results] == [0, 0], results
    assert check_library(library) == []
    gallery = GalleryRepo(library)
    shas = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (x, y)]
    assert [i.sha256 for i in gallery.items(one)] == shas
    assert [i.sha256 for i in gallery.items(two)] == shas[::-1]
    with library.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Photo)) == 2
    for sha in shas:
        assert photo_path(library, sha, "jpg").is_file()
    assert not list((library.photos_dir / ".incoming").glob("*.part"))


def test_two_ingests_into_one_story_number_positions_1_to_n(library, tmp_path):
    first, second = _photos(tmp_path / "a", 2), _photos(tmp_path / "b", 4)[2:]
    docid = ArticleRepo(library).create(section="world", headline="أ").docid
    results = _race(library, [(docid, first), (docid, second)], staged_count=4)
    assert [status for status, _ in results] == [0, 0], results
    assert [i.position for i in GalleryRepo(library).items(docid)] == [1, 2, 3, 4]
    assert check_library(library) == []


def test_check_reports_gallery_positions_that_are_not_1_to_n(library, tmp_path):
    docid = ArticleRepo(library).create(section="world", headline="أ").docid
    from workstation.photos.ingest import ingest

    ingest(library, docid, _photos(tmp_path / "drop", 3), cache_dir=tmp_path / "thumbs")
    assert check_library(library) == []
    with library.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE gallery_items SET position = 1 WHERE position = 2")
    assert check_library(library) == [f"gallery of article {docid}: positions are 1, 1, 3, not 1 to 3"]
