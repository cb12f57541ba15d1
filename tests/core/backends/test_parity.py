"""Parity: the same content gives the same sections, search hits, galleries and export bundle on both backends."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import text

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main
from workstation.export import export_bundle
from workstation.search.index import reindex
from workstation.search.query import search

from tests import FIXTURES
from tests.export_support import FILED_AT, SEED_DOCID, build_sample

RUN_YEAR = datetime(2020, 1, 1)

QUERIES = (
    "وزير الخارجية",  # words in headlines, bodies and captions
    '"وزير الخارجية"',  # a phrase
    '"وزير الخارج"*',  # a phrase ending in a prefix
    '"الروسي سيرغي لافروف"',  # a phrase of three words
    '"قال وزير"',  # a phrase whose words have attached forms (وقال)
    "لافروف",  # body and captions
    "سوريا",  # a keyword and the body
    "الخبر",
    "خبر",
    "روس*",  # a prefix
    "Tillerson",  # Latin, case folded
    "مسودة",  # a draft: drafts are found too
    "المهملات",  # trashed: never found
    "شينخوا",  # byline and credits
    "وزير",  # attached forms: الوزير, ووزير …
    "مؤتمر صحفي",
)


def fill(library) -> dict:
    """The export sample, the ninjs fixtures imported, and a few edits (a move, a trash, a restore)."""
    ids = build_sample(library)
    with library.engine.begin() as conn:  # the sample's galleries are written behind the index's back
        reindex(conn, conn.exec_driver_sql("SELECT id FROM articles").scalars().all())
    assert main(["--db", library_location(library), "import", str(FIXTURES / "ninjs" / "ninjs-2x.jsonl"),
                 str(FIXTURES / "ninjs" / "superdesk-1x.json")]) in (0, 1)  # fmt: skip
    repo = ArticleRepo(library)
    extra = repo.create(
        section="economy", headline="الاقتصاد الصيني ينمو", body="<p>قال وزير المالية إن النمو مستقر.</p>"
    )
    repo.move([extra.docid], "china")
    repo.trash([ids["related"][0]])
    repo.restore([ids["related"][0]])
    with library.engine.begin() as conn:  # times of the run, a second apart between the two libraries: pinned
        conn.execute(text("UPDATE articles SET updated_at = :t, created_at = :t"), {"t": FILED_AT})
        conn.execute(
            text("UPDATE articles SET published_at = :t WHERE published_at > :y"), {"t": FILED_AT, "y": RUN_YEAR}
        )
    return ids


def library_location(library) -> str:
    return str(library.path) if library.path is not None else library.engine.url.render_as_string(hide_password=False)


def cli_json(library, *args, capsys) -> object:
    capsys.readouterr()
    assert main(["--db", library_location(library), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def filled(library_pair, monkeypatch):
    for library in library_pair.values():
        monkeypatch.setenv("WORKSTATION_PHOTOS", str(library.photos_dir))
        fill(library)
    monkeypatch.delenv("WORKSTATION_PHOTOS")
    return library_pair


def test_sections_are_the_same(filled, capsys):
    sqlite, pg = (cli_json(lib, "sections", capsys=capsys) for lib in filled.values())
    assert sqlite == pg
    assert sum(s["articles"] for s in sqlite) > 10


@pytest.mark.parametrize("query", QUERIES)
def test_search_gives_the_same_hits_totals_and_snippets(filled, query):
    results = {name: search(lib, query, limit=50) for name, lib in filled.items()}
    sqlite, pg = results["sqlite"], results["postgresql"]
    assert pg.total == sqlite.total
    assert {h.docid for h in pg.hits} == {h.docid for h in sqlite.hits}
    assert {h.docid: h.snippet for h in pg.hits} == {h.docid: h.snippet for h in sqlite.hits}
    newest = {name: search(lib, query, limit=50, order="newest").as_json() for name, lib in filled.items()}
    assert newest["sqlite"] == newest["postgresql"]


def test_relevance_puts_headline_matches_first_on_both(filled):
    for library in filled.values():
        hits = search(library, "لافروف سيرغي").hits
        assert hits[0].docid == SEED_DOCID  # headline? no: body and captions, but the most of them


def test_the_found_sets_agree_on_sections_and_pages(filled):
    for query in ("خبر", "وزير"):
        by = {name: search(lib, query, section="china", limit=2, offset=1) for name, lib in filled.items()}
        assert by["sqlite"].total == by["postgresql"].total
        newest = {
            name: search(lib, query, section="world", order="newest", limit=3).hits for name, lib in filled.items()
        }
        assert [h.docid for h in newest["sqlite"]] == [h.docid for h in newest["postgresql"]]


def test_photos_list_is_the_same(filled, capsys):
    sqlite, pg = (cli_json(lib, "photos", "list", str(SEED_DOCID), capsys=capsys) for lib in filled.values())
    assert sqlite == pg
    assert len(sqlite["items"]) == 5


def test_export_bundles_are_identical(filled, tmp_path):
    manifests = {}
    for name, library in filled.items():
        out = tmp_path / f"bundle-{name}"
        report = export_bundle(library, out, cache_dir=tmp_path / f"cache-{name}", workers=1)
        report.wait()
        manifests[name] = (out / "manifest.json").read_bytes()
    assert manifests["sqlite"] == manifests["postgresql"]
    assert len(json.loads(manifests["sqlite"])) > 20


def test_both_libraries_check_sound(filled):
    for library in filled.values():  # (the export sample numbers its galleries from 0)
        assert [p for p in check_library(library) if not p.startswith("gallery of")] == []


def test_index_drift_is_found_on_both(any_library):
    from sqlalchemy import text

    repo = ArticleRepo(any_library)
    a = repo.create(headline="عنوان أول", body="<p>نص</p>")
    assert check_library(any_library) == []
    with any_library.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET headline = 'عنوان آخر' WHERE id = :id"), {"id": a.docid})
    assert check_library(any_library) == [f"search index: article {a.docid} is missing or out of date"]


def test_importing_twice_does_the_same_on_both(library_pair):
    source = str(FIXTURES / "ninjs" / "ninjs-2x.jsonl")
    outcome = {}
    for name, library in library_pair.items():
        for _ in range(2):
            assert main(["--db", library_location(library), "import", source]) in (0, 1)
        with library.engine.connect() as conn:
            outcome[name] = (
                conn.exec_driver_sql(
                    "SELECT id, version, status, headline, uri, trashed_at IS NULL FROM articles ORDER BY id"
                ).all(),
                conn.exec_driver_sql("SELECT article_id, version, reason FROM revisions ORDER BY id").all(),
            )
        assert check_library(library) == []
    assert outcome["sqlite"] == outcome["postgresql"]
    assert any(version > 1 for _, version, *_ in outcome["sqlite"][0])  # the second import updated by uri
