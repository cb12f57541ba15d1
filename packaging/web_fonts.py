"""Builds the exported site's web fonts and the fallback faces that keep its layout still.

    python packaging/web_fonts.py

Needs fontTools with brotli and uharfbuzz (the `test` extra). Writes, from the bundled
Noto Naskh Arabic TTFs:
- resources/fonts/NotoNaskhArabic-<Weight>.subset.woff2: the glyphs Arabic news text needs
  (Arabic, its legacy presentation forms, the font's digits and punctuation, bidi and joining
  controls), every OpenType feature kept so Arabic still shapes, hinting dropped;
- resources/static/fonts.css: their @font-face rules and, for each weight, a fallback face over
  a common local font whose `size-adjust`, `ascent-override`, `descent-override` and
  `line-gap-override` are computed from both fonts, so text set in the fallback while the web font
  loads takes the room it will take in the web font (no layout shift when it swaps in).

The outputs are committed: an export never runs this, only a change of font does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
CSS = ROOT / "resources" / "static" / "fonts.css"
FAMILY = "Noto Naskh Arabic"
FALLBACK_FAMILY = "Naskh Fallback"
WEIGHTS = {400: "Regular", 700: "Bold"}
# Code points kept: basic Latin punctuation and digits the font has, Latin-1 guillemets and
# no-break space, Arabic, Arabic Supplement, the joining and direction marks, and Arabic
# Presentation Forms-B (old wire copy is sometimes typed in them).
RANGES = ((0x20, 0x7E), (0xA0, 0xBB), (0x600, 0x6FF), (0x750, 0x77F), (0x200B, 0x2011), (0x204F, 0x204F),
          (0xFE70, 0xFEFF))  # fmt: skip
# The local fonts a reader's system is likely to fall back to for Arabic, with a file to measure:
# (local() names, weight, font file). Debian's and most Linux desktops' Arabic fallback is DejaVu Sans.
FALLBACKS = (
    (("DejaVu Sans", "DejaVuSans"), 400, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    (("DejaVu Sans Bold", "DejaVuSans-Bold"), 700, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


def sample_text() -> str:
    """Arabic news text to measure average widths with: the sample story's headline and body."""
    import html
    import re

    story = json.loads((ROOT / "resources" / "sample" / "story.json").read_text("utf-8"))["article"]
    body = html.unescape(re.sub(r"<[^>]+>", " ", story.get("body", "")))
    return " ".join((story.get("headline", ""), body)).strip()


def shaped_width(font_path: str, text: str) -> float:
    """The advance of `text` shaped right to left by HarfBuzz, in ems of the font."""
    import uharfbuzz as hb

    blob = hb.Blob.from_file_path(font_path)
    face = hb.Face(blob)
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return sum(p.x_advance for p in buf.glyph_positions) / face.upem


def vertical_metrics(font_path: str) -> tuple[float, float, float]:
    """Ascent, descent and line gap (ems) as browsers take them: OS/2 typo metrics when the font
    says to use them, else hhea."""
    from fontTools.ttLib import TTFont

    font = TTFont(font_path, lazy=True)
    upem = font["head"].unitsPerEm
    os2 = font["OS/2"]
    if os2.fsSelection & (1 << 7):
        values = os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap
    else:
        values = font["hhea"].ascent, -font["hhea"].descent, font["hhea"].lineGap
    return tuple(v / upem for v in values)


def overrides(web: str, fallback: str, text: str) -> dict[str, str]:
    """The fallback face's descriptors: scaled to the web font's width, with its vertical metrics."""
    size = shaped_width(web, text) / shaped_width(fallback, text)
    ascent, descent, gap = vertical_metrics(web)
    pct = lambda v: f"{v * 100:.2f}%"  # noqa: E731
    return {"size-adjust": pct(size), "ascent-override": pct(ascent / size),
            "descent-override": pct(descent / size), "line-gap-override": pct(gap / size)}  # fmt: skip


def unicode_range(font_path: Path) -> str:
    """The code points a font maps, as a CSS unicode-range. A fallback face covers exactly these,
    the space included (so it is the first available font, whose metrics set the line height),
    and no other: a character the web font lacks comes from the same font before and after it loads."""
    from fontTools.ttLib import TTFont

    points = sorted(c for c in TTFont(str(font_path)).getBestCmap() if c >= 0x20)
    spans: list[list[int]] = []
    for c in points:
        if spans and c == spans[-1][1] + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in spans)


def subset(source: Path, target: Path) -> None:
    """Writes the WOFF2 subset of one weight."""
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]  # copyright, licence and font names stay (OFL)
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = ft_subset.load_font(str(source), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    font["head"].modified = font["head"].created  # the same input always gives the same bytes
    ft_subset.save_font(font, str(target), options)


def main() -> int:
    text = sample_text()
    rules = ["/* Generated by packaging/web_fonts.py from the Noto Naskh Arabic fonts (SIL OFL 1.1, fonts/OFL.txt). */"]
    for weight, name in WEIGHTS.items():
        source = FONTS / f"NotoNaskhArabic-{name}.ttf"
        target = FONTS / f"NotoNaskhArabic-{name}.subset.woff2"
        subset(source, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; src: url("fonts/{target.name}") format("woff2"); '
                     f"font-weight: {weight}; font-display: swap; }}")  # fmt: skip
    for names, weight, path in FALLBACKS:
        if not Path(path).is_file():
            print(f"cannot measure the fallback {names[0]}: {path} is missing", file=sys.stderr)
            return 2
        web = str(FONTS / f"NotoNaskhArabic-{WEIGHTS[weight]}.ttf")
        local = ", ".join(f'local("{n}")' for n in names)
        descriptors = "; ".join(f"{k}: {v}" for k, v in overrides(web, path, text).items())
        covered = unicode_range(FONTS / f"NotoNaskhArabic-{WEIGHTS[weight]}.subset.woff2")
        rules.append(f'@font-face {{ font-family: "{FALLBACK_FAMILY}"; src: {local}; font-weight: {weight}; '
                     f"unicode-range: {covered}; {descriptors}; }}")  # fmt: skip
    CSS.write_text("\n".join(rules) + "\n", "utf-8")
    print(f"{CSS.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
