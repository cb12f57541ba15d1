"""Photo ingest on real-world files (metadata written by ExifTool) and on hostile ones."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from PIL import Image, ImageFile
from sqlalchemy import func, select

from workstation import cli
from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.errors import NotFoundError
from workstation.library.models import GalleryItem, Photo
from workstation.library.store import file_sha256
from workstation.photos import renditions
from workstation.photos.files import photo_path
from workstation.photos.gallery import GalleryRepo
from workstation.photos.ingest import collect_files, ingest, shutdown_workers
from workstation.photos.renditions import Refused, preview_path, thumb_path

from tests import photo_samples
from tests.photo_samples import ARABIC_CAPTION, ARABIC_CITY, ARABIC_CREDIT, LATIN1_CAPTION, QUADRANTS, WIRE_SLUG

pytestmark = pytest.mark.skipif(
    not photo_samples.exiftool_available(), reason="ExifTool (libimage-exiftool-perl) is not installed"
)


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    """Good and hostile files, made once for the session (ExifTool writes the metadata)."""
    if not photo_samples.exiftool_available():
        pytest.skip("ExifTool (libimage-exiftool-perl) is not installed")
    return photo_samples.build_samples(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def article(library):
    return ArticleRepo(library).create(section="world", headline="روسيا والولايات المتحدة").docid


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "thumbs"


def _state(paths):
    return {p: (file_sha256(p), os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in paths}


def _colour_at(image, fx, fy):
    return image.convert("RGB").getpixel((int(image.width * fx), int(image.height * fy)))


def _close(a, b, tolerance=40):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_orientations_1_to_8_are_stored_and_rendered_upright(library, article, cache, samples):
    files = [samples[f"orientation-{n}"] for n in range(1, 9)]
    report = ingest(library, article, files, cache_dir=cache)
    assert not report.refused and len(report.added) == 8
    items = GalleryRepo(library).items(article)
    assert [i.filename for i in items] == [f"orientation-{n}.jpg" for n in range(1, 9)]
    for item in items:
        assert (item.width, item.height) == (2400, 1600), item.filename
        for path, size in (
            (preview_path(cache, item.sha256), (1200, 800)),
            (thumb_path(cache, item.sha256), (320, 213)),
        ):
            with Image.open(path) as im:
                assert im.size == size, (item.filename, path.name)
                assert _close(_colour_at(im, 0.2, 0.2), QUADRANTS["top_left"]), item.filename
                assert _close(_colour_at(im, 0.8, 0.2), QUADRANTS["top_right"]), item.filename
                assert _close(_colour_at(im, 0.2, 0.8), QUADRANTS["bottom_left"]), item.filename
    with library.sessions() as session:
        photos = {p.filename: p for p in session.scalars(select(Photo))}
    assert [photos[f"orientation-{n}.jpg"].orientation for n in range(1, 9)] == list(range(1, 9))
    assert photos["orientation-6.jpg"].taken_at.isoformat() == "2017-04-13T10:58:26"


def test_cmyk_png_webp_tiff_ingest_with_rgb_renditions(library, article, cache, samples):
    report = ingest(library, article, [samples[k] for k in ("cmyk", "png", "webp", "tiff")], cache_dir=cache)
    assert not report.refused
    items = GalleryRepo(library).items(article)
    assert [(i.filename, i.width, i.height) for i in items] == [
        ("cmyk.jpg", 800, 600), ("graphic.png", 900, 300), ("photo.webp", 1600, 900), ("scan.tif", 500, 400),
    ]  # fmt: skip
    assert [photo_path(library, i.sha256, i.ext).suffix for i in items] == [".jpg", ".png", ".webp", ".tif"]
    assert items[3].caption == "A TIFF caption" and items[3].source["city"] == ARABIC_CITY  # XMP and TIFF's IIM
    with Image.open(thumb_path(cache, items[0].sha256)) as im:
        assert im.mode == "RGB" and _close(im.getpixel((10, 10)), (237, 28, 36), 70)  # CMYK red, not inverted
    with Image.open(thumb_path(cache, items[1].sha256)) as im:
        assert im.size == (320, 107) and im.mode == "RGB"


def test_iptc_with_utf8_declaration_gives_arabic_intact(library, article, cache, samples):
    ingest(library, article, [samples["iptc-utf8"]], cache_dir=cache)
    (item,) = GalleryRepo(library).items(article)
    assert item.caption == ARABIC_CAPTION and item.credit == ARABIC_CREDIT and item.slug == WIRE_SLUG
    assert item.source["city"] == ARABIC_CITY and item.source["country"] == "روسيا"
    assert item.source["creator"] == "Ivan Photographer" and item.source["source"] == "Xinhua"
    assert item.source["keywords"] == ["روسيا", "الولايات المتحدة"]
    assert item.taken_at.isoformat() == "2017-04-12T18:30:00"


def test_iptc_in_latin1_without_declaration_has_no_mojibake(library, article, cache, samples):
    assert "Caf\xe9".encode("latin-1") in samples["iptc-latin1"].read_bytes()  # ExifTool wrote Latin-1 bytes
    ingest(library, article, [samples["iptc-latin1"]], cache_dir=cache)
    (item,) = GalleryRepo(library).items(article)
    assert item.caption == LATIN1_CAPTION
    assert item.source["city"] == "São Paulo" and item.credit == "Agência Brasil"


def test_xmp_only_fields(library, article, cache, samples):
    ingest(library, article, [samples["xmp-only"]], cache_dir=cache)
    (item,) = GalleryRepo(library).items(article)
    assert item.caption == ARABIC_CAPTION and item.credit == ARABIC_CREDIT
    assert dict(item.source) == {
        "caption": ARABIC_CAPTION, "headline": "Children in Damascus", "creator": "Anna Fotografin",
        "credit": ARABIC_CREDIT, "source": "Wire", "city": "Damascus", "country": "Syria",
        "keywords": ["refugees", "children"],
    }  # fmt: skip


def test_xmp_wins_over_iim_field_by_field(library, article, cache, samples):
    ingest(library, article, [samples["both"]], cache_dir=cache)
    (item,) = GalleryRepo(library).items(article)
    assert item.caption == "the XMP caption" and item.credit == "XMP Credit"
    assert item.source["city"] == "IIM City"  # only IIM has it


def test_hostile_files_are_refused_with_reasons_and_good_ones_land(library, article, cache, samples, tmp_path):
    broken_link = tmp_path / "gone.jpg"
    broken_link.symlink_to(tmp_path / "nowhere.jpg")
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    hostile = [samples[k] for k in ("empty", "text", "truncated", "bomb")] + [broken_link, fifo]
    report = ingest(library, article, [samples["xmp-only"], *hostile, samples["png"]], cache_dir=cache)
    reasons = {os.path.basename(p.where): p.reason for p in report.refused}
    assert reasons["empty.jpg"] == "is an empty file"
    assert reasons["notes.jpg"].startswith("is not an image (its name says JPEG")
    assert reasons["truncated.jpg"].startswith("is truncated or corrupt")
    assert "40000 x 40000" in reasons["bomb.png"] and "before decoding" in reasons["bomb.png"]
    assert reasons["gone.jpg"].startswith("does not exist")
    assert reasons["pipe.jpg"] == "is not a regular file"
    assert [a.where for a in report.added] == [str(samples["xmp-only"]), str(samples["png"])]
    assert len(GalleryRepo(library).items(article)) == 2
    assert check_library(library) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_refused(library, article, cache, samples, tmp_path):
    locked = tmp_path / "locked.jpg"
    shutil.copy(samples["xmp-only"], locked)
    locked.chmod(0)
    report = ingest(library, article, [locked], cache_dir=cache)
    assert report.refused[0].reason.startswith("cannot be read (Permission denied")


def test_bomb_is_refused_from_the_header_without_decoding_pixels(samples, monkeypatch, tmp_path):
    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # as in the workers: our limit, not Pillow's
    assert samples["bomb"].stat().st_size < 2000
    with pytest.raises(Refused, match="40000 x 40000 pixels"):
        renditions.process(str(samples["bomb"]), str(tmp_path / "photos"), str(tmp_path / "cache"))
    assert not [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]  # its copy was taken back
    assert not (tmp_path / "cache").exists()


def test_source_files_are_never_modified(library, article, cache, samples):
    paths = [p for p in samples.values()]
    before = _state(paths)
    ingest(library, article, paths, cache_dir=cache)
    assert _state(paths) == before


def test_same_file_twice_is_one_photo_and_one_item(library, article, cache, samples, tmp_path):
    copy = tmp_path / "copy-of-xmp.jpg"
    shutil.copy(samples["xmp-only"], copy)
    first = ingest(library, article, [samples["xmp-only"], copy], cache_dir=cache)
    assert len(first.added) == 1 and [a.where for a in first.already] == [str(copy)]
    second = ingest(library, article, [copy], cache_dir=cache)
    assert second.added == [] and second.already[0].item_id == first.added[0].item_id
    forced = ingest(library, article, [copy], cache_dir=cache, duplicates=True)
    assert len(forced.added) == 1
    with library.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Photo)) == 1
        assert session.scalar(select(func.count()).select_from(GalleryItem)) == 2
    other = ArticleRepo(library).create(headline="another").docid
    assert len(ingest(library, other, [copy], cache_dir=cache).added) == 1


def test_folders_are_walked_recursively_in_sorted_order(samples, tmp_path):
    drop = tmp_path / "card"
    (drop / "DCIM" / "b").mkdir(parents=True)
    (drop / "DCIM" / "a").mkdir()
    shutil.copy(samples["png"], drop / "DCIM" / "b" / "2.png")
    shutil.copy(samples["xmp-only"], drop / "DCIM" / "a" / "9.jpg")
    shutil.copy(samples["webp"], drop / "DCIM" / "a" / "10.webp")
    (drop / ".DS_Store").write_bytes(b"\x00\x01")
    (drop / "DCIM" / "clip.mov").write_bytes(b"not a photo")
    files, refused = collect_files([drop])
    assert [str(f.relative_to(drop)) for f in files] == ["DCIM/a/10.webp", "DCIM/a/9.jpg", "DCIM/b/2.png"]
    assert [(p.where, p.reason.split(" (")[0]) for p in refused] == [
        (str(drop / "DCIM" / "clip.mov"), "is not a photo")
    ]


def test_atomic_when_the_commit_fails(library, article, cache, samples, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("workstation.photos.ingest.reindex", fail)
    with pytest.raises(RuntimeError):
        ingest(library, article, [samples["xmp-only"], samples["png"]], cache_dir=cache)
    leftovers = [p for p in library.photos_dir.rglob("*") if p.is_file()] if library.photos_dir.exists() else []
    assert leftovers == []
    with library.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Photo)) == 0
    assert check_library(library) == []


def test_every_photo_has_its_file_and_no_temporary_files_remain(library, article, cache, samples):
    ingest(library, article, list(samples.values()), cache_dir=cache)
    files = sorted(p for p in library.photos_dir.rglob("*") if p.is_file())
    assert not any((library.photos_dir / ".incoming").iterdir())
    with library.sessions() as session:
        expected = sorted(photo_path(library, p.sha256, p.ext) for p in session.scalars(select(Photo)))
    assert files == expected and len(files) == 16
    assert check_library(library) == []


def test_cancel_keeps_what_finished_and_stops_the_rest(library, article, cache, samples):
    calls = []
    files = [samples[f"orientation-{n}"] for n in range(1, 9)]
    report = ingest(library, article, files, cache_dir=cache, progress=lambda d, t, w: calls.append((d, t)),
                    cancel=lambda: len(calls) >= 1)  # fmt: skip
    assert report.cancelled
    assert 1 <= len(report.added) < 8 and calls[0] == (1, 8)
    assert len(GalleryRepo(library).items(article)) == len(report.added)
    assert not list(library.photos_dir.rglob("*.part"))
    assert check_library(library) == []


def test_unknown_article_is_refused(library, samples, cache):
    with pytest.raises(NotFoundError, match="no article 4242"):
        ingest(library, 4242, [samples["png"]], cache_dir=cache)


def test_cli_add_and_list_json(library, article, samples, capsys):
    db = str(library.path)
    status = cli.main(["--db", db, "photos", "add", str(article), str(samples["iptc-utf8"]), str(samples["text"])])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{samples['text']}: is not an image" in err and "1 added, 1 refused" in err
    assert cli.main(["--db", db, "photos", "list", str(article), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["docid"] == article and len(document["items"]) == 1
    item = document["items"][0]
    assert list(item) == [
        "position",
        "sha256",
        "filename",
        "width",
        "height",
        "caption",
        "alt",
        "credit",
        "slug",
        "source",
    ]
    assert list(item["source"]) == ["caption", "headline", "creator", "credit", "city", "country", "keywords"]
    assert item["position"] == 1 and item["filename"] == "iptc-utf8.jpg" and item["caption"] == ARABIC_CAPTION
    assert item["sha256"] == file_sha256(samples["iptc-utf8"]) and (item["width"], item["height"]) == (640, 480)
    assert cli.main(["--db", db, "photos", "add", str(article), str(samples["empty"])]) == 2
    assert cli.main(["--db", db, "photos", "list", "999"]) == 2
    assert "There is no article 999." in capsys.readouterr().err


def test_heic_ingests_where_the_plugin_is_installed(library, article, cache, tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif", reason="pillow-heif (optional HEIC support) is not installed")
    pillow_heif.register_heif_opener()
    path = tmp_path / "phone.heic"
    Image.new("RGB", (640, 480), (200, 30, 30)).save(path, quality=80)
    report = ingest(library, article, [path], cache_dir=cache)
    assert not report.refused
    (item,) = GalleryRepo(library).items(article)
    assert (item.ext, item.width, item.height) == ("heic", 640, 480)
    with Image.open(thumb_path(cache, item.sha256)) as im:
        assert im.format == "JPEG" and im.size == (320, 240) and _close(im.getpixel((5, 5)), (200, 30, 30))


def test_an_interrupted_ingest_leaves_nothing_behind(library, article, cache, samples):
    def interrupt(done, total, where):
        raise KeyboardInterrupt

    files = [samples[f"orientation-{n}"] for n in range(1, 9)]
    with pytest.raises(KeyboardInterrupt):
        ingest(library, article, files, cache_dir=cache, progress=interrupt)
    shutdown_workers()  # let anything still running finish, so its leftovers would show
    leftovers = [p for p in library.photos_dir.rglob("*") if p.is_file()] if library.photos_dir.exists() else []
    assert leftovers == []
    assert GalleryRepo(library).items(article) == []


def test_copies_left_by_a_crashed_ingest_are_swept(library, article, cache, samples):
    incoming = library.photos_dir / ".incoming"
    incoming.mkdir(parents=True)
    old, fresh = incoming / "old.part", incoming / "fresh.part"
    old.write_bytes(b"half a photo")
    fresh.write_bytes(b"another ingest's copy")
    os.utime(old, (1, 1))
    ingest(library, article, [samples["png"]], cache_dir=cache)
    assert not old.exists() and fresh.exists()
