"""Exports are repeatable, incremental, narrowable, refuse to clobber, and a kill leaves the old bundle whole."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.cli import main as cli_main
from workstation.errors import LibraryError, NotFoundError
from workstation.export import ExportCancelled, export_bundle

from tests import ROOT
from tests.core.export.test_export import test_no_internal_link_is_broken_and_all_are_relative as check_links
from tests.export_support import SEED_DOCID, build_sample, bulk_stories


@pytest.fixture
def sample(library, tmp_path):
    """The sample library (without the script payload story) and a cache folder."""
    ids = build_sample(library, payload_story=False)
    return {"library": library, "ids": ids, "cache": tmp_path / "cache"}


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def identity(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file()}  # fmt: skip


def manifest_true(out: Path) -> bool:
    listed = json.loads((out / "manifest.json").read_bytes())
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    return set(listed) == files and all(
        hashlib.sha256((out / rel).read_bytes()).hexdigest() == e["sha256"] for rel, e in listed.items()
    )


def export(sample, out: Path, **kw):
    report = export_bundle(sample["library"], out, cache_dir=sample["cache"], **kw)
    report.wait()
    return report


def test_same_library_twice_gives_the_same_bytes_and_zip_equals_folder(sample, tmp_path):
    first = export(sample, tmp_path / "a")
    second = export(sample, tmp_path / "b")
    assert first.photos_encoded > 0 and second.photos_encoded == 0  # never encoded twice
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    export(sample, tmp_path / "a.zip")
    export(sample, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == tree(tmp_path / "a")
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_re_export_rewrites_only_what_a_change_touches(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    before_bytes, before_ids = tree(out), identity(out)
    repo = ArticleRepo(sample["library"])
    related = sample["ids"]["related"][0]
    record = repo.get(related)
    repo.save(related, record.version, headline="عنوان جديد للخبر ذي الصلة")
    report = export(sample, out)
    after_bytes, after_ids = tree(out), identity(out)
    changed = {rel for rel in after_bytes if before_bytes.get(rel) != after_bytes[rel]}
    touched = {rel for rel in after_ids if before_ids.get(rel) != after_ids[rel]}
    assert touched == changed
    section = "china/index.html"  # related story 1 is filed in china
    assert {f"2017-04/12/c_{related}.htm", section, "index.html", "feed.xml", "sitemap.xml", "manifest.json"} <= changed
    assert all(f"2017-04/13/c_{SEED_DOCID}" in rel for rel in changed - {
        f"2017-04/12/c_{related}.htm", section, "index.html", "feed.xml", "sitemap.xml", "news-sitemap.xml",
        "manifest.json"})  # fmt: skip
    assert report.written == len(changed) and report.photos_encoded == 0
    # the shortcuts give exactly what a fresh export gives
    export(sample, tmp_path / "fresh")
    assert tree(tmp_path / "fresh") == after_bytes
    assert manifest_true(out)


def test_re_export_without_the_kept_state_still_keeps_unchanged_files(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    before = identity(out)
    for state in (sample["cache"] / "export-state").iterdir():
        state.unlink()
    report = export(sample, out)
    assert report.written == 0 and identity(out) == before


def test_gallery_caption_change_reaches_the_page_and_the_photo(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    with sample["library"].engine.begin() as conn:  # a caption edit does not bump the article version
        conn.execute(text("UPDATE gallery_items SET caption = 'تعليق جديد' WHERE article_id = :d AND position = 0"),
                     {"d": SEED_DOCID})  # fmt: skip
    report = export(sample, out)
    assert "تعليق جديد" in (out / f"2017-04/13/c_{SEED_DOCID}.htm").read_text("utf-8")
    assert report.photos_encoded == 0  # only the embedded words change
    assert manifest_true(out)
    check_links({"out": out})


def test_narrowed_export_keeps_the_other_stories_and_their_links(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    before = identity(out)
    repo = ArticleRepo(sample["library"])
    china, world = sample["ids"]["related"][0], sample["ids"]["related"][1]  # china, world
    for docid in (china, world):
        record = repo.get(docid)
        repo.save(docid, record.version, headline=f"تغيير {docid}")
    export(sample, out, sections=["china"])
    assert f"تغيير {china}" in (out / f"2017-04/12/c_{china}.htm").read_text("utf-8")
    world_page = f"2017-04/12/c_{world}.htm"
    assert identity(out)[world_page] == before[world_page]  # outside the scope: left as it was
    assert f"تغيير {world}" not in (out / world_page).read_text("utf-8")
    assert manifest_true(out)
    check_links({"out": out})


def test_narrowed_export_into_a_new_folder_links_only_what_it_holds(sample, tmp_path):
    out = tmp_path / "one"
    report = export(sample, out, articles=[SEED_DOCID, sample["ids"]["draft"]])
    assert report.stories == 1 and report.article_pages == 5
    assert report.refused == [f"article {sample['ids']['draft']}: it is a draft, not published, so it is not exported"]
    assert 'class="related"' not in (out / f"2017-04/13/c_{SEED_DOCID}.htm").read_text("utf-8")
    check_links({"out": out})
    with pytest.raises(NotFoundError, match="no section 'nowhere'"):
        export(sample, tmp_path / "x", sections=["nowhere"])
    with pytest.raises(NotFoundError, match="no article 42"):
        export(sample, tmp_path / "x", articles=[42])


def test_refuses_to_replace_what_is_not_a_bundle(sample, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work")
    with pytest.raises(LibraryError, match="not an exported bundle"):
        export(sample, folder)
    assert (folder / "thesis.txt").read_text() == "years of work"
    out = tmp_path / "site"
    export(sample, out)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(LibraryError, match="notes.txt"):
        export(sample, out)
    (tmp_path / "file.zip").write_text("not a zip")
    with pytest.raises(LibraryError, match="not a zip"):
        export(sample, tmp_path / "file.zip")


def test_refuses_to_replace_a_zip_that_is_not_a_bundle(sample, tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("thesis.txt", "years of work")
    before = archive.read_bytes()
    with pytest.raises(LibraryError, match=f"{archive}.*not an exported bundle"):
        export(sample, archive)
    assert archive.read_bytes() == before
    site = tmp_path / "site.zip"
    export(sample, site)
    with zipfile.ZipFile(site, "a") as zf:
        zf.writestr("notes.txt", "mine")
    before = site.read_bytes()
    with pytest.raises(LibraryError, match="notes.txt"):
        export(sample, site)
    assert site.read_bytes() == before


def test_a_scope_with_nothing_published_leaves_the_target(sample, tmp_path):
    repo = ArticleRepo(sample["library"])
    out = tmp_path / "site"
    export(sample, out)
    before = identity(out)
    repo.trash([sample["ids"]["related"][0]])
    with pytest.raises(LibraryError, match="Nothing to export"):
        export(sample, out, articles=[sample["ids"]["related"][0]])
    assert identity(out) == before and not list(tmp_path.glob("site.*"))
    SectionRepo(sample["library"]).add("empty", "قسم فارغ")
    with pytest.raises(LibraryError, match="no published story"):
        export(sample, out, sections=["empty"])
    assert identity(out) == before


def test_cancel_leaves_the_previous_bundle(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    before = tree(out)
    repo = ArticleRepo(sample["library"])
    record = repo.get(SEED_DOCID)
    repo.save(SEED_DOCID, record.version, headline="لن ينشر")
    calls = []
    with pytest.raises(ExportCancelled):
        export(sample, out, cancel=lambda: calls.append(1) or len(calls) > 3)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]


def test_cli_export(sample, tmp_path, capsys):
    db = str(sample["library"].path)
    assert cli_main(["--db", db, "export", "--out", str(tmp_path / "cli")]) == 0
    assert "exported 9 stories" in capsys.readouterr().err
    before = identity(tmp_path / "cli")
    # Every --article refused: nothing could be done, so exit 2 and the bundle stays as it was.
    assert (
        cli_main(["--db", db, "export", "--out", str(tmp_path / "cli"), "--article", str(sample["ids"]["draft"])]) == 2
    )
    err = capsys.readouterr().err
    assert "Nothing to export" in err and "it is a draft" in err
    assert identity(tmp_path / "cli") == before
    refused_too = ["--article", str(sample["ids"]["draft"]), "--article", str(SEED_DOCID)]
    assert cli_main(["--db", db, "export", "--out", str(tmp_path / "cli"), *refused_too]) == 1
    assert "it is a draft" in capsys.readouterr().err
    assert cli_main(["--db", db, "export", "--out", str(tmp_path / "cli"), "--section", "nowhere"]) == 2
    assert "There is no section 'nowhere'" in capsys.readouterr().err


_CHILD = """
import sys
from pathlib import Path
from workstation.library.store import open_library
from workstation.export import export_bundle
library = open_library(sys.argv[1])
print("ready", flush=True)
export_bundle(library, Path(sys.argv[2]), cache_dir=Path(sys.argv[3]), workers=1).wait()
"""


@pytest.mark.slow
def test_kill_at_any_moment_leaves_a_whole_bundle(library, tmp_path):
    bulk_stories(library, 600, photo_pool=3)
    out, cache = tmp_path / "site", tmp_path / "cache"
    export_bundle(library, out, cache_dir=cache).wait()
    old = tree(out)
    with library.engine.begin() as conn:  # every page changes, so the new bundle differs everywhere
        conn.execute(text("UPDATE settings SET value = 'موقع آخر' WHERE key = 'site_name'"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(kill_after: float | None) -> float:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(library.path), str(out), str(cache)],
                                 stdout=subprocess.PIPE, env=env)  # fmt: skip
        assert child.stdout.readline().strip() == b"ready"
        started = time.perf_counter()
        if kill_after is None:
            child.wait(timeout=300)
        else:
            time.sleep(kill_after)
            child.send_signal(signal.SIGKILL)
            child.wait()
        return time.perf_counter() - started

    # a state-less cache makes every run render all pages, the slow path with the most to interrupt
    full = None
    for kill_after in (0.05, 0.3, 0.8, 1.5, 2.5):
        for state in (cache / "export-state").glob("*"):
            state.unlink()
        run(kill_after)
        assert out.is_dir() and manifest_true(out), f"killed after {kill_after} s"
        current = tree(out)
        assert current == old or all("موقع آخر" in current[p].decode() for p in ("index.html", "world/index.html"))
    full = run(None)
    assert manifest_true(out) and "موقع آخر" in (out / "index.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]
    assert full > 0.05


def test_narrowed_export_over_a_zip_keeps_the_other_stories(sample, tmp_path):
    target = tmp_path / "site.zip"
    export(sample, target)
    with zipfile.ZipFile(target) as zf:
        before = {name: zf.read(name) for name in zf.namelist()}
    repo = ArticleRepo(sample["library"])
    world = sample["ids"]["related"][1]
    record = repo.get(world)
    repo.save(world, record.version, headline="لن يظهر في هذا التصدير")
    export(sample, target, sections=["china"])
    with zipfile.ZipFile(target) as zf:
        after = {name: zf.read(name) for name in zf.namelist()}
    world_page = f"2017-04/12/c_{world}.htm"
    assert after[world_page] == before[world_page]
    listed = json.loads(after["manifest.json"])
    assert set(listed) == set(after) - {"manifest.json"}
    assert all(hashlib.sha256(after[n]).hexdigest() == e["sha256"] for n, e in listed.items())


def test_control_characters_and_an_overlong_caption_keep_the_xml_well_formed(sample, tmp_path):
    from xml.etree import ElementTree

    from tests.export_support import FILED_AT, add_gallery, add_photo, make_jpeg, publish

    repo = ArticleRepo(sample["library"])
    docid = publish(repo, None, "world", "عنوان\x0b من Word", FILED_AT, keywords=["كلمة\x0b", "R&D"])
    caption = "تعليق\x0b & <طويل> " * 5000  # over 64 KiB once encoded
    sha = add_photo(sample["library"], make_jpeg(91, (800, 600)), 800, 600, creator="مصور\x01")
    add_gallery(sample["library"], docid, [{"sha": sha, "caption": caption, "credit": "وكالة\x1f"}])
    out = tmp_path / "site"
    export(sample, out)
    for name in ("feed.xml", "sitemap.xml", "news-sitemap.xml"):
        ElementTree.fromstring((out / name).read_bytes())  # raises when malformed
    assert "عنوان من Word" in (out / "feed.xml").read_text("utf-8")
    renditions = [p for p in out.rglob("*.jpg") if p.stem.rsplit("-", 1)[1].isdigit()]  # not the crops
    jpeg = next(p for p in renditions if p.read_bytes().count(b"\xd8\xaa\xd8\xb9\xd9\x84\xd9\x8a\xd9\x82"))
    data = jpeg.read_bytes()
    start, end = data.index(b"<?xpacket begin"), data.index(b'<?xpacket end="w"?>') + len(b'<?xpacket end="w"?>')
    assert end - start < 0xFFFF
    packet = ElementTree.fromstring(data[start:end].decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    described = "".join(packet.itertext())
    assert described.startswith("تعليق & <طويل>") and "وكالة" in described and "مصور" in described
    webp = next(p for p in out.rglob("*.webp") if p.stem == jpeg.stem)
    assert b"\x0b" not in webp.read_bytes().split(b"XMP ", 1)[1]
    page = next(p for p in out.rglob(f"c_{docid}.htm"))
    assert page.read_text("utf-8").count("تعليق") >= 5000  # the page keeps the whole caption


def test_renditions_carry_only_an_rgb_source_profile(sample, tmp_path):
    import io

    from PIL import Image, ImageCms

    from workstation.export.images import widths_for

    from tests.export_support import FILED_AT, add_gallery, add_photo, publish

    def fake_profile(space: bytes) -> bytes:  # a header is all the export looks at
        return bytes(16) + space + bytes(108)

    def jpeg(mode: str, color, icc: bytes) -> bytes:
        out = io.BytesIO()
        Image.new(mode, (700, 500), color).save(out, "JPEG", quality=90, icc_profile=icc)
        return out.getvalue()

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    sources = {"cmyk": jpeg("CMYK", (0, 255, 255, 0), fake_profile(b"CMYK")),
               "grey": jpeg("L", 128, fake_profile(b"GRAY")),
               "rgb": jpeg("RGB", (200, 30, 30), srgb)}  # fmt: skip
    repo = ArticleRepo(sample["library"])
    docid = publish(repo, None, "world", "ألوان", FILED_AT)
    shas = {kind: add_photo(sample["library"], data, 700, 500) for kind, data in sources.items()}
    add_gallery(sample["library"], docid, [{"sha": sha} for sha in shas.values()])
    out = tmp_path / "site"
    export(sample, out)
    for kind, sha in shas.items():
        renditions = list((out / "photos" / sha[:2]).glob(f"{sha[:16]}-*"))
        # JPEG and WebP of each width, and the square and 1.91:1 crops (JPEG)
        assert len(renditions) == 2 * len(widths_for(700)) + 2, kind
        for path in renditions:
            with Image.open(path) as img:
                assert img.mode == "RGB"
                assert img.info.get("icc_profile") == (srgb if kind == "rgb" else None), (kind, path.name)


def test_a_kept_page_edited_in_place_is_hashed_again(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    world_page = out / f"2017-04/12/c_{sample['ids']['related'][1]}.htm"
    data = world_page.read_bytes()
    edited = data.replace(b"<html", b"<HTML", 1)
    assert edited != data and len(edited) == len(data)
    with open(world_page, "r+b") as fh:  # in place: same inode, same size
        fh.write(edited)
    export(sample, out, sections=["china"])
    assert manifest_true(out)


def test_forked_workers_never_use_the_parents_database_connections(sample, tmp_path, monkeypatch):
    from sqlalchemy import event

    import workstation.export.exporter as exporter

    out = tmp_path / "site"
    export(sample, out, workers=1)
    repo = ArticleRepo(sample["library"])
    record = repo.get(SEED_DOCID)
    repo.save(SEED_DOCID, record.version, headline="عنوان جديد")  # its related stories' bodies are not read yet
    shared = tmp_path / "shared-connections"
    engine = sample["library"].engine

    @event.listens_for(engine, "connect")
    def born(dbapi_connection, record):
        record.info["pid"] = os.getpid()

    @event.listens_for(engine, "checkout")
    def checked_out(dbapi_connection, record, proxy):
        if record.info.get("pid", os.getpid()) != os.getpid():  # a connection made by another process
            with open(shared, "a") as fh:
                fh.write(f"{os.getpid()}\n")

    monkeypatch.setattr(exporter, "PARALLEL_FROM", 1)
    monkeypatch.setattr(exporter, "CHUNK", 1)
    engine.dispose()  # connections from here on are made after the listeners
    export(sample, out, workers=2)
    assert not shared.exists()
    assert "عنوان جديد" in (out / f"2017-04/13/c_{SEED_DOCID}.htm").read_text("utf-8")
    assert manifest_true(out)


def test_narrowed_export_re_renders_kept_pages_linking_to_a_story_that_moved(sample, tmp_path):
    out = tmp_path / "site"
    export(sample, out)
    china = sample["ids"]["related"][0]
    with sample["library"].engine.begin() as conn:  # its date changes: its page moves to another folder
        conn.execute(text("UPDATE articles SET published_at = '2017-03-01 08:00:00.000000' WHERE id = :id"),
                     {"id": china})  # fmt: skip
    export(sample, out, sections=["china"])
    assert (out / f"2017-03/01/c_{china}.htm").is_file() and not (out / f"2017-04/12/c_{china}.htm").exists()
    assert f"2017-03/01/c_{china}.htm".encode() in (out / f"2017-04/13/c_{SEED_DOCID}.htm").read_bytes()
    assert manifest_true(out)
    check_links({"out": out})
