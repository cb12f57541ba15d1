"""Opening libraries: new ones are seeded, bad locations are refused without changes."""

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from workstation.cli import main
from workstation.errors import LibraryError
from workstation.library.seed import SEED_SECTIONS
from workstation.library.store import SCHEMA_HEAD, open_library


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_library_has_seed_sections_in_order(library):
    conn = sqlite3.connect(library.path)
    rows = conn.execute("SELECT slug, name FROM sections ORDER BY position").fetchall()
    assert rows == list(SEED_SECTIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(library):
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_schema_head_matches_migrations():
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import workstation.library.store as store

    config = Config()
    config.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"hello, not a database\n", "not a SQLite database"),
    ],
)
def test_non_library_files_are_refused_unchanged(tmp_path, content, reason):
    target = tmp_path / "thing.sqlite"
    target.write_bytes(content)
    with pytest.raises(LibraryError, match=reason):
        open_library(str(target))
    assert target.read_bytes() == content


def test_foreign_sqlite_database_is_refused_unchanged(tmp_path, capsys):
    target = tmp_path / "other.sqlite"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = digest(target)
    assert main(["--db", str(target), "sections"]) == 2
    err = capsys.readouterr().err
    assert "not an Editorial Workstation library" in err and "Traceback" not in err
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["--db", str(folder / "lib.sqlite"), "sections"]) == 2
        assert "not writable" in capsys.readouterr().err
    finally:
        folder.chmod(0o700)


def test_folder_on_a_read_only_path_is_refused(capsys):
    assert main(["--db", "/proc/workstation-test/lib.sqlite", "sections"]) == 2
    err = capsys.readouterr().err
    assert "/proc" in err and "Traceback" not in err


def test_db_flag_and_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORKSTATION_DB", str(tmp_path / "env.sqlite"))
    assert main(["sections"]) == 0
    assert (tmp_path / "env.sqlite").exists()
    assert main(["sections", "--db", f"sqlite:///{tmp_path / 'url.sqlite'}"]) == 0
    assert (tmp_path / "url.sqlite").exists()


def test_default_library_lives_in_user_data_folder(user_folders):
    assert main(["sections"]) == 0
    assert (user_folders / "data" / "library.sqlite").exists()


def test_cli_version_and_help_in_a_subprocess(tmp_path):
    for args in (["--version"], ["sections", "--version"], ["photos", "list", "--help"]):
        run = subprocess.run([sys.executable, "-m", "workstation.cli", *args], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip()


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_the_copy_kept_before_a_migration_includes_the_write_ahead_log(library, tmp_path):
    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import _safety_copy

    ArticleRepo(library).create(headline="في السجل بعد")  # still in the -wal file: the library is open
    assert (tmp_path / "library.sqlite-wal").stat().st_size > 0
    _safety_copy(library.path, tmp_path / "copy.sqlite")
    conn = sqlite3.connect(tmp_path / "copy.sqlite")
    assert conn.execute("SELECT headline FROM articles").fetchall() == [("في السجل بعد",)]
    conn.close()
