"""The index's vocabulary table: built once for an older library, kept in step by saves and imports."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.cli import main as cli_main
from workstation.library.store import open_library
from workstation.search.query import search
from workstation.search.vocabulary import VOCABULARY_TABLE, prepare_search, vocabulary_ready
from workstation.wire.importer import import_files

from tests import FIXTURES
from tests.core.search.judged_forms import GROUPS, score, words


@pytest.fixture
def prepared(library):
    """The test library, with its vocabulary table built as the app and the CLI do on opening."""
    assert prepare_search(library) is True
    return library


def vocabulary(library) -> set[str]:
    with library.engine.connect() as conn:
        return set(conn.exec_driver_sql(f"SELECT term FROM {VOCABULARY_TABLE}").scalars())


def add(library, body, headline="خبر"):
    repo = ArticleRepo(library)
    return repo.create(section="world", headline=headline, body=f"<p>{body}</p>", status="published").docid


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "schema").glob("*.sqlite")), ids=lambda p: p.stem)
def test_an_older_library_is_prepared_for_search_once_on_opening(fixture, tmp_path, capsys):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    library = open_library(str(copy))
    docid = add(library, "هبطت الطائرة بالمطار الدولي وسط إجراءات مشددة")  # indexed as an older version did
    with library.engine.connect() as conn:
        conn.exec_driver_sql("DELETE FROM settings WHERE key = 'search_vocabulary'")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {VOCABULARY_TABLE}")
        conn.commit()
    assert [h.docid for h in search(library, "مطار").hits] == [docid]  # found before, through FTS5 alone
    library.close()

    assert cli_main(["--db", str(copy), "search", "مطار", "--json"]) == 0
    assert [h["docid"] for h in json.loads(capsys.readouterr().out)["hits"]] == [docid]
    library = open_library(str(copy))
    with library.engine.connect() as conn:
        assert vocabulary_ready(conn)
    assert {"بالمطار", "الدولي", "اجراءات"} <= vocabulary(library)
    assert prepare_search(library) is False  # once
    library.close()


def test_saves_and_trash_keep_the_vocabulary(prepared):
    docid = add(prepared, "وصل الوفد إلى بكين")
    assert {"الوفد", "بكين", "وصل"} <= vocabulary(prepared)
    ArticleRepo(prepared).save(docid, 1, body="<p>زار الوفد بشينخوا</p>")
    assert "بشينخوا" in vocabulary(prepared)
    assert [h.docid for h in search(prepared, "شينخوا").hits] == [docid]


def test_an_import_adds_its_words(prepared, tmp_path):
    items = [
        {"uri": f"urn:test:{n}", "headline": f"خبر {n}", "body_html": f"<p>{body}</p>", "service": [{"code": "world"}]}
        for n, body in enumerate(("هبطت الطائرة بالمطار، ثم أقلعت.", "وقالت وكالتها (شينخوا) إن الجامعات مغلقة"))
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    import_files(prepared, [path], workers=0)
    assert {"بالمطار", "اقلعت", "وكالتها", "شينخوا", "الجامعات"} <= vocabulary(prepared)
    assert search(prepared, "جامعة").total == 1 and search(prepared, "وكالة").total == 1


def test_judged_set_through_the_vocabulary_table(prepared):
    docids = {add(prepared, f"قال المراسل إن {word} كان موضوع النقاش اليوم"): word for word in words()}
    result = {
        query: {docids[h.docid] for h in search(prepared, query, limit=200).hits}
        for group in GROUPS
        for query in group.queries
    }
    recall, precision = score(result)
    assert recall >= 0.95 and precision >= 0.95, (recall, precision)


def test_the_cli_shows_the_preparation_on_a_terminal_only(library, tmp_path, capsys, monkeypatch):
    add(library, "هبطت الطائرة بالمطار")
    library.close()
    location = str(tmp_path / "library.sqlite")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli_main(["--db", location, "sections", "--json"]) == 0
    err = capsys.readouterr().err
    assert "Preparing the library for search: 0%" in err and err.endswith("Preparing the library for search: 100%\n")
    assert cli_main(["--db", location, "sections", "--json"]) == 0
    assert capsys.readouterr().err == ""  # once
