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
from workstation.export.stories import PhotoRef
from workstation.library.store import Library
from workstation.photos.files import photo_path
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
class PhotoSet:
    """Every rendition of one gallery item, smallest first."""

    photo: PhotoRef
    renditions: tuple[Rendition, ...]

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


@lru_cache(maxsize=65536)
def plan(photo: PhotoRef) -> PhotoSet:
    """The bundle files of a gallery item, named by content so equal names mean equal bytes."""
    words = "\x1f".join(photo.meta_key)
    tag = hashlib.blake2b(f"{ENCODING}\x1e{words}".encode(), digest_size=5).hexdigest()
    stem = f"photos/{photo.sha256[:2]}/{photo.sha256[:16]}-{tag}"
    out = []
    for w in widths_for(photo.width):
        h = max(1, round(photo.height * w / photo.width))
        out.append(Rendition(w, h, f"{stem}-{w}.jpg", f"{stem}-{w}.webp"))
    return PhotoSet(photo, tuple(out))


class RenditionCache:
    """Encoded pixels of every photo at every rendition width, kept between exports."""

    def __init__(self, library: Library, folder: Path):
        self.library = library
        self.folder = folder
        self.encoded = 0  # photos encoded by this cache object (not found in the cache)

    def _cached(self, sha: str, width: int, ext: str) -> Path:
        return self.folder / sha[:2] / f"{sha}-{ENCODING}-{width}.{ext}"

    def ensure(self, photo: PhotoRef) -> None:
        """Encodes the photo's renditions unless the cache already holds all of them."""
        widths = widths_for(photo.width)
        wanted = [self._cached(photo.sha256, w, ext) for w in widths for ext in ("jpg", "webp")]
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
                pixels = _flatten(upright)
        except FileNotFoundError:
            raise LibraryError(f"Photo {photo.sha256[:12]} is missing from the library ({source}); "
                               "run 'workstation check'.") from None  # fmt: skip
        except OSError as exc:
            raise LibraryError(f"Photo {photo.sha256[:12]} ({source}) cannot be read: {exc}.") from None
        pixels.info = {}  # nothing of the source's metadata travels
        (self.folder / photo.sha256[:2]).mkdir(parents=True, exist_ok=True)
        current = pixels
        for w in sorted(widths, reverse=True):  # each width from the next larger one: fast and sharp enough
            h = max(1, round(photo.height * w / photo.width))
            if current.size != (w, h):
                current = current.resize((w, h), Image.Resampling.LANCZOS)
            extra = {"icc_profile": icc} if icc else {}
            _atomic_save(current, self._cached(photo.sha256, w, "jpg"), "JPEG", quality=JPEG_QUALITY,
                         progressive=True, optimize=True, **extra)  # fmt: skip
            _atomic_save(
                current, self._cached(photo.sha256, w, "webp"), "WEBP", quality=WEBP_QUALITY, method=4, **extra
            )
        self.encoded += 1

    def pixels(self, photo: PhotoRef, width: int, ext: str) -> Path:
        """The cached encoding of one width (call `ensure` first)."""
        return self._cached(photo.sha256, width, ext)

    def bundle_bytes(self, photo: PhotoRef, rendition: Rendition, ext: str) -> bytes:
        """The bytes of a bundle rendition: cached pixels with the item's words embedded."""
        data = self._cached(photo.sha256, rendition.width, ext).read_bytes()
        words = image_text(photo)
        if ext == "jpg":
            return embed_jpeg(data, words)
        return embed_webp(data, words, rendition.width, rendition.height)


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
