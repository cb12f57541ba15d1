"""`workstation copy` between backends, `backup` of a server library, a server library's photo folder."""

from __future__ import annotations

import json

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main
from workstation.library.copy import TABLES, table_digest
from workstation.library.store import open_library
from workstation.search.index import reindex
from workstation.search.query import search

from tests.export_support import SEED_DOCID, build_sample


def location(library) -> str:
    return str(library.path) if library.path is not None else library.engine.url.render_as_string(hide_password=False)


def digests(library) -> dict:
    with library.engine.connect() as conn:
        return {name: table_digest(conn, name) for name in TABLES}


def sound(library) -> bool:
    """Whether check finds nothing but the export sample's galleries numbered from 0."""
    return [p for p in check_library(library) if not p.startswith("gallery of")] == []


def sample_file_library(tmp_path):
    library = open_library(str(tmp_path / "desk.sqlite"))
    build_sample(library)
    with library.engine.begin() as conn:
        reindex(conn, conn.exec_driver_sql("SELECT id FROM articles").scalars().all())
    return library


def test_copy_to_the_server_and_back_keeps_everything(pg_url, tmp_path, capsys):
    desk = sample_file_library(tmp_path)
    photos = tmp_path / "share" / "photos"
    assert main(["--db", location(desk), "copy", pg_url, "--photos", str(photos)]) == 0
    err = capsys.readouterr().err
    assert "verified" in err and "***" in err
    server = open_library(pg_url)  # the photo folder is now a setting of the server library
    assert server.photos_dir == photos
    assert digests(server) == digests(desk)
    assert sound(server)
    assert [h.docid for h in search(server, "لافروف").hits] == [h.docid for h in search(desk, "لافروف").hits]
    ArticleRepo(server).create(headline="بعد النقل إلى الخادم")  # ids and sequences carry on

    back = tmp_path / "back" / "library.sqlite"
    back.parent.mkdir()
    assert main(["--db", pg_url, "copy", str(back)]) == 0
    returned = open_library(str(back))
    assert digests(returned) == digests(server)
    assert sound(returned)
    server.close(), returned.close(), desk.close()


def test_copy_refuses_a_destination_that_is_not_empty(pg_url, tmp_path, capsys):
    desk = sample_file_library(tmp_path)
    server = open_library(pg_url, default_photos_dir=tmp_path / "photos")
    ArticleRepo(server).create(headline="موجود من قبل")
    capsys.readouterr()
    assert main(["--db", location(desk), "copy", pg_url]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and err.count("\n") == 1
    assert ArticleRepo(server).get(1).headline == "موجود من قبل"
    server.close(), desk.close()


def test_backup_of_a_server_library_is_a_library_file(pg_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKSTATION_PHOTOS", str(tmp_path / "server-photos"))
    server = open_library(pg_url)
    build_sample(server)
    with server.engine.begin() as conn:
        reindex(conn, conn.exec_driver_sql("SELECT id FROM articles").scalars().all())
    target = tmp_path / "backup.sqlite"
    assert main(["--db", pg_url, "backup", str(target)]) == 0
    monkeypatch.delenv("WORKSTATION_PHOTOS")
    assert not list(tmp_path.glob("backup.sqlite.partial*"))
    capsys.readouterr()
    assert main(["--db", str(target), "photos", "list", str(SEED_DOCID), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["items"]) == 5
    assert main(["--db", str(target), "check"]) in (0, 1)
    assert sound(open_library(str(target)))
    copy = open_library(str(target))
    assert digests(copy) == digests(server)
    assert main(["--db", pg_url, "backup", str(target)]) == 2  # never overwrites
    copy.close(), server.close()


def test_a_workstation_can_override_the_photo_folder(pg_url, tmp_path, monkeypatch):
    with open_library(pg_url, default_photos_dir=tmp_path / "default").engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('photos_folder', '/mnt/desk/photos')")
    assert open_library(pg_url).photos_dir.as_posix() == "/mnt/desk/photos"
    monkeypatch.setenv("WORKSTATION_PHOTOS", str(tmp_path / "mine"))
    assert open_library(pg_url).photos_dir == tmp_path / "mine"
