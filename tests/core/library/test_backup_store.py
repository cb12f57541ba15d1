"""The photo store holds only the library's files: no export lands in it, and a backup copies
only its content-addressed files and leaves nothing behind when it fails."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import datetime

from PIL import Image

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main
from workstation.photos.ingest import ingest

from tests.export_support import publish


def _library_with_a_photo(library, tmp_path):
    docid = publish(ArticleRepo(library), 800001, "world", "خبر بصورة", datetime(2020, 1, 2, 3, 4, 5))
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 48), (10, 120, 200)).save(photo, quality=90)
    assert not ingest(library, docid, [photo], cache_dir=tmp_path / "thumbs").refused
    return hashlib.sha256(photo.read_bytes()).hexdigest()


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_an_export_into_the_photo_store_is_refused_and_backups_go_on_working(library, tmp_path, capsys):
    sha = _library_with_a_photo(library, tmp_path)
    store = library.photos_dir
    before = _files(store)
    db = str(library.path)
    for target in (store / "zz", store / ".incoming" / "site", store, store / "zz.zip"):
        assert main(["--db", db, "export", "--out", str(target)]) == 2, target
        err = capsys.readouterr().err
        assert "inside the library's photo folder" in err and err.count("\n") == 1, err
    assert _files(store) == before
    assert main(["--db", db, "backup", str(tmp_path / "copy.sqlite")]) == 0
    assert _files(tmp_path / "copy-photos") == [f"{sha[:2]}/{sha}.jpg"]
    assert check_library(library) == []


def test_backup_copies_only_the_stores_own_files(library, tmp_path):
    sha = _library_with_a_photo(library, tmp_path)
    store = library.photos_dir
    (store / "zz").mkdir()
    (store / "zz" / "index.html").write_text("stray")  # a folder where a file was expected
    (store / sha[:2] / "notes.txt").write_text("not the library's")
    assert main(["--db", str(library.path), "backup", str(tmp_path / "copy.sqlite")]) == 0
    assert _files(tmp_path / "copy-photos") == [f"{sha[:2]}/{sha}.jpg"]


def test_a_failed_backup_leaves_nothing_behind(library, tmp_path, monkeypatch, capsys):
    _library_with_a_photo(library, tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("workstation.library.backup.os.link", disk_full)
    monkeypatch.setattr("workstation.library.backup.shutil.copy2", disk_full)
    assert main(["--db", str(library.path), "backup", str(tmp_path / "copy.sqlite")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")]
