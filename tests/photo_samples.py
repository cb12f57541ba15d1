"""Real-world photo files for the photo tests: pixels drawn with Pillow, metadata written by ExifTool.

ExifTool is the reference writer, so the metadata tests do not merely agree with our own
reader. Builders return paths; `build_samples(folder)` makes the whole set.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

ARABIC_CAPTION = "وزير الخارجية الروسي سيرغي لافروف يصافح نظيره الأمريكي ريكس تيلرسون في موسكو"
ARABIC_CITY = "موسكو"
ARABIC_CREDIT = "شينخوا"
LATIN1_CAPTION = "Café crème à São Paulo, Zürich straße"
WIRE_SLUG = "(国际)(2)俄美同意建立工作组稳定双边关系"

# The upright picture every orientation sample shows: four coloured quadrants.
UPRIGHT_SIZE = (2400, 1600)
QUADRANTS = {
    "top_left": (220, 30, 30),
    "top_right": (30, 200, 30),
    "bottom_left": (30, 30, 220),
    "bottom_right": (240, 240, 240),
}

# What turns the upright picture into the stored pixels of each EXIF orientation
# (the inverse of what a viewer applies).
_STORED = {
    1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}  # fmt: skip


def exiftool_available() -> bool:
    """Whether the reference metadata writer is installed."""
    return shutil.which("exiftool") is not None


def exiftool(path: Path, *args: str) -> None:
    """Writes tags into a file in place with ExifTool."""
    subprocess.run(["exiftool", "-q", "-q", "-overwrite_original", *args, str(path)], check=True)


def upright_picture(size=UPRIGHT_SIZE) -> Image.Image:
    """The reference picture: red, green / blue, white quadrants, with some texture."""
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    w, h = size
    draw.rectangle((0, 0, w // 2, h // 2), fill=QUADRANTS["top_left"])
    draw.rectangle((w // 2, 0, w, h // 2), fill=QUADRANTS["top_right"])
    draw.rectangle((0, h // 2, w // 2, h), fill=QUADRANTS["bottom_left"])
    draw.rectangle((w // 2, h // 2, w, h), fill=QUADRANTS["bottom_right"])
    return im


def oriented_jpeg(folder: Path, orientation: int) -> Path:
    """A JPEG whose pixels are stored turned so that EXIF orientation N shows them upright."""
    stored = upright_picture()
    if _STORED[orientation] is not None:
        stored = stored.transpose(_STORED[orientation])
    path = folder / f"orientation-{orientation}.jpg"
    stored.save(path, quality=85)
    exiftool(path, f"-EXIF:Orientation#={orientation}", "-EXIF:DateTimeOriginal=2017:04:13 10:58:26")
    return path


GALLERY_COLOURS = [(200, 40, 40), (40, 200, 40), (40, 40, 200), (200, 200, 40)]  # the `story` fixture's photos


def small_jpeg(path: Path, colour=(120, 90, 60), size=(640, 480)) -> Path:
    """A plain JPEG with a little texture (so two colours give two different files)."""
    im = Image.new("RGB", size, colour)
    ImageDraw.Draw(im).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(250, 250, 250))
    im.save(path, quality=85)
    return path


def bomb_png(path: Path, width: int = 40_000, height: int = 40_000) -> Path:
    """A tiny PNG whose header declares width x height pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 3 * width) * 4, 9)  # a few rows of zeros; the rest is missing
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return path


def build_samples(folder: Path) -> dict[str, Path]:
    """The whole set of good and hostile files, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    s: dict[str, Path] = {}
    for n in range(1, 9):
        s[f"orientation-{n}"] = oriented_jpeg(folder, n)

    cmyk = Image.new("CMYK", (800, 600), (0, 255, 255, 0))  # full magenta + yellow: red
    cmyk.save(folder / "cmyk.jpg", quality=90)
    s["cmyk"] = folder / "cmyk.jpg"

    png = folder / "graphic.png"
    Image.new("RGBA", (900, 300), (20, 120, 200, 255)).save(png)
    exiftool(png, "-XMP-dc:Description=A PNG caption", "-XMP-photoshop:Credit=PNG Credit")
    s["png"] = png

    webp = folder / "photo.webp"
    Image.new("RGB", (1600, 900), (200, 160, 40)).save(webp, quality=80)
    exiftool(webp, "-XMP-dc:Description=A WebP caption", "-XMP-photoshop:City=Cairo")
    s["webp"] = webp

    tiff = folder / "scan.tif"
    Image.new("RGB", (500, 400), (90, 90, 90)).save(tiff)
    exiftool(tiff, "-XMP-dc:Description=A TIFF caption", "-IPTC:CodedCharacterSet=UTF8", f"-IPTC:City={ARABIC_CITY}")
    s["tiff"] = tiff

    utf8 = small_jpeg(folder / "iptc-utf8.jpg", (10, 60, 90))
    exiftool(
        utf8, "-IPTC:CodedCharacterSet=UTF8", f"-IPTC:Caption-Abstract={ARABIC_CAPTION}",
        f"-IPTC:City={ARABIC_CITY}", f"-IPTC:Credit={ARABIC_CREDIT}", "-IPTC:By-line=Ivan Photographer",
        f"-IPTC:Headline={WIRE_SLUG}", "-IPTC:Country-PrimaryLocationName=روسيا", "-IPTC:Source=Xinhua",
        "-IPTC:Keywords=روسيا", "-IPTC:Keywords=الولايات المتحدة", "-IPTC:DateCreated=2017:04:12",
        "-IPTC:TimeCreated=18:30:00+03:00",
    )  # fmt: skip
    s["iptc-utf8"] = utf8

    latin = small_jpeg(folder / "iptc-latin1.jpg", (90, 60, 10))
    exiftool(latin, "-charset", "iptc=Latin", f"-IPTC:Caption-Abstract={LATIN1_CAPTION}", "-IPTC:City=São Paulo",
             "-IPTC:Credit=Agência Brasil")  # fmt: skip
    s["iptc-latin1"] = latin

    xmp = small_jpeg(folder / "xmp-only.jpg", (60, 10, 90))
    exiftool(
        xmp, f"-XMP-dc:Description={ARABIC_CAPTION}", "-XMP-dc:Creator=Anna Fotografin",
        f"-XMP-photoshop:Credit={ARABIC_CREDIT}", "-XMP-photoshop:City=Damascus", "-XMP-photoshop:Country=Syria",
        "-XMP-photoshop:Headline=Children in Damascus", "-XMP-photoshop:Source=Wire", "-XMP-dc:Subject=refugees",
        "-XMP-dc:Subject=children",
    )  # fmt: skip
    s["xmp-only"] = xmp

    both = small_jpeg(folder / "both.jpg", (10, 90, 10))
    exiftool(both, "-IPTC:CodedCharacterSet=UTF8", "-IPTC:Caption-Abstract=the IIM caption", "-IPTC:City=IIM City",
             "-IPTC:Credit=IIM Credit", "-XMP-dc:Description=the XMP caption", "-XMP-photoshop:Credit=XMP Credit")  # fmt: skip
    s["both"] = both

    hostile = folder / "hostile"
    hostile.mkdir(exist_ok=True)
    (hostile / "empty.jpg").write_bytes(b"")
    (hostile / "notes.jpg").write_text("Just some text, not a photo.\n", encoding="utf-8")
    data = s["orientation-1"].read_bytes()
    (hostile / "truncated.jpg").write_bytes(data[: len(data) // 2])
    bomb_png(hostile / "bomb.png")
    s.update(empty=hostile / "empty.jpg", text=hostile / "notes.jpg", truncated=hostile / "truncated.jpg",
             bomb=hostile / "bomb.png")  # fmt: skip
    return s
