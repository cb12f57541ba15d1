"""`check` finds damage; `backup` makes a consistent copy of a library in use."""

import sqlite3
import threading

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main
from workstation.library.store import open_library


def test_sound_library_checks_clean(library, capsys):
    ArticleRepo(library).create(headline="سليم", body="<p>نص</p>")
    assert check_library(library) == []
    assert main(["--db", str(library.path), "check"]) == 0


def test_index_drift_and_missing_photo_are_reported(library):
    a = ArticleRepo(library).create(headline="قديم")
    conn = sqlite3.connect(library.path)
    conn.execute("UPDATE articles SET headline = 'جديد' WHERE id = ?", (a.docid,))
    conn.execute(
        "INSERT INTO photos VALUES ('ab' || printf('%062d', 0), 'x.jpg', 'jpg', 1, 1, 1, 1, NULL, '{}', '2020-01-01')"
    )
    conn.commit()
    conn.close()
    problems = check_library(library)
    assert any(f"article {a.docid} is missing or out of date" in p for p in problems)
    assert any("x.jpg" in p and "file missing" in p for p in problems)
    assert main(["--db", str(library.path), "check"]) == 1


def test_backup_while_another_writer_is_busy(library, tmp_path):
    repo = ArticleRepo(library)
    for i in range(50):
        repo.create(headline=f"خبر {i}")
    stop = threading.Event()

    def writer():
        other = ArticleRepo(open_library(str(library.path)))
        while not stop.is_set():
            other.create(headline="أثناء النسخ")

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert main(["--db", str(library.path), "backup", str(tmp_path / "copy.sqlite")]) == 0
    finally:
        stop.set()
        thread.join()
    copy = open_library(str(tmp_path / "copy.sqlite"))
    assert check_library(copy) == []
    with copy.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() >= 50


def test_backup_refuses_to_overwrite(library, tmp_path, capsys):
    target = tmp_path / "exists.sqlite"
    target.write_bytes(b"keep me")
    assert main(["--db", str(library.path), "backup", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"


def test_backup_carries_the_photo_files_and_opens_sound(library, tmp_path):
    from PIL import Image

    from workstation.photos.ingest import ingest

    a = ArticleRepo(library).create(headline="صور")
    Image.new("RGB", (64, 48), (200, 30, 30)).save(tmp_path / "red.jpg")
    assert ingest(library, a.docid, [tmp_path / "red.jpg"]).added
    assert main(["--db", str(library.path), "backup", str(tmp_path / "copy.sqlite")]) == 0
    copy = open_library(str(tmp_path / "copy.sqlite"))
    assert check_library(copy) == []
    copy.close()


def filled_file(library) -> bytearray:
    """The bytes of the library's file once 200 long articles are in it and it is closed."""
    for i in range(200):
        ArticleRepo(library).create(headline=f"خبر {i}", body="<p>" + "نص طويل " * 200 + "</p>")
    library.close()
    conn = sqlite3.connect(library.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return bytearray(library.path.read_bytes())


def test_check_reports_a_damaged_file_instead_of_failing(library, tmp_path, capsys):
    data = filled_file(library)
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 5):  # scribble over every fifth page
        data[offset : offset + 200] = b"\xff" * 200
    library.path.write_bytes(bytes(data))
    status = main(["--db", str(library.path), "check"])
    err = capsys.readouterr().err
    assert status in (1, 2) and "Traceback" not in err and err.strip()


def test_backup_of_a_damaged_library_says_so(library, tmp_path, capsys):
    data = filled_file(library)
    middle = len(data) // 2 // 4096 * 4096  # one page of article text, not the schema
    data[middle : middle + 200] = b"\xff" * 200
    library.path.write_bytes(bytes(data))
    status = main(["--db", str(library.path), "backup", str(tmp_path / "copy.sqlite")])
    err = capsys.readouterr().err
    assert status == 1 and "the library it copies is damaged" in err, err
    assert (tmp_path / "copy.sqlite").exists()
