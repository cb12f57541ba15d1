"""Web renditions of the story photos: several widths, progressive JPEG and WebP.

Pixels are encoded once per photo and encoding settings and kept in a cache folder;
the caption, credit and creator are spliced into a copy on the way into the bundle, so
a photo is never encoded twice, whatever happens to its caption. Nothing of the source
file's metadata is copied (no GPS, no camera serial): only the colour profile.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from workstation.errors import LibraryError
from workstation.export.embed import ImageText, embed_jpeg, embed_webp
from workstation.export.stories import PhotoRef, photo_creator
from workstation.library.store import Library
from workstation.photos.files import photo_path
from workstation.photos.framing import crop_box, turn, turned_size
from workstation.photos.gallery import GalleryItemRecord
from workstation.photos.renditions import is_rgb_profile

WIDTHS = (320, 640, 1024, 1600)
JPEG_QUALITY = 82
WEBP_QUALITY = 80
# Part of every cache key and bundle file name: change it whenever the encoding changes.
ENCODING = f"v2-j{JPEG_QUALITY}-w{WEBP_QUALITY}"
SIZES = "(min-width: 56rem) 48rem, 100vw"


@dataclass(frozen=True)
class Rendition:
    """One width of a photo, as a JPEG and a WebP file of the bundle."""

    width: int
    height: int
    jpeg: str  # path relative to the bundle root
    webp: str


@dataclass(frozen=True)
class Crop:
    """A photo cropped to an aspect around its focal point, as a JPEG file of the bundle."""

    name: str  # a key of CROPS
    width: int
    height: int
    jpeg: str


# name: (aspect, largest width). Cards show the square one; social sites ask for 1.91:1 at 1200 px.
CROPS = {"sq": (1.0, 320), "og": (1200 / 630, 1200)}


@dataclass(frozen=True)
class PhotoSet:
    """Every rendition of one gallery item, smallest first, and its crops."""

    photo: PhotoRef
    renditions: tuple[Rendition, ...]
    square: Crop
    wide: Crop

    @property
    def main(self) -> Rendition:
        """The rendition used as the plain `src`: the widest up to 1024 pixels."""
        fitting = [r for r in self.renditions if r.width <= 1024]
        return fitting[-1] if fitting else self.renditions[0]

    @property
    def thumb(self) -> Rendition:
        """The smallest rendition, for thumbnails."""
        return self.renditions[0]


def widths_for(width: int) -> list[int]:
    """The rendition widths of a photo this wide (never upscaled)."""
    chosen = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        chosen.append(width)
    return chosen or [min(width, WIDTHS[-1])]


def image_text(photo: PhotoRef) -> ImageText:
    """The words embedded in this gallery item's renditions."""
    return ImageText(caption=photo.caption, credit=photo.credit, creator=photo.creator, title=photo.slug)


def _turn_key(photo: PhotoRef) -> str:
    return f"-r{photo.rotate}" if photo.rotate else ""


def _crop_key(photo: PhotoRef) -> str:
    """The part of a crop's file names that its framing decides (nothing for an unturned, centred one)."""
    if photo.focus is None:
        return _turn_key(photo)
    return f"{_turn_key(photo)}-f{round(photo.focus[0] * 1000):03d}{round(photo.focus[1] * 1000):03d}"


def crop_size(photo: PhotoRef, name: str) -> tuple[int, int]:
    """The pixel size of a crop: the largest of its aspect, no wider than its limit."""
    aspect, limit = CROPS[name]
    left, top, right, bottom = crop_box(photo.width, photo.height, aspect)
    width = min(limit, right - left)
    return width, max(1, round(width / aspect))


@lru_cache(maxsize=65536)
def plan(photo: PhotoRef) -> PhotoSet:
    """The bundle files of a gallery item, named by content so equal names mean equal bytes."""
    words = "\x1f".join(photo.meta_key)
    tag = hashlib.blake2b(f"{ENCODING}\x1e{words}{_turn_key(photo)}".encode(), digest_size=5).hexdigest()
    stem = f"photos/{photo.sha256[:2]}/{photo.sha256[:16]}-{tag}"
    out = []
    for w in widths_for(photo.width):
        h = max(1, round(photo.height * w / photo.width))
        out.append(Rendition(w, h, f"{stem}-{w}.jpg", f"{stem}-{w}.webp"))
    crops = {name: Crop(name, *crop_size(photo, name), f"{stem}-{name}{_crop_key(photo)}.jpg") for name in CROPS}
    return PhotoSet(photo, tuple(out), crops["sq"], crops["og"])


def bundle_images(photo: PhotoRef) -> list[tuple[Rendition | Crop, str, str]]:
    """Every image file of a gallery item in the bundle: (rendition or crop, format, bundle path)."""
    files = plan(photo)
    out: list[tuple[Rendition | Crop, str, str]] = []
    for r in files.renditions:
        out += [(r, "jpg", r.jpeg), (r, "webp", r.webp)]
    return out + [(crop, "jpg", crop.jpeg) for crop in (files.square, files.wide)]


class RenditionCache:
    """Encoded pixels of every photo at every rendition width, kept between exports."""

    def __init__(self, library: Library, folder: Path):
        self.library = library
        self.folder = folder
        self.encoded = 0  # photos encoded by this cache object (not found in the cache)

    def _cached(self, photo: PhotoRef, width: int | str, ext: str) -> Path:
        sha = photo.sha256
        key = _turn_key(photo) if isinstance(width, int) else _crop_key(photo)
        return self.folder / sha[:2] / f"{sha}-{ENCODING}{key}-{width}.{ext}"

    def ensure(self, photo: PhotoRef) -> None:
        """Encodes the photo's renditions and crops unless the cache already holds all of them."""
        widths = widths_for(photo.width)
        wanted = [self._cached(photo, w, ext) for w in widths for ext in ("jpg", "webp")]
        wanted += [self._cached(photo, name, "jpg") for name in CROPS]
        if all(p.is_file() for p in wanted):
            return
        source = photo_path(self.library, photo.sha256, photo.ext)
        if photo.ext.lower() in ("heic", "heif"):
            from workstation.photos.renditions import heic_available

            heic_available()  # registers the HEIF opener when the optional plugin is there
        try:
            with Image.open(source) as img:
                img.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
                upright = ImageOps.exif_transpose(img)
                icc = img.info.get("icc_profile")
                # The profile describes the source's colours: a CMYK or grey one would make the
                # converted RGB pixels read wrong, so only an RGB source's own profile travels.
                if not (icc and img.mode in ("RGB", "RGBA", "RGBX", "P", "PA") and is_rgb_profile(icc)):
                    icc = None
                pixels = turn(_flatten(upright), photo.rotate)
        except FileNotFoundError:
            raise LibraryError(f"Photo {photo.sha256[:12]} is missing from the library ({source}); "
                               "run 'workstation check'.") from None  # fmt: skip
        except OSError as exc:
            raise LibraryError(f"Photo {photo.sha256[:12]} ({source}) cannot be read: {exc}.") from None
        pixels.info = {}  # nothing of the source's metadata travels
        (self.folder / photo.sha256[:2]).mkdir(parents=True, exist_ok=True)
        extra = {"icc_profile": icc} if icc else {}
        current = pixels
        for w in sorted(widths, reverse=True):  # each width from the next larger one: fast and sharp enough
            h = max(1, round(photo.height * w / photo.width))
            if current.size != (w, h):
                current = current.resize((w, h), Image.Resampling.LANCZOS)
            _atomic_save(current, self._cached(photo, w, "jpg"), "JPEG", quality=JPEG_QUALITY,
                         progressive=True, optimize=True, **extra)  # fmt: skip
            _atomic_save(current, self._cached(photo, w, "webp"), "WEBP", quality=WEBP_QUALITY, method=4, **extra)
        for name, (aspect, _limit) in CROPS.items():
            box = crop_box(*pixels.size, aspect, photo.focus)
            cropped = pixels.crop(box).resize(crop_size(photo, name), Image.Resampling.LANCZOS)
            _atomic_save(cropped, self._cached(photo, name, "jpg"), "JPEG", quality=JPEG_QUALITY,
                         progressive=True, optimize=True, **extra)  # fmt: skip
        self.encoded += 1

    def pixels(self, photo: PhotoRef, width: int, ext: str) -> Path:
        """The cached encoding of one width (call `ensure` first)."""
        return self._cached(photo, width, ext)

    def bundle_bytes(self, photo: PhotoRef, rendition: Rendition | Crop, ext: str) -> bytes:
        """The bytes of a bundle rendition or crop: cached pixels with the item's words embedded."""
        if isinstance(rendition, Crop):
            return embed_jpeg(self._cached(photo, rendition.name, "jpg").read_bytes(), image_text(photo))
        data = self._cached(photo, rendition.width, ext).read_bytes()
        words = image_text(photo)
        if ext == "jpg":
            return embed_jpeg(data, words)
        return embed_webp(data, words, rendition.width, rendition.height)


def photo_ref(record: GalleryItemRecord) -> PhotoRef:
    """A gallery item as the export sees it (its photo turned, its words as typed)."""
    width, height = turned_size(record.width, record.height, record.rotate)
    focus = None if record.focus_x is None or record.focus_y is None else (record.focus_x, record.focus_y)
    # The orientation is read from the file itself when its pixels are encoded.
    return PhotoRef(record.sha256, record.ext, width, height, 1, record.caption, record.alt, record.credit,
                    record.slug, photo_creator(dict(record.source)), record.rotate, focus)  # fmt: skip


def shareable_file(library: Library, record: GalleryItemRecord, folder: Path) -> Path:
    """The web rendition of a gallery item as the bundle has it (JPEG, caption, credit and creator
    embedded as IPTC and XMP), written under `folder` with the photo's own file name, to hand to
    another program. `folder` is an export cache: its encoded pixels are shared with the exports."""
    photo = photo_ref(record)
    cache = RenditionCache(library, folder / "renditions")
    cache.ensure(photo)
    main = plan(photo).main
    target = folder / "shared" / Path(main.jpeg).stem / f"{Path(record.filename).stem or photo.sha256[:16]}.jpg"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".jpg")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(cache.bundle_bytes(photo, main, "jpg"))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


def _flatten(img: Image.Image) -> Image.Image:
    """The image as opaque RGB: transparency laid on white, as a web page would show it."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB") if img.mode != "RGB" else img.copy()


def _atomic_save(img: Image.Image, target: Path, fmt: str, **options) -> None:
    """Saves through a temporary file so a killed export never leaves half an image in the cache."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            img.save(fh, fmt, **options)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
