"""Photo ingest when writing fails for one file: that file is refused by name, the others land.

As root, permissions do not stop writes, so a folder is made unusable by putting a regular
file where it should be (mkdir then fails), or, in-process, by a fake OSError.
"""

from __future__ import annotations

import errno
import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image
from sqlalchemy import select

from workstation import cli
from workstation.articles.repo import ArticleRepo
from workstation.library.models import Photo
from workstation.photos import ingest as photos
from workstation.photos import renditions
from workstation.photos.files import photo_path
from workstation.photos.gallery import GalleryRepo


@pytest.fixture
def article(library):
    return ArticleRepo(library).create(section="world", headline="صور").docid


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "thumbs"


@pytest.fixture
def pair(tmp_path):
    """Two JPEGs whose hashes start differently, so a blocked hash folder hits only the first."""
    folder = tmp_path / "drop"
    folder.mkdir()
    made = []
    for shade in range(0, 250, 10):
        path = folder / f"photo-{shade}.jpg"
        Image.new("RGB", (64, 48), (shade, 90, 160)).save(path, quality=90)
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if not made or made[0][1][:2] != sha[:2]:
            made.append((path, sha))
        if len(made) == 2:
            return made
    raise AssertionError("no two sample hashes with different prefixes")


def _shas(library):
    with library.sessions() as session:
        return set(session.scalars(select(Photo.sha256)))


def _staged(library):
    incoming = library.photos_dir / ".incoming"
    return list(incoming.iterdir()) if incoming.is_dir() else []


def test_unwritable_thumbnail_folder_refuses_that_file_only(library, article, cache, pair):
    (bad, bad_sha), (good, good_sha) = pair
    cache.mkdir()
    (cache / bad_sha[:2]).write_bytes(b"a file where a folder should be")
    report = ingest_both(library, article, cache, pair)
    assert [p.where for p in report.refused] == [str(bad)]
    reason = report.refused[0].reason
    assert reason.startswith(f"cannot write its thumbnail in {cache}: "), reason
    assert reason.endswith(("File exists", "Not a directory")), reason
    assert [a.where for a in report.added] == [str(good)]
    assert _shas(library) == {good_sha} and _staged(library) == []
    assert [i.sha256 for i in GalleryRepo(library).items(article)] == [good_sha]


def test_cache_folder_that_is_a_file_refuses_every_file_and_adds_nothing(library, article, tmp_path, pair):
    cache = tmp_path / "thumbs"
    cache.write_bytes(b"not a folder")
    report = ingest_both(library, article, cache, pair)
    assert sorted(p.where for p in report.refused) == sorted(str(path) for path, _ in pair)
    assert all(p.reason.startswith(f"cannot write its thumbnail in {cache}: ") for p in report.refused)
    assert report.added == [] and _shas(library) == set() and _staged(library) == []


def test_library_folder_that_cannot_take_the_copy_refuses_that_file(library, article, cache, pair):
    (bad, bad_sha), (good, good_sha) = pair
    blocker = library.photos_dir / bad_sha[:2]
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_bytes(b"a file where a folder should be")
    report = ingest_both(library, article, cache, pair)
    assert [p.where for p in report.refused] == [str(bad)]
    assert report.refused[0].reason == f"cannot be placed in the library folder {blocker}: File exists"
    assert [a.where for a in report.added] == [str(good)]
    assert _shas(library) == {good_sha} and _staged(library) == []
    assert photo_path(library, good_sha, "jpg").is_file()


def test_incoming_folder_that_is_a_file_refuses_with_the_library_folder(library, article, cache, pair):
    library.photos_dir.mkdir(parents=True, exist_ok=True)
    (library.photos_dir / ".incoming").write_bytes(b"not a folder")
    report = ingest_both(library, article, cache, pair)
    assert len(report.refused) == 2 and report.added == [] and _shas(library) == set()
    assert all(
        p.reason.startswith(f"cannot be copied into the library in {library.photos_dir}: ") for p in report.refused
    )


def test_a_failed_rename_removes_the_staged_copy(library, article, cache, pair, monkeypatch):
    (bad, bad_sha), (good, good_sha) = pair
    real_replace = photos.os.replace

    def replace(src, dst):
        if bad_sha in str(dst):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(photos.os, "replace", replace)
    report = ingest_both(library, article, cache, pair)
    assert [(p.where, p.reason.rsplit(": ", 1)[1]) for p in report.refused] == [(str(bad), "No space left on device")]
    assert [a.where for a in report.added] == [str(good)]
    assert _shas(library) == {good_sha} and _staged(library) == []


def test_worker_errors_of_any_kind_refuse_their_file_and_the_rest_land(library, article, cache, tmp_path, monkeypatch):
    # Run the worker in threads of this process so its functions can be replaced.
    pool = ThreadPoolExecutor(max_workers=2)
    monkeypatch.setattr(photos, "_pool", lambda: pool)
    real_process, real_save = renditions.process, renditions._save_renditions
    paths = []
    for name, shade in (("full.jpg", 10), ("bug.jpg", 120), ("fine.jpg", 240)):
        paths.append(tmp_path / name)
        Image.new("RGB", (40, 30), (shade, shade, 0)).save(paths[-1])

    def save(preview, cache_dir, sha, icc):
        if sha == hashlib.sha256(paths[0].read_bytes()).hexdigest():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_save(preview, cache_dir, sha, icc)

    def process(source, *args):
        if source.endswith("bug.jpg"):
            raise KeyError("width")
        return real_process(source, *args)

    monkeypatch.setattr(renditions, "_save_renditions", save)
    monkeypatch.setattr(renditions, "process", process)
    try:
        report = photos.ingest(library, article, paths, cache_dir=cache)
    finally:
        pool.shutdown()
    assert [(p.where, p.reason) for p in report.refused] == [
        (str(paths[0]), f"cannot write its thumbnail in {cache}: No space left on device"),
        (str(paths[1]), "could not be added (KeyError: 'width')"),
    ]
    assert [a.where for a in report.added] == [str(paths[2])]
    assert len(_shas(library)) == 1 and _staged(library) == []


def test_cli_add_names_the_file_and_exits_1(library, article, pair, user_folders, capsys):
    (bad, bad_sha), (good, _) = pair
    thumbnails = user_folders / "cache" / "thumbnails"
    thumbnails.mkdir(parents=True)
    (thumbnails / bad_sha[:2]).write_bytes(b"a file where a folder should be")
    status = cli.main(["--db", str(library.path), "photos", "add", str(article), str(bad), str(good)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{bad}: cannot write its thumbnail in {thumbnails}: " in err
    assert "1 added, 1 refused" in err and "Traceback" not in err


def ingest_both(library, article, cache, pair):
    return photos.ingest(library, article, [path for path, _ in pair], cache_dir=cache)


def test_file_names_with_line_breaks_are_shown_escaped(library, article, pair, user_folders, capsys):
    source, _sha = pair[0]
    odd = source.with_name("two\nlines.jpg")
    source.rename(odd)
    empty = odd.with_name("empty\rname.jpg")
    empty.write_bytes(b"")
    assert cli.main(["--db", str(library.path), "photos", "add", str(article), str(odd), str(empty)]) == 1
    err = capsys.readouterr().err
    assert "empty\\rname.jpg: is an empty file" in err and "\r" not in err
    assert cli.main(["--db", str(library.path), "photos", "list", str(article)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "two\\nlines.jpg" in out


def test_pillow_warnings_about_odd_metadata_stay_off_the_terminal(library, article, tmp_path):
    import struct
    import subprocess
    import sys

    plain = tmp_path / "plain.jpg"
    Image.new("RGB", (64, 48), (1, 2, 3)).save(plain)
    data = plain.read_bytes()
    # EXIF whose one tag points past the end of its data: Pillow warns and skips it.
    tiff = b"II*\x00" + struct.pack("<IH", 8, 1) + struct.pack("<HHII", 0x010E, 2, 100, 1000) + struct.pack("<I", 0)
    app1 = b"Exif\x00\x00" + tiff
    odd = tmp_path / "odd-exif.jpg"
    odd.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:])
    command = [sys.executable, "-m", "workstation.cli", "--db", str(library.path), "photos", "add", str(article)]
    done = subprocess.run([*command, str(odd)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "1 added, 0 refused\n", done.stderr
