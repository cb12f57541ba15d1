"""ninjs import: formats, id and section mapping, updates, status, times, sanitizing, refusals, kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.cli import main as cli_main
from workstation.clock import utcnow
from workstation.errors import ConflictError, Problem
from workstation.search.textnorm import normalize
from workstation.wire import importer, story
from workstation.wire.from_ninjs import read_document
from workstation.wire.importer import import_files
from workstation.wire.story import docid_from_uri

from tests import FIXTURES, ROOT

NINJS = FIXTURES / "ninjs"


def write_jsonl(path: Path, *items) -> Path:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


def indexed(library, word: str) -> set[int]:
    """The ids whose search-index row holds the word."""
    with library.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", (f'"{normalize(word)}"',)
        )
        return {r[0] for r in rows}


def test_superdesk_1x_list(library):
    report = import_files(library, [NINJS / "superdesk-1x.json"])
    assert (report.created, report.updated, report.items_seen, report.refused) == (3, 0, 3, [])
    repo = ArticleRepo(library)

    story = repo.get(136205067)
    assert story.uri == "http://arabic.news.cn/2017-04/13/c_136205067.htm"
    assert story.section == "world"
    assert story.headline.startswith("روسيا والولايات المتحدة تتفقان")
    assert story.subheadline == "لافروف وتيلرسون يتفقان على مجموعة عمل لتحسين العلاقات"
    assert story.byline == "شينخوا"
    assert story.keywords == ("روسيا", "الولايات المتحدة", "سوريا")
    assert story.status == "published" and story.trashed_at is None
    assert story.published_at == datetime(2017, 4, 13, 2, 58, 26)  # firstcreated, not versioncreated
    assert (story.dateline_city, story.dateline_at) == ("موسكو", datetime(2017, 4, 13, 2, 58, 26))
    assert story.version == 1

    # One revision, in the same shape the editor's own saves keep.
    [revision] = repo.revisions(136205067)
    assert revision.reason == "import" and revision.version == 1
    assert revision.snapshot == story.snapshot()
    assert indexed(library, "تيلرسون") == {136205067}
    assert check_library(library) == []


def test_bodies_are_sanitized(library):
    import_files(library, [NINJS / "superdesk-1x.json", NINJS / "ninjs-2x.jsonl"])
    body = ArticleRepo(library).get(136205067).body
    for gone in ("<script", "alert", "onclick", "style", "steal", "display", "<img", "onerror", "javascript:"):
        assert gone not in body
    assert body.startswith("<p>موسكو 13 أبريل 2017 (شينخوا)")
    assert "<strong>ريكس تيلرسون</strong>" in body and "<a>وزير الخارجية</a>" in body
    panda = ArticleRepo(library).get(136206001).body
    assert "iframe" not in panda and "evil" not in panda
    # A plain-text body is text: what looks like a tag in it is escaped, not obeyed.
    assert (
        ArticleRepo(library).get(136206002).body == "<p>السطر الأول &lt;b&gt;ليس وسما&lt;/b&gt;</p><p>السطر الثاني</p>"
    )


def test_ninjs_2x_lines(library):
    before = utcnow()
    report = import_files(library, [NINJS / "ninjs-2x.jsonl"])
    assert (report.created, report.refused) == (3, [])
    repo = ArticleRepo(library)
    panda = repo.get(136206001)  # the digits after the urn's last ':'
    assert panda.headline == "الباندا تجذب الزوار خلال عطلة العيد الوطني الصيني"  # the "main" headline
    assert (panda.byline, panda.subheadline, panda.dateline_city) == ("وانغ لي", "الزوار يتدفقون", "بكين")
    assert panda.section == "tourism-environment"  # a subject naming the section in Arabic
    assert panda.keywords == ("الباندا", "السياحة")
    assert (panda.status, panda.published_at) == ("published", datetime(2017, 4, 14, 6, 30))  # no pubstatus
    autumn = repo.get(136206002)
    assert autumn.section == "economy" and autumn.published_at == datetime(2017, 4, 14, 7, 0)  # versioncreated
    # No uri: a new id after the highest; no matching section: the front page; no time: the import's.
    fashion = repo.get(136206003)
    assert (fashion.headline, fashion.uri, fashion.section) == ("أسبوع الموضة في نيويورك", None, "home")
    assert before <= fashion.published_at <= utcnow()


def test_unknown_ninjs_version_is_refused_but_2x_minor_versions_are_not(library, tmp_path):
    items = write_jsonl(
        tmp_path / "v.jsonl",
        {"standard": {"version": "2.2"}, "headlines": [{"value": "إصدار 2.2"}]},
        {"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.4.json", "headline": "إصدار 1.4"},
        {"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_9.0.json", "headline": "إصدار 9"},
    )
    report = import_files(library, [items])
    assert report.created == 2
    assert report.refused == [Problem(f"{items}:3", "unknown ninjs version 9.0")]


@pytest.mark.parametrize(
    ("uri", "docid"),
    [
        ("http://arabic.news.cn/2017-04/13/c_136205067.htm", 136205067),
        ("https://arabic.news.cn/2017-04/13/C_136205067.html", 136205067),
        ("urn:newsml:xinhua.org:20170413:136205067", 136205067),
        ("http://example.org/stories/4711", 4711),
        ("tag:example.org,2017:story-12a", None),
        ("http://example.org/stories/4711/", None),
        ("urn:x:0", None),
        ("urn:x:99999999999999999999999", None),
    ],
)
def test_docid_from_uri(uri, docid):
    assert docid_from_uri(uri) == docid


def test_section_by_code_by_name_and_by_name_spelled_with_hamza(library, tmp_path):
    items = write_jsonl(
        tmp_path / "s.jsonl",
        {"uri": "urn:s:1", "headline": "رمز", "service": [{"code": "sports", "name": "Sport"}]},
        {"uri": "urn:s:2", "headline": "اسم", "service": [{"name": "الصين والعالم العربي"}]},
        {"uri": "urn:s:3", "headline": "همزة", "service": [{"name": "الشرق الأوسط"}]},  # the seed writes الاوسط
        {"uri": "urn:s:4", "headline": "مجهول", "service": [{"code": "weather", "name": "الطقس"}]},
        {"uri": "urn:s:5", "headline": "الثاني", "service": [{"code": "xx"}, {"code": "health"}]},
    )
    import_files(library, [items])
    repo = ArticleRepo(library)
    assert [repo.get(i).section for i in range(1, 6)] == ["sports", "china-arab", "middle-east", "home", "health"]


def test_pubstatus_maps_to_status_and_trash(library):
    import_files(library, [NINJS / "superdesk-1x.json"])
    repo = ArticleRepo(library)
    withheld = repo.get(136205080)
    assert (withheld.status, withheld.published_at, withheld.trashed_at) == ("draft", None, None)
    assert withheld.section == "science"
    assert (
        withheld.body
        == "<p>شيتشانغ 12 أبريل 2017 (شينخوا) أطلقت الصين اليوم أول قمر صناعي عالي القدرة.</p><p>ويعد القمر خطوة مهمة.</p>"
    )
    canceled = repo.get(136205099)
    assert canceled.trashed_at is not None and (canceled.status, canceled.section) == ("draft", "middle-east")
    assert indexed(library, "ملغى") == set()  # the trash is not searched
    assert check_library(library) == []


def test_times_are_naive_utc(library, tmp_path):
    items = write_jsonl(
        tmp_path / "t.jsonl",
        {"uri": "urn:t:1", "headline": "بتوقيت بكين", "firstcreated": "2017-04-13T10:58:26+08:00"},
        {"uri": "urn:t:2", "headline": "بلا منطقة", "firstcreated": "2017-04-13T02:58:26.750"},
        {"uri": "urn:t:3", "headline": "زولو", "versioncreated": "2017-04-13T02:58:26Z"},
    )
    import_files(library, [items])
    repo = ArticleRepo(library)
    assert {repo.get(i).published_at for i in (1, 2, 3)} == {datetime(2017, 4, 13, 2, 58, 26)}


def test_reimport_updates_and_never_duplicates(library, tmp_path):
    first = {
        "uri": "http://arabic.news.cn/2017-04/13/c_136205067.htm", "headline": "العنوان القديم",
        "body_html": "<p>نص قديم</p>", "service": [{"code": "world"}], "firstcreated": "2017-04-13T02:58:26Z",
    }  # fmt: skip
    import_files(library, [write_jsonl(tmp_path / "a.jsonl", first)])
    repo = ArticleRepo(library)
    edited = repo.save(136205067, 1, source_title="标题")  # an editor's own addition, which the wire lacks

    second = dict(first, headline="العنوان الجديد", body_html="<p>نص جديد</p>", service=[{"code": "economy"}])
    report = import_files(library, [write_jsonl(tmp_path / "b.jsonl", second)])
    assert (report.created, report.updated) == (0, 1)
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 1
    story = repo.get(136205067)
    assert (story.headline, story.body, story.section) == ("العنوان الجديد", "<p>نص جديد</p>", "economy")
    assert story.source_title == "标题" and story.version == edited.version + 1
    assert [r.reason for r in repo.revisions(136205067)] == ["import", "save", "import"]
    assert repo.revisions(136205067)[-1].snapshot == story.snapshot()
    assert indexed(library, "الجديد") == {136205067} and indexed(library, "القديم") == set()
    assert check_library(library) == []


def test_same_story_twice_in_one_file_is_one_article(library, tmp_path):
    item = {"uri": "urn:twice:7", "headline": "النسخة الأولى"}
    report = import_files(library, [write_jsonl(tmp_path / "x.jsonl", item, dict(item, headline="النسخة الثانية"))])
    assert (report.created, report.updated) == (1, 1)
    story = ArticleRepo(library).get(7)
    assert (story.headline, story.version) == ("النسخة الثانية", 2)
    assert [r.version for r in ArticleRepo(library).revisions(7)] == [1, 2]
    assert check_library(library) == []


def test_an_editor_holding_the_old_version_gets_a_conflict(library, tmp_path):
    item = {"uri": "urn:open:9", "headline": "قبل", "body_html": "<p>نص الوكالة</p>"}
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", item)])
    in_editor = ArticleRepo(library).get(9)
    import_files(library, [write_jsonl(tmp_path / "2.jsonl", dict(item, headline="بعد"))])
    with pytest.raises(ConflictError):
        ArticleRepo(library).save(9, in_editor.version, headline="تعديل المحرر")
    assert ArticleRepo(library).get(9).headline == "بعد"


def test_reimport_moves_through_statuses(library, tmp_path):
    item = {"uri": "urn:st:5", "headline": "حالة", "firstcreated": "2017-04-13T02:58:26Z"}
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", dict(item, pubstatus="canceled"))])
    repo = ArticleRepo(library)
    assert repo.get(5).trashed_at is not None
    import_files(library, [write_jsonl(tmp_path / "2.jsonl", item)])
    story = repo.get(5)
    assert (story.status, story.trashed_at, story.published_at) == ("published", None, datetime(2017, 4, 13, 2, 58, 26))
    assert indexed(library, "حالة") == {5}
    import_files(library, [write_jsonl(tmp_path / "3.jsonl", dict(item, pubstatus="withheld"))])
    assert repo.get(5).status == "draft"
    assert check_library(library) == []


def test_a_docid_taken_by_another_story_gives_a_new_id(library, tmp_path):
    ArticleRepo(library).create(docid=500, headline="مقال محلي")
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", {"uri": "urn:other:500", "headline": "من الوكالة"})])
    repo = ArticleRepo(library)
    assert repo.get(500).headline == "مقال محلي"
    assert repo.get(501).uri == "urn:other:500"


def test_bad_lines_are_refused_one_by_one_and_good_ones_land(library):
    path = NINJS / "bad.jsonl"
    report = import_files(library, [path])
    assert (report.created, report.items_seen) == (2, 9)
    reasons = {p.where: p.reason for p in report.refused}
    assert list(reasons) == [f"{path}:{n}" for n in (2, 3, 5, 6, 7, 8, 9)]
    assert reasons[f"{path}:2"].startswith("invalid JSON at column ")
    assert reasons[f"{path}:3"] == "not an object but a list"
    assert reasons[f"{path}:5"] == "no headline"
    assert reasons[f"{path}:6"] == "bad date in firstcreated: '13/04/2017'"
    assert reasons[f"{path}:7"] == "unknown ninjs version 9.0"
    assert reasons[f"{path}:8"] == 'unknown pubstatus "embargoed"'
    assert reasons[f"{path}:9"] == "a picture item, not a text story"
    repo = ArticleRepo(library)
    assert repo.exists(136207001) and repo.exists(136207009) and not repo.exists(136207004)


def test_items_of_a_list_are_named_by_the_line_they_start_on(library):
    path = NINJS / "bad-list.json"
    report = import_files(library, [path])
    assert report.created == 2
    assert report.refused == [
        Problem(f"{path}:6", "not an object but a number or boolean"),
        Problem(f"{path}:7", "no headline"),
    ]


def test_json_that_python_cannot_read_is_refused_not_a_crash(library, tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"headline": "خبر", "n": ' + "9" * 5000 + "}\n" + '{"headline": "سليم"}\n')
    report = import_files(library, [path])
    assert report.created == 1
    assert [(p.where, p.reason.split(":")[0]) for p in report.refused] == [
        (f"{path}:1", "invalid JSON"), (f"{path}:2", "invalid JSON"),
    ]  # fmt: skip
    assert report.refused[0].reason == "invalid JSON: nested too deeply"


def test_read_document_shapes():
    assert [(line, item) for line, item, _ in read_document('{"a": 1}\n\n{"b": 2}\n[{"c": 3},\n {"d": 4}]')] == [
        (1, {"a": 1}), (3, {"b": 2}), (4, {"c": 3}), (5, {"d": 4}),
    ]  # fmt: skip
    *good, (line, item, reason) = read_document('[{"a": 1},\n {"b": \n 2,,}, {"c": 3}]')
    assert good == [(1, {"a": 1}, None)]
    assert (line, item) == (2, None) and reason.startswith("invalid JSON at line 3 column 4")
    *_, (line, _item, reason) = read_document('[{"a": 1}\n {"b": 2}]')
    assert line == 2 and "expected ','" in reason


def test_cli_exit_1_names_each_refused_line(library, capsys):
    path = NINJS / "bad.jsonl"
    assert cli_main(["--db", str(library.path), "import", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{path}:5: no headline" in err
    assert f"{path}:6: bad date in firstcreated: '13/04/2017'" in err
    assert err[-1] == "2 created, 0 updated, 7 refused"


def test_cli_exit_0_and_2(library, tmp_path, capsys):
    assert cli_main(["--db", str(library.path), "import", str(NINJS / "ninjs-2x.jsonl")]) == 0
    missing = tmp_path / "nowhere.jsonl"
    assert cli_main(["--db", str(library.path), "import", str(missing)]) == 2
    assert f"{missing}: file not found" in capsys.readouterr().err
    # A missing file next to a good one: the good one is done, the missing one named.
    good = write_jsonl(tmp_path / "good.jsonl", {"uri": "urn:g:77", "headline": "سليم"})
    assert cli_main(["--db", str(library.path), "import", str(missing), str(good)]) == 1


def test_unreadable_files_are_named_with_the_reason(library, tmp_path):
    cp1256 = tmp_path / "cp1256.jsonl"
    cp1256.write_bytes(json.dumps({"headline": "خبر"}, ensure_ascii=False).encode("cp1256"))
    utf16 = tmp_path / "utf16.json"
    utf16.write_text('{"headline": "خبر"}', encoding="utf-16")
    empty = tmp_path / "empty.json"
    empty.write_text("\n  \n")
    prose = tmp_path / "notes.txt"
    prose.write_text("خبر عاجل", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    report = import_files(library, [cp1256, utf16, empty, prose, folder, tmp_path / "missing.json"])
    assert [(p.where, p.reason) for p in report.refused] == [
        (f"{cp1256}:1", "not UTF-8 text"),  # in JSON Lines, only that line
        (str(utf16), "UTF-16 text; only UTF-8 is read"),
        (str(empty), "empty file: no items"),
        (str(prose), "not JSON, JSON Lines or XML (it does not start with '{', '[' or '<')"),
        (str(folder), "is a folder, not a file"),
        (str(tmp_path / "missing.json"), "file not found"),
    ]
    assert (report.created, report.items_seen) == (0, 1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(library, tmp_path):
    locked = write_jsonl(tmp_path / "locked.jsonl", {"headline": "سر"})
    locked.chmod(0)
    [problem] = import_files(library, [locked]).refused
    assert problem.reason == "cannot read the file: Permission denied"


def test_a_non_utf8_line_after_a_good_start_is_refused_alone(library, tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"uri": "urn:m:1", "headline": "سليم"}, ensure_ascii=False).encode()
    bad = json.dumps({"uri": "urn:m:2", "headline": "خبر"}, ensure_ascii=False).encode("cp1256")
    path.write_bytes(good + b"\n" + b" " * 70000 + b"\n" + bad + b"\n")
    report = import_files(library, [path])
    assert report.created == 1 and report.refused == [Problem(f"{path}:3", "not UTF-8 text")]


def test_a_non_utf8_line_at_the_start_is_refused_alone(library, tmp_path):
    path = tmp_path / "early.jsonl"
    items = [json.dumps({"uri": f"urn:e:{n}", "headline": f"خبر {n}"}, ensure_ascii=False).encode() for n in range(300)]
    items[4] = items[4].replace("خبر".encode(), "خبر".encode("cp1256"))
    path.write_bytes(b"\n".join(items) + b"\n")
    report = import_files(library, [path])
    assert report.created == 299 and report.refused == [Problem(f"{path}:5", "not UTF-8 text")]


def _corpus(path: Path, n: int) -> Path:
    from tests.benchmarks.corpus import generate

    return generate(path, n)


def test_worker_processes_give_the_same_library(tmp_path, monkeypatch):
    from workstation.library.store import open_library

    corpus = _corpus(tmp_path / "corpus.jsonl", 300)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write('{"headline": 5}\n')  # a refusal, to check the line numbers across chunks
    monkeypatch.setattr(importer, "CHUNK_BYTES", 64 * 1024)  # many chunks, alternating between workers
    dumps = []
    for workers in (0, 2):
        library = open_library(str(tmp_path / f"lib{workers}.sqlite"))
        report = import_files(library, [corpus], workers=workers)
        assert (report.created, report.refused) == (300, [Problem(f"{corpus}:301", "headline is not text")])
        with library.engine.connect() as conn:
            dumps.append(conn.exec_driver_sql(
                "SELECT id, section_id, headline, body, keywords, published_at, uri FROM articles ORDER BY id"
            ).all())  # fmt: skip
        assert check_library(library) == []
        library.close()
    assert dumps[0] == dumps[1]


def test_an_import_stopped_half_way_stops_its_workers(library, tmp_path, monkeypatch):
    import multiprocessing

    from workstation.articles.bulkwrite import BulkWriter

    corpus = _corpus(tmp_path / "corpus.jsonl", 200)
    monkeypatch.setattr(importer, "CHUNK_BYTES", 32 * 1024)
    real_write, calls, stopped = BulkWriter.write, [], []

    def interrupted_write(self, batch):
        calls.append(len(batch))
        if len(calls) == 3:
            stopped.append(time.monotonic())
            raise KeyboardInterrupt
        return real_write(self, batch)

    monkeypatch.setattr(BulkWriter, "write", interrupted_write)
    others = set(multiprocessing.active_children())  # e.g. the photo workers, kept between drops
    with pytest.raises(KeyboardInterrupt):
        import_files(library, [corpus], workers=2)
    assert time.monotonic() - stopped[0] < 3  # the workers ended at once, not after a time-out
    assert set(multiprocessing.active_children()) <= others
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == sum(calls[:2])
    assert check_library(library) == []


def test_kill_9_leaves_only_whole_articles(tmp_path):
    from workstation.library.store import open_library

    n = 6000  # three batches: the kill comes while the second or third is being written
    corpus = _corpus(tmp_path / "big.jsonl", n)
    db = tmp_path / "lib.sqlite"
    open_library(str(db)).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "workstation.cli", "--db", str(db), "import", str(corpus)]
    # A session of its own, so whatever is left of it can be ended at the end of the test.
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        present = 0
        while present == 0 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            with sqlite3.connect(db, timeout=30) as conn:
                present = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert proc.poll() is None, "the import ended before it could be killed; make the corpus bigger"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    library = open_library(str(db))
    try:
        assert check_library(library) == []  # integrity, and an index row for every live article
        with library.engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
            assert 0 < count < n
            unrevised = conn.exec_driver_sql(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.article_id = a.id)"
            ).scalar()
            assert unrevised == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM article_fts").scalar() == count
        # Importing again finishes the job: what landed is updated, the rest created.
        report = import_files(library, [corpus])
        assert (report.created, report.updated, report.refused) == (n - count, count, [])
        with library.engine.connect() as conn:  # the killed import's index buffer is not kept for good
            hashsize = conn.exec_driver_sql("SELECT v FROM article_fts_config WHERE k = 'hashsize'").scalar()
        assert hashsize in (None, 1 << 20)
    finally:
        library.close()


def test_the_index_buffer_is_set_back_after_an_import(library):
    import_files(library, [NINJS / "ninjs-2x.jsonl"])
    with library.engine.connect() as conn:
        size = conn.exec_driver_sql("SELECT v FROM article_fts_config WHERE k = 'hashsize'").scalar()
    assert size == 1 << 20  # SQLite's default; the import raises it only while it writes


def test_reimport_keeps_the_editors_autosaved_text_as_a_revision(library, tmp_path):
    item = {"uri": "urn:auto:11", "headline": "نص الوكالة", "body_html": "<p>الأصل</p>"}
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", item)])
    repo = ArticleRepo(library)
    autosaved = repo.save(11, 1, keep_revision=False, body="<p>عمل المحرر</p>")  # an autosave keeps no revision
    import_files(library, [write_jsonl(tmp_path / "2.jsonl", dict(item, headline="نص جديد"))])
    revisions = repo.revisions(11)
    assert [(r.reason, r.version) for r in revisions] == [("import", 1), ("before import", 2), ("import", 3)]
    assert revisions[1].snapshot == autosaved.snapshot()
    # Nothing new since the last revision: no second copy.
    import_files(library, [write_jsonl(tmp_path / "3.jsonl", dict(item, headline="نص ثالث"))])
    assert [r.reason for r in repo.revisions(11)] == ["import", "before import", "import", "import"]


def test_an_article_an_editor_trashed_stays_in_the_trash(library, tmp_path):
    item = {"uri": "urn:bin:12", "headline": "خبر", "firstcreated": "2017-04-13T02:58:26Z"}
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", dict(item, pubstatus="withheld"))])
    repo = ArticleRepo(library)
    repo.trash([12])
    with library.engine.begin() as conn:  # trashed a while after the import
        conn.exec_driver_sql("UPDATE articles SET trashed_at = '2030-01-01 00:00:00.000000' WHERE id = 12")
    import_files(library, [write_jsonl(tmp_path / "2.jsonl", dict(item, headline="خبر محدث"))])
    story = repo.get(12)
    assert story.headline == "خبر محدث" and story.trashed_at is not None and story.status == "draft"
    assert indexed(library, "محدث") == set()
    assert check_library(library) == []


def test_one_odd_item_is_refused_alone(library, tmp_path):
    lines = [
        json.dumps({"uri": "urn:odd:1", "headline": "سليم"}),
        json.dumps({"uri": "urn:odd:2", "headline": "قديم جدا", "firstcreated": "0001-01-01T00:00:00+01:00"}),
        '{"uri": "urn:odd:3", "headline": "\\ud83d نصف حرف"}',
        '{"uri": "urn:odd:4", "headline": "خبر", "body_text": "\\udc00"}',
        json.dumps({"uri": "urn:odd:5", "headline": "سليم أيضا"}),
    ]
    for name in ("odd.jsonl", "odd.json"):
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n" if name.endswith("l") else "[" + ",\n".join(lines) + "]\n")
        report = import_files(library, [path], workers=0)
        assert report.created + report.updated == 2  # the second file updates what the first made
        reasons = {p.where: p.reason for p in report.refused}
        assert reasons == {
            f"{path}:2": "bad date in firstcreated: '0001-01-01T00:00:00+01:00' is out of range",
            f"{path}:3": "headline holds \\ud83d, half of a character (a lone surrogate)",
            f"{path}:4": "body holds \\udc00, half of a character (a lone surrogate)",
        }
        assert ArticleRepo(library).exists(1) and ArticleRepo(library).exists(5)


def test_an_unexpected_error_in_an_item_refuses_that_item(library, tmp_path, monkeypatch):
    real = story.sanitize_body

    def broken(html):
        if "boom" in html:
            raise RuntimeError("boom")
        return real(html)

    monkeypatch.setattr(story, "sanitize_body", broken)
    path = write_jsonl(
        tmp_path / "x.jsonl", {"headline": "أ", "body_html": "boom"}, {"headline": "ب", "body_html": "<p>ب</p>"}
    )
    report = import_files(library, [path], workers=0)
    assert report.created == 1
    assert report.refused == [Problem(f"{path}:1", "cannot be read (RuntimeError: boom)")]


def test_html_body_wins_over_plain_text(library, tmp_path):
    item = {
        "uri": "urn:both:13",
        "headline": "كلاهما",
        "body_html": "<p><strong>غامق</strong></p>",
        "body_text": "غامق",
    }
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", item)])
    assert ArticleRepo(library).get(13).body == "<p><strong>غامق</strong></p>"


@pytest.mark.parametrize(
    "uri",
    [
        "http://arabic.news.cn/2017-04/13/c_136205067_2.htm",
        "http://arabic.news.cn/2017-04/13/c_136205067.htm?from=rss",
        "http://arabic.news.cn/2017-04/13/c_136205067.htm#comments",
        "urn:newsml:xinhua.org:20170413:136205067?v=2",
    ],
)
def test_docid_from_page_k_query_and_fragment(uri):
    assert docid_from_uri(uri) == 136205067


def test_no_section_left_refuses_new_items_cleanly(library, tmp_path):
    import_files(library, [write_jsonl(tmp_path / "1.jsonl", {"uri": "urn:ns:1", "headline": "قديم"})])
    with library.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("DELETE FROM sections")
    path = write_jsonl(
        tmp_path / "2.jsonl", {"uri": "urn:ns:2", "headline": "جديد"}, {"uri": "urn:ns:1", "headline": "محدث"}
    )
    report = import_files(library, [path])
    assert (report.created, report.updated) == (0, 1)
    assert report.refused == [Problem(f"{path}:1", "the library has no section to file it in; add a section first")]


def test_the_largest_docid_does_not_overflow_the_next_id(library, tmp_path):
    top = (1 << 63) - 1
    path = write_jsonl(
        tmp_path / "1.jsonl",
        {"uri": f"urn:big:{top}", "headline": "الأكبر"},
        {"headline": "بلا رقم"},
        {"headline": "آخر"},
    )
    report = import_files(library, [path])
    assert (report.created, report.refused) == (3, [])
    import_files(library, [write_jsonl(tmp_path / "2.jsonl", {"headline": "دفعة ثانية"})])
    with library.engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")] == [1, 2, 3, top]
