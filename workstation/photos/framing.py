"""How a gallery item frames its photo: turned without touching the file, cropped around a focal point."""

from __future__ import annotations

from PIL import Image

_TRANSPOSE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def turned_size(width: int, height: int, rotate: int) -> tuple[int, int]:
    """The size of an upright photo once turned clockwise by `rotate` degrees."""
    return (height, width) if rotate in (90, 270) else (width, height)


def turn(image: Image.Image, rotate: int) -> Image.Image:
    """The image turned clockwise by 0, 90, 180 or 270 degrees (a new image; the same one for 0)."""
    return image.transpose(_TRANSPOSE[rotate]) if rotate in _TRANSPOSE else image


def crop_box(
    width: int, height: int, aspect: float, focus: tuple[float, float] | None = None
) -> tuple[int, int, int, int]:
    """The largest box of this aspect (width / height) inside the photo, centred on the focal
    point (fractions 0-1; None: the centre) as far as the photo's edges allow: (left, top, right, bottom)."""
    fx, fy = focus if focus is not None else (0.5, 0.5)
    if width / height > aspect:  # the photo is wider: keep the full height
        box_w, box_h = max(1, round(height * aspect)), height
    else:
        box_w, box_h = width, max(1, round(width / aspect))
    left = min(max(round(fx * width - box_w / 2), 0), width - box_w)
    top = min(max(round(fy * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h
