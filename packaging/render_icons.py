"""Renders the app icon's PNG sizes from its SVG with Qt's own SVG renderer.

    python packaging/render_icons.py

Writes resources/icons/app/workstation-<size>.png for every size in SIZES; the PNGs are
committed, so a build never needs this step, only a changed SVG does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 180, 256, 512)  # 180: the touch icon of exported pages
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app"


def render(svg: Path, out_dir: Path, sizes=SIZES) -> list[Path]:
    """Renders `svg` at each size into out_dir/workstation-<size>.png; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file.")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"workstation-{size}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"Cannot write {path}.")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in render(ICON_DIR / "workstation.svg", ICON_DIR):
        print(path.name)
    sys.exit(0)
