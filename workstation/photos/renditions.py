"""The per-file work of an ingest, run in worker processes: prove, hash, stage, read, render.

One read of the file gives its hash and its pixels. JPEGs are decoded with DCT scaling
(`Image.draft`) straight to about the preview size, so a 24-megapixel photo is never
decoded in full; the decode still reads every scan, which is what proves the file whole.
Renditions (a 320 px thumbnail and a 1,200 px preview, upright, sRGB JPEG) live in a
cache folder keyed by content hash, so they serve every library on the machine.
"""

from __future__ import annotations

import io
import os
import stat
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from workstation.photos.meta import read_metadata
from workstation.photos.staging import incoming_dir

THUMB_SIZE = 320
PREVIEW_SIZE = 1200
# Larger than any camera in use (the biggest medium-format backs give about 150 megapixels).
MAX_PIXELS = 200_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif", "HEIF": "heic"}
NAMES = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".png": "PNG", ".webp": "WebP",
         ".tif": "TIFF", ".tiff": "TIFF", ".heic": "HEIC", ".heif": "HEIC"}  # fmt: skip

# After DCT scaling the preview is at most 2x too large; Hamming (a two-pixel kernel, scaled with
# the reduction, so still anti-aliased) is enough for that last step and a third of Lanczos' cost.
PREVIEW_FILTER = Image.Resampling.HAMMING

# Which transpose makes an image upright, for each EXIF orientation.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}  # fmt: skip


def heic_available() -> bool:
    """Whether HEIC/HEIF files can be read (the optional pillow-heif plugin is installed)."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def taken_formats() -> str:
    """The formats the library takes, for messages."""
    return "JPEG, PNG, WebP, TIFF" + (" or HEIC" if heic_available() else "")


class Refused(Exception):
    """A file that is not ingested; the message is the reason, for the user."""


@dataclass(frozen=True)
class Processed:
    """What a worker learnt about one good file, and where it staged the library's copy."""

    source: str
    sha256: str
    ext: str
    bytes: int
    width: int  # upright
    height: int
    orientation: int
    taken_at: str | None  # ISO 8601, the camera's local time
    meta: dict
    staged: str | None  # a temporary file beside the final place, or None if the library has it


def default_cache_dir() -> Path:
    """Where renditions are kept: the thumbnails folder of the user cache."""
    from workstation.paths import AppPaths

    return AppPaths.from_environment().cache / "thumbnails"


def thumb_path(cache_dir: Path, sha256: str) -> Path:
    """The 320 px rendition of a photo."""
    return Path(cache_dir) / sha256[:2] / f"{sha256}-{THUMB_SIZE}.jpg"


def preview_path(cache_dir: Path, sha256: str) -> Path:
    """The 1,200 px rendition of a photo."""
    return Path(cache_dir) / sha256[:2] / f"{sha256}-{PREVIEW_SIZE}.jpg"


def worker_init() -> None:
    """Prepares a worker process: our own pixel limit replaces Pillow's warning-then-error, and
    Pillow's notes about odd metadata (with its source paths) stay off the user's terminal."""
    Image.MAX_IMAGE_PIXELS = None
    warnings.filterwarnings("ignore", module="PIL")
    heic_available()


def process(source: str, photos_dir: str, cache_dir: str, owner: str = "") -> Processed:
    """Proves, hashes, stages and renders one file; raises Refused with the reason.

    The source is read once, into the staged copy; the hash and the pixels come from that copy,
    so what is stored is what was hashed and proved, even if the source changes meanwhile (it
    is then refused: a copy taken while it changed may be torn).
    """
    staged, sha, size = _copy_in(Path(source), Path(photos_dir), owner)
    try:
        with staged.open("rb") as fh:
            im = open_checked(fh, Path(source).suffix)
            meta = read_metadata(im)
            ext = FORMATS[im.format]
            width, height = im.size
            if meta.orientation in (5, 6, 7, 8):
                width, height = height, width
            try:
                preview = _upright_rgb(_decode_fitted(im, PREVIEW_SIZE), meta.orientation)
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise Refused(f"is truncated or corrupt ({_short(exc)})") from None
            icc = im.info.get("icc_profile")
        try:
            _save_renditions(preview, Path(cache_dir), sha, icc)
        except OSError as exc:  # cache folder not writable, disk full: this file only, the drop goes on
            raise Refused(f"cannot write its thumbnail in {cache_dir}: {os_reason(exc)}") from None
        if (Path(photos_dir) / sha[:2] / f"{sha}.{ext}").is_file():
            staged.unlink()
            kept = None
        else:
            kept = str(staged)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return Processed(
        source=source, sha256=sha, ext=ext, bytes=size, width=width, height=height,
        orientation=meta.orientation, taken_at=meta.taken_at.isoformat() if meta.taken_at else None,
        meta=meta.as_dict(), staged=kept,
    )  # fmt: skip


def ensure_renditions(original: Path, cache_dir: Path, sha256: str) -> Path:
    """The thumbnail of a library photo, remade from the original (scaled decode) when missing."""
    thumb = thumb_path(cache_dir, sha256)
    if thumb.is_file():
        return thumb
    with Image.open(original) as im:
        orientation = read_metadata(im).orientation
        preview = _upright_rgb(_decode_fitted(im, PREVIEW_SIZE), orientation)
        _save_renditions(preview, Path(cache_dir), sha256, im.info.get("icc_profile"))
    return thumb


def open_checked(fp, suffix: str = "") -> Image.Image:
    """Opens an image from its header only, refusing non-images, other formats and pixel bombs."""
    expected = NAMES.get(suffix.lower())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(fp)
    except Image.DecompressionBombError as exc:
        raise Refused(f"declares too many pixels to decode safely ({_short(exc)}); refused from its header") from None
    except UnidentifiedImageError:
        said = f"its name says {expected}, but " if expected else ""
        raise Refused(f"is not an image ({said}the content is not a {taken_formats()} image)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise Refused(f"is truncated or corrupt ({_short(exc)})") from None
    if im.format not in FORMATS or (im.format == "HEIF" and not heic_available()):
        raise Refused(f"is a {im.format} image; the library takes {taken_formats()}")
    width, height = im.size
    if width < 1 or height < 1:
        raise Refused("declares an empty picture (0 pixels)")
    if width * height > MAX_PIXELS:
        raise Refused(
            f"declares {width} x {height} pixels ({width * height / 1e6:,.0f} megapixels), more than the "
            f"{MAX_PIXELS / 1e6:,.0f} megapixel limit; refused from its header, before decoding"
        )
    return im


# A write during the read shows in the mtime only when it falls in a later tick of the file
# system's clock (Linux: a few ms; FAT: 2 s). A file last modified within this window of the
# read's start may hide one, and its writer may only have paused mid-file: it must stay unwritten
# for a quiet moment after its last write and still match its copy when hashed again.
_CLOCK_TICK_NS = 2_000_000_000
_QUIET_NS = 200_000_000  # how long such a file must have stayed unwritten when it is taken


def _copy_in(path: Path, photos_dir: Path, owner: str = "") -> tuple[Path, str, int]:
    """Reads the source once into a new copy in the incoming folder, hashing as it goes; gives the
    copy, its SHA-256 and size. Refuses a source that changed while it was read."""
    import hashlib

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise Refused("is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file")  # opening a FIFO would block, a device never end
        fh = path.open("rb")
    except FileNotFoundError:
        raise Refused("does not exist (or is a broken link)") from None
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    with fh:
        started = time.time_ns()
        before = os.fstat(fh.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise Refused("is not a regular file")
        if before.st_size == 0:
            raise Refused("is an empty file")
        incoming = incoming_dir(photos_dir)
        part = incoming / f"{owner}.{uuid.uuid4().hex}.part" if owner else incoming / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            try:
                incoming.mkdir(parents=True, exist_ok=True)
                out = part.open("wb")
            except OSError as exc:
                raise Refused(f"cannot be copied into the library in {photos_dir}: {os_reason(exc)}") from None
            with out:
                while True:
                    try:
                        chunk = fh.read(1 << 20)
                    except OSError as exc:
                        raise Refused(f"cannot be read ({exc.strerror})") from None
                    if not chunk:
                        break
                    digest.update(chunk)
                    size += len(chunk)
                    try:
                        out.write(chunk)
                    except OSError as exc:
                        raise Refused(f"cannot be copied into the library in {photos_dir}: {os_reason(exc)}") from None
                try:
                    out.flush()
                    os.fsync(out.fileno())
                except OSError as exc:
                    raise Refused(f"cannot be copied into the library in {photos_dir}: {os_reason(exc)}") from None
            after = os.fstat(fh.fileno())
            sha = digest.hexdigest()
            if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or size != after.st_size:
                raise Refused("changed while being read; add it again once it is complete")
            if after.st_mtime_ns > started - _CLOCK_TICK_NS and not _settled(fh, after, sha):
                raise Refused("changed while being read; add it again once it is complete")
        except BaseException:
            try:
                part.unlink(missing_ok=True)
            except OSError:
                pass  # the folder itself is unusable, so nothing was written
            raise
    if size == 0:
        part.unlink(missing_ok=True)
        raise Refused("is an empty file")
    return part, sha, size


def _settled(fh, seen: os.stat_result, sha: str) -> bool:
    """Whether a file written lately has stayed as it was read for a quiet moment after its last
    write (a writer that only paused mid-file would have written again by then)."""
    wait = (seen.st_mtime_ns + _QUIET_NS - time.time_ns()) / 1e9
    if wait > 0:
        time.sleep(min(wait, _QUIET_NS / 1e9))
    now = os.fstat(fh.fileno())
    return (now.st_size, now.st_mtime_ns) == (seen.st_size, seen.st_mtime_ns) and _sha256_again(fh) == sha


def _sha256_again(fh) -> str:
    import hashlib

    digest = hashlib.sha256()
    fh.seek(0)
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _decode_fitted(im: Image.Image, box: int) -> Image.Image:
    """The pixels, no larger than box x box, decoding JPEGs at the smallest DCT scale that suffices."""
    width, height = im.size
    scale = min(1.0, box / max(width, height))
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if im.format == "JPEG":
        im.draft("RGB" if im.mode in ("RGB", "YCbCr") else im.mode, target)
    im.load()
    if im.size != target:
        im = _flatten(im).resize(target, PREVIEW_FILTER)
    return im


def _flatten(im: Image.Image) -> Image.Image:
    """An image in a mode that resizes and saves as JPEG (RGB or L, CMYK kept for colour management)."""
    if im.mode in ("RGB", "L", "CMYK"):
        return im
    if im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        return im.convert("I").point(lambda v: v / 256).convert("L") if im.mode.startswith("I;16") else im.convert("L")
    return im.convert("RGB")


def _upright_rgb(im: Image.Image, orientation: int) -> Image.Image:
    im = _flatten(im)
    if im.mode == "CMYK":
        im = _cmyk_to_rgb(im)
    transpose = _UPRIGHT.get(orientation)
    return im.transpose(transpose) if transpose is not None else im


def _cmyk_to_rgb(im: Image.Image) -> Image.Image:
    icc = im.info.get("icc_profile")
    if icc:
        try:
            return ImageCms.profileToProfile(im, ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                             ImageCms.createProfile("sRGB"), outputMode="RGB")  # fmt: skip
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: fall back to the plain conversion
    return im.convert("RGB")


def _save_renditions(preview: Image.Image, cache_dir: Path, sha: str, icc: bytes | None) -> None:
    # Keep an RGB profile (Adobe RGB, Display P3) so colours stay right; CMYK was converted to sRGB.
    profile = icc if icc and preview.mode == "RGB" and is_rgb_profile(icc) else None
    thumb = preview.copy()
    # Box-reduce by an integer factor first, then Lanczos for the rest: sharp and cheap.
    thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS, reducing_gap=1.5)
    for image, path, quality in ((preview, preview_path(cache_dir, sha), 85), (thumb, thumb_path(cache_dir, sha), 80)):
        if path.is_file():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        try:
            image.save(part, "JPEG", quality=quality, icc_profile=profile)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)


def is_rgb_profile(icc: bytes) -> bool:
    """Whether an ICC profile describes RGB colour (one a CMYK or grey source carries does not)."""
    return len(icc) >= 20 and icc[16:20] == b"RGB "


def os_reason(exc: OSError) -> str:
    """The system's reason for an I/O error, for messages ("Permission denied", "No space left on device")."""
    return exc.strerror or _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
