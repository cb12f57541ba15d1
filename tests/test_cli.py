"""The command line's contract: JSON shapes, exit codes, messages without tracebacks."""

import json
import subprocess
import sys

from workstation.articles import ArticleRepo
from workstation.cli import main
from workstation.sections_seed import SEED_SECTIONS


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
