"""The command line's contract: JSON shapes, exit codes, messages without tracebacks."""

import json
import subprocess
import sys

from workstation.articles.repo import ArticleRepo
from workstation.cli import main
from workstation.library.seed import SEED_SECTIONS


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "workstation.cli", *args], capture_output=True, text=True, env=env)


def test_sections_json_shape(library, capsys):
    ArticleRepo(library).create("sports", headline="مباراة")
    assert main(["--db", str(library.path), "sections", "--json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    assert [s["slug"] for s in sections] == [slug for slug, _ in SEED_SECTIONS]
    assert sections[0] == {"slug": "home", "name": "الصفحة الاولى", "parent": None, "position": 0, "articles": 0}
    assert next(s for s in sections if s["slug"] == "sports")["articles"] == 1


def test_sections_plain_text_shows_the_tree(library, capsys):
    assert main(["sections", "--db", str(library.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["home", "الصفحة الاولى"]


def test_errors_are_one_sentence_without_traceback(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a library")
    for args in (["--db", str(bad), "sections"], ["--db", str(tmp_path / "l.sqlite"), "photos", "list", "nope"]):
        run = run_cli(*args)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr and run.stderr.strip()
    assert bad.read_text() == "not a library"


def test_unexpected_errors_are_one_line_with_the_details_logged(library, monkeypatch, capsys, user_folders):
    from workstation.cli import commands as cli

    def explode(args, library):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_sections", explode)
    assert main(["--db", str(library.path), "sections"]) == 2
    err = capsys.readouterr().err
    assert "RuntimeError: boom" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "Traceback" in (user_folders / "log" / "cli-errors.log").read_text()


def test_database_errors_are_reported_not_raised(library, monkeypatch, capsys):
    import sqlite3

    from workstation.cli import commands as cli

    def locked(args, library):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cli, "cmd_sections", locked)
    assert main(["--db", str(library.path), "sections"]) == 2
    assert "database is locked" in capsys.readouterr().err


def test_a_reader_that_goes_away_is_not_an_error(library):
    import sqlite3

    conn = sqlite3.connect(library.path)  # more sections than a pipe buffers
    conn.executemany("INSERT INTO sections (slug, name, position) VALUES (?, ?, ?)",
                     [(f"s-{i}", f"قسم رقم {i}", 100 + i) for i in range(2000)])  # fmt: skip
    conn.commit()
    conn.close()
    command = f"set -o pipefail; {sys.executable} -m workstation.cli --db {library.path} sections --json | head -c 10"
    run = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[\n  {\n    "[:10] and "Traceback" not in run.stderr


def test_backup_to_an_unwritable_place_names_it(library, capsys):
    assert main(["--db", str(library.path), "backup", "/proc/backup.sqlite"]) == 2
    assert "/proc/backup.sqlite" in capsys.readouterr().err


def test_progress_on_a_terminal_for_the_search_preparation_and_a_publish(library, tmp_path, capsys, monkeypatch):
    ArticleRepo(library).create(section="world", headline="خبر", body="<p>نص</p>", status="published")
    library.close()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    db = str(tmp_path / "library.sqlite")
    assert main(["--db", db, "publish", "--to", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert "Preparing the library for search: 100%\n" in err  # a library no command had opened yet
    assert "\r" in err.split("100%\n", 1)[1]  # then the publish's own progress


def test_a_document_id_beyond_any_story_is_no_such_story(library, tmp_path, capsys):
    db = str(library.path)
    huge = str(1 << 64)
    for argv in (["photos", "list", huge], ["photos", "add", huge, str(tmp_path)],
                 ["export", "--out", str(tmp_path / "site"), "--article", huge], ["lint", huge]):  # fmt: skip
        assert main(["--db", db, *argv]) == 2, argv
        assert capsys.readouterr().err == f"workstation: There is no article {huge}.\n", argv
    assert main(["--db", db, "search", "خبر", "--limit", str(10**30)]) == 0
