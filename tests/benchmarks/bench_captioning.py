"""Captioning desk budgets: captioning 50 photos from the keyboard <= 16 ms per keystroke (median);
a gallery of 500 photos scrolls without opening an original.

    python -m tests.benchmarks captioning

The main window in Arabic (1400 x 860) in captioning mode, shortcut expansion installed on the
application and the writing checks underlining the caption as in the app, on a story of 50
ingested photos (2000 x 1333 JPEGs, their 1,200 px previews made by the ingest). Each photo is
captioned as an editor does it: a caption of 13 Arabic words typed one character at a time (one of them the code `=xh=`, expanded as its closing `=` is
typed), then Ctrl+Enter, which keeps the caption and moves to the next photo with its caption
selected and its preview shown. A keystroke is measured from the key event to the end of the
event processing it causes (layout and repaint). Reported: the median and 95th percentile of the
typed characters, of Ctrl+Enter, and of all keystrokes together. `BENCH_CAPTIONING_PHOTOS`
scales the story down.

The scroll check: 500 photos (thumbnails in the cache), the view scrolled page by page to the
end; each page step is timed (pending events included) and no original may be opened.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEYSTROKE_BUDGET_MS = 16.0
PHOTOS = int(os.environ.get("BENCH_CAPTIONING_PHOTOS", "50"))
CAPTION = "التقى الرئيس =xh= نظيره الروسي في موسكو يوم الخميس لبحث العلاقات الثنائية والتعاون"
EXPANDED = CAPTION.replace("=xh=", "شي جين بينغ")


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(values) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, max {ordered[-1] * 1000:.1f} ms"


def _photos(folder: Path, n: int) -> list[Path]:
    from PIL import Image, ImageDraw

    files = []
    for i in range(n):
        image = Image.new("RGB", (2000, 1333), (40 + i * 3 % 200, 90, 160 - i * 2 % 120))
        draw = ImageDraw.Draw(image)
        for k in range(12):
            draw.ellipse((80 + k * 150, 100 + (i * 37 + k * 53) % 900, 220 + k * 150, 240 + (i * 37 + k * 53) % 900),
                         fill=((i * 11 + k * 29) % 256, (k * 71) % 256, (i * 5) % 256))  # fmt: skip
        path = folder / f"photo-{i + 1:03d}.jpg"
        image.save(path, quality=88)
        files.append(path)
    return files


def captioning(app, folder: Path) -> tuple[list[float], list[float]]:
    """Seconds per typed character and per Ctrl+Enter, captioning the story's photos one after another."""
    from PySide6.QtCore import QEvent, QSettings, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest

    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import open_library
    from workstation.photos.gallery import GalleryRepo
    from workstation.photos.ingest import ingest
    from workstation.shortcuts.codes import ShortcutRepo

    from ui.i18n import Translations
    from ui.main_window import MainWindow
    from ui.shortcuts.expander import ShortcutExpander

    library = open_library(str(folder / "captions.sqlite"))
    cache = folder / "thumbs"
    camera = folder / "camera"
    camera.mkdir()
    docid = ArticleRepo(library).create(section="world", headline="زيارة رسمية").docid
    started = time.perf_counter()
    report = ingest(library, docid, _photos(camera, PHOTOS), cache_dir=cache)
    assert len(report.added) == PHOTOS, report.refused
    print(f"ingested {PHOTOS} photos of 2000 x 1333 in {time.perf_counter() - started:.1f} s", flush=True)
    ShortcutRepo(library).set({"xh": "شي جين بينغ"})
    expander = ShortcutExpander(lambda: ShortcutRepo(library).table(), app)
    expander.install(app)

    Translations(app).install("ar")
    settings = QSettings(str(folder / "workstation.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings, "ar")
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    window._open(docid)
    window.set_captioning_mode(True)
    app.processEvents()
    panel = window.gallery
    caption = panel.editor.caption
    app.processEvents()

    typed, nexts = [], []
    for n in range(PHOTOS):
        assert panel.view.currentIndex().row() == n
        for ch in CAPTION:
            t = time.perf_counter()
            app.sendEvent(
                caption, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
            app.sendEvent(
                caption, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
            app.processEvents()
            typed.append(time.perf_counter() - t)
        t = time.perf_counter()
        QTest.keyClick(caption, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # through the shortcut map
        app.processEvents()
        nexts.append(time.perf_counter() - t)
    captions = [i.caption for i in GalleryRepo(library).items(docid)]
    assert captions == [EXPANDED] * PHOTOS, f"captions kept: {captions[:3]}…"
    window.close()
    window.deleteLater()
    app.processEvents()
    app.removeEventFilter(expander)
    library.close()
    return typed, nexts


def scrolling(app, folder: Path, count: int = 500) -> tuple[list[float], list[str], float]:
    """Seconds per page step scrolling a gallery of `count` photos to its end, the originals opened,
    and the seconds until the last photo's thumbnail is shown."""
    from PIL import Image
    from sqlalchemy import insert

    from workstation.articles.repo import ArticleRepo
    from workstation.clock import utcnow
    from workstation.library.models import GalleryItem, Photo
    from workstation.library.store import open_library
    from workstation.photos.files import photo_path
    from workstation.photos.renditions import thumb_path

    from ui.gallery import GalleryPanel

    library = open_library(str(folder / "album.sqlite"))
    cache = folder / "album-thumbs"
    docid = ArticleRepo(library).create(headline="ألبوم").docid
    now, photos, items = utcnow(), [], []
    for n in range(count):
        sha = f"{n:064x}"
        thumb = thumb_path(cache, sha)
        thumb.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (320, 213), (n % 256, 80, 160)).save(thumb, quality=70)
        original = photo_path(library, sha, "jpg")
        original.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (96, 64)).save(original)
        photos.append(dict(sha256=sha, filename=f"{n}.jpg", ext="jpg", bytes=1, width=6000, height=4000,
                           orientation=1, taken_at=None, meta={}, added_at=now))  # fmt: skip
        items.append(dict(article_id=docid, photo_sha256=sha, position=n + 1, caption=f"صورة {n}", alt="", credit="",
                          slug=""))  # fmt: skip
    with library.sessions.begin() as session:
        session.execute(insert(Photo), photos)
        session.execute(insert(GalleryItem), items)

    opened: list[str] = []
    originals = str(photo_path(library, "0" * 64, "jpg").parent.parent)
    real_open = Image.open

    def watched_open(fp, *args, **kwargs):
        if str(fp).startswith(originals):
            opened.append(str(fp))
        return real_open(fp, *args, **kwargs)

    Image.open = watched_open
    try:
        panel = GalleryPanel(library, cache_dir=cache)
        panel.resize(1400, 860)
        panel.set_article(docid)
        panel.show()
        app.processEvents()
        bar = panel.view.verticalScrollBar()
        steps = []
        started = time.perf_counter()
        while bar.value() < bar.maximum():
            t = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            app.processEvents()
            steps.append(time.perf_counter() - t)
        last = panel.model.record(count - 1).sha256
        while panel.thumbnails.icon(last, "jpg") is None:
            app.processEvents()
            if time.perf_counter() - started > 30:
                raise RuntimeError("the last thumbnail never came")
        shown = time.perf_counter() - started
        panel.shutdown()
        panel.close()
        panel.deleteLater()
    finally:
        Image.open = real_open
        library.close()
    return steps, opened, shown


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from workstation.paths import resources_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    for font in (resources_dir() / "fonts").glob("*.ttf"):
        QFontDatabase.addApplicationFont(str(font))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for kind in ("DATA", "CACHE", "CONFIG", "LOG"):
            os.environ[f"WORKSTATION_{kind}_DIR"] = str(folder / "user" / kind.lower())
        typed, nexts = captioning(app, folder)
        words = len(CAPTION.split())
        print(f"captioned {PHOTOS} photos, {words} words ({len(CAPTION)} keystrokes) and Ctrl+Enter each")
        print(f"typing, one character: {_ms(typed)}")
        print(f"Ctrl+Enter, caption kept and the next photo shown: {_ms(nexts)}")
        median = statistics.median(typed + nexts) * 1000
        print(f"every keystroke: {_ms(typed + nexts)} (budget: median <= {KEYSTROKE_BUDGET_MS:.0f} ms)")
        if median > KEYSTROKE_BUDGET_MS:
            print(f"FAIL: a keystroke takes {median:.2f} ms at the median", file=sys.stderr)
            failed = True

        steps, opened, shown = scrolling(app, folder)
        print(f"500 photos scrolled in {len(steps)} page steps: {_ms(steps)}; last thumbnail shown after {shown:.2f} s")
        if opened:
            print(f"FAIL: scrolling opened {len(opened)} originals, e.g. {opened[0]}", file=sys.stderr)
            failed = True
        else:
            print("no original opened while scrolling")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
