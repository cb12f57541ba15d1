"""The export turns photos as their gallery item says and crops cards and the social image
around the focal point, checked on the pixels of the bundle's files."""

from __future__ import annotations

import io
import json
import re

from PIL import Image, ImageChops, ImageDraw

from workstation.articles.repo import ArticleRepo
from workstation.export import export_bundle
from workstation.photos.gallery import GalleryRepo

from tests.export_support import FILED_AT, add_gallery, add_photo, publish


def _wide_photo() -> bytes:
    """1800 × 600, grey, with a red subject near the right edge (where a centred crop loses it)."""
    image = Image.new("RGB", (1800, 600), (60, 60, 60))
    ImageDraw.Draw(image).rectangle((1630, 240, 1710, 320), fill=(255, 0, 0))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def _has_red(image: Image.Image) -> bool:
    bands = [band.point(lambda v, lo=lo, hi=hi: 255 if lo <= v <= hi else 0)
             for band, lo, hi in zip(image.convert("RGB").split(), (180, 0, 0), (255, 80, 80))]  # fmt: skip
    return ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2]).getbbox() is not None


def _export(library, tmp_path, name):
    out = tmp_path / name
    export_bundle(library, out, cache_dir=tmp_path / "cache")
    return out


def _images(out, docid):
    page = next(out.rglob(f"c_{docid}.htm")).read_text("utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    square, wide, whole = (Image.open(next(out.rglob(path.rsplit("/", 1)[1]))) for path in ld["image"])
    og = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert og.endswith(wide.filename.rsplit("/", 1)[1])
    return square, wide, whole


def test_cards_and_the_social_image_keep_a_subject_near_the_edge(library, tmp_path):
    docid = publish(ArticleRepo(library), None, "world", "قصة عريضة", FILED_AT)
    add_gallery(library, docid, [{"sha": add_photo(library, _wide_photo(), 1800, 600)}])
    square, wide, _ = _images(_export(library, tmp_path, "centred"), docid)
    assert (square.size, wide.size) == ((320, 320), (1143, 600))  # as large as the photo allows
    assert not _has_red(square)  # the centre crop loses the subject

    repo = GalleryRepo(library)
    repo.update({repo.items(docid)[0].id: {"focus_x": 1670 / 1800, "focus_y": 280 / 600}})
    square, wide, whole = _images(_export(library, tmp_path, "focused"), docid)
    assert _has_red(square) and _has_red(wide) and _has_red(whole)
    section = (tmp_path / "focused" / "world" / "index.html").read_text("utf-8")
    assert square.filename.rsplit("/", 1)[1] in section  # the section's card shows the square crop


def test_a_turned_photo_is_turned_in_every_file(library, tmp_path):
    docid = publish(ArticleRepo(library), None, "world", "صورة مقلوبة", FILED_AT)
    add_gallery(library, docid, [{"sha": add_photo(library, _wide_photo(), 1800, 600)}])
    repo = GalleryRepo(library)
    repo.update({repo.items(docid)[0].id: {"rotate": 90}})
    square, wide, whole = _images(_export(library, tmp_path, "turned"), docid)
    assert whole.size[0] < whole.size[1]  # 600 × 1800 as shown, scaled
    page = next((tmp_path / "turned").rglob(f"c_{docid}.htm")).read_text("utf-8")
    width, height = re.search(r'<img src="[^"]+" fetchpriority="high"[^>]* width="(\d+)" height="(\d+)"', page).groups()
    assert int(width) < int(height)
    # clockwise: the subject near the right edge is now near the bottom
    red_rows = [y for y in range(whole.size[1]) if _has_red(whole.crop((0, y, whole.size[0], y + 1)))]
    assert red_rows and min(red_rows) > whole.size[1] * 0.8
