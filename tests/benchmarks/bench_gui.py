"""Desktop app budgets: main window shown <= 1.5 s on 100,000 articles; switching articles <= 100 ms.

    python -m tests.benchmarks gui

Two libraries of 100,000 articles: the import benchmark's (bench-data/library-100k.sqlite,
the wire corpus spread over the 16 sections, with its search index; built here by the
import if missing) and one with all 100,000 in a single section (built here, without a
search index), the list's worst case.

- Start: a new process from interpreter start to the main window exposed and painted,
  opening the library, its section tree with counts, the first page of the section and
  the newest article in the editor (median of 5; the OS file cache is warm).
- Switch: choosing the next article in the list until the editor and the photo panel
  show it, pending events included (median and 95th percentile of 60 switches).
- Scroll: each page fetched while the list is scrolled to the bottom (median, max), and
  re-sorting the 100,000-article section by status and headline (reported, not budgeted).
- Filter: a search typed in the filter box on the imported library (reported).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.corpus import BENCH_DATA, items  # noqa: E402

START_BUDGET_S = 1.5
SWITCH_BUDGET_MS = 100.0
PAGE_BUDGET_MS = 50.0
N = 100_000
IMPORTED = BENCH_DATA / "library-100k.sqlite"
ONE_SECTION = BENCH_DATA / "gui-100k-one-section.sqlite"


# -- libraries -------------------------------------------------------------------------------------
def one_section_library(path: Path = ONE_SECTION, n: int = N) -> Path:
    """A library with n corpus stories all filed in 'world' (bulk inserts, no search index)."""
    if path.exists():
        return path
    from sqlalchemy import insert, select

    from workstation.library.models import Article, Section
    from workstation.library.store import open_library

    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    library = open_library(str(partial))
    with library.engine.begin() as conn:
        world = conn.execute(select(Section.id).where(Section.slug == "world")).scalar_one()
        batch = []
        for i, item in enumerate(items(n)):
            when = datetime.strptime(item["firstcreated"], "%Y-%m-%dT%H:%M:%S+0000")
            statuses = ("published", "published", "ready", "draft")
            batch.append(dict(
                id=130_000_000 + i, section_id=world, headline=item["headline"], subheadline="",
                dateline_city=item["located"], dateline_at=when, dateline_agency="شينخوا", byline=item["byline"],
                source_title="", keywords=item["keywords"], body=item["body_html"], status=statuses[i % 4],
                uri=item["uri"], created_at=when, updated_at=when, published_at=when if i % 4 < 2 else None, version=1,
            ))  # fmt: skip
            if len(batch) == 2000:
                conn.execute(insert(Article), batch)
                batch.clear()
        if batch:
            conn.execute(insert(Article), batch)
    library.close()
    partial.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return path


def imported_library() -> Path:
    """The import benchmark's library (running that benchmark if it is missing)."""
    if not IMPORTED.exists():
        from tests.benchmarks import bench_import

        bench_import.main()
    return IMPORTED


# -- start-up, in a process of its own ----------------------------------------------------------------
def _child(library: str, config: str) -> int:
    """Opens the app on `library` as `workstation --db` does; prints 'shown' once the window is painted,
    then 'article' once the newest article is in the editor."""
    os.environ["WORKSTATION_CONFIG_DIR"] = config
    from PySide6.QtWidgets import QApplication

    from workstation.paths import AppPaths

    from ui.app import start_app

    app = QApplication(sys.argv[:1])
    started = start_app(app, AppPaths.from_environment(), library)
    window = started.window
    while not window.windowHandle().isExposed():
        app.processEvents()
    window.repaint()
    print("shown", flush=True)
    while window.editor.current_docid() is None:
        app.processEvents()
    window.editor.repaint()
    print("article", flush=True)
    window.close()
    started.library.close()
    return 0


def start_seconds(library: Path, section: str | None, runs: int = 5) -> tuple[list[float], list[float], list[float]]:
    """Seconds from process start to the main window shown and to its first article open, and the
    CPU seconds of the whole process (start to exit), one of each per run."""
    shown, opened, cpu = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(runs):
            config = Path(scratch) / "config"
            config.mkdir(exist_ok=True)
            ini = config / "workstation.ini"
            ini.write_text(f"[library]\nsection={section}\n" if section else "", encoding="utf-8")
            env = {**os.environ, "WORKSTATION_DATA_DIR": scratch, "WORKSTATION_CACHE_DIR": scratch,
                   "WORKSTATION_LOG_DIR": scratch}  # fmt: skip
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.bench_gui", "--child", str(library),
                                      str(config)], stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
            lines = []
            for times in (shown, opened):
                lines.append(child.stdout.readline().strip())
                times.append(time.perf_counter() - started)
            _pid, _status, usage = os.wait4(child.pid, 0)
            child.returncode = 0
            cpu.append(usage.ru_utime + usage.ru_stime)
            if lines != ["shown", "article"]:
                raise RuntimeError(f"the app did not start on {library}")
    return shown, opened, cpu


# -- in one window ----------------------------------------------------------------------------------
def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def in_window(library_path: Path, section: str) -> dict[str, list[float]]:
    """Switch, scroll and sort timings in a main window on the library."""
    from PySide6.QtCore import QModelIndex, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from workstation.library.store import open_library

    from ui.i18n import Translations, load_fonts
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts(app)
    Translations(app).install("ar")
    out: dict[str, list[float]] = {"switch": [], "page": [], "sort": []}
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["WORKSTATION_CACHE_DIR"] = scratch
        settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("library/section", section)
        library = open_library(str(library_path))
        window = MainWindow(library, settings, "ar")
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        model, panel = window.list_model, window.articles
        for row in range(1, 61):
            docid = model.docid(row)
            started = time.perf_counter()
            panel.select(docid)
            app.processEvents()
            out["switch"].append(time.perf_counter() - started)
            assert window.editor.current_docid() == docid
        for _ in range(25):
            rows = model.rowCount()
            panel.table.scrollToBottom()
            started = time.perf_counter()
            app.processEvents()  # the view asks for more when it reaches the end
            if model.rowCount() == rows:
                model.fetchMore(QModelIndex())
                app.processEvents()
            out["page"].append(time.perf_counter() - started)
        for column in (model.STATUS, model.HEADLINE, model.DATE):
            started = time.perf_counter()
            panel.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            app.processEvents()
            out["sort"].append(time.perf_counter() - started)
        window.close()
        library.close()
    return out


def filter_ms(library_path: Path, query: str, section: str) -> float:
    """Milliseconds for a filter typed in the list to show its first page."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from workstation.library.store import open_library

    from ui.article_list import ArticleListModel
    from ui.undo import CommandRunner

    QApplication.instance() or QApplication(sys.argv[:1])
    library = open_library(str(library_path))
    model = ArticleListModel(library, CommandRunner(QUndoStack()))
    model.set_section(section)
    started = time.perf_counter()
    model.set_filter(query)
    elapsed = time.perf_counter() - started
    print(f"  filter '{query}' in {section}: {model.total} found, first page in {_ms(elapsed)}")
    library.close()
    return elapsed


def main() -> int:
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    one = one_section_library()
    imported = imported_library()
    failed = False
    for label, path, section in (("imported, 16 sections", imported, None), ("one section of 100,000", one, "world")):
        shown, opened, cpu = start_seconds(path, section)
        median = statistics.median(shown)
        failed |= median > START_BUDGET_S
        print(f"start ({label}): window shown, median {median:.2f} s (runs {' '.join(f'{t:.2f}' for t in shown)}); "
              f"newest article open {statistics.median(opened):.2f} s; CPU of the whole process "
              f"{statistics.median(cpu):.2f} s; budget {START_BUDGET_S} s (shown)")  # fmt: skip
    timings = in_window(one, "world")
    switch = sorted(timings["switch"])
    median, p95 = statistics.median(switch), switch[int(len(switch) * 0.95) - 1]
    failed |= median * 1000 > SWITCH_BUDGET_MS
    print(f"switch articles: median {_ms(median)}, 95th percentile {_ms(p95)}, max {_ms(switch[-1])}; "
          f"budget {SWITCH_BUDGET_MS:.0f} ms (median)")  # fmt: skip
    pages = timings["page"]
    failed |= statistics.median(pages) * 1000 > PAGE_BUDGET_MS
    print(f"scroll, one page of 200 rows: median {_ms(statistics.median(pages))}, max {_ms(max(pages))}; "
          f"budget {PAGE_BUDGET_MS:.0f} ms (median)")  # fmt: skip
    print("sort 100,000 (status, headline, date): " + ", ".join(_ms(t) for t in timings["sort"]))
    filter_ms(imported, "الأمم المتحدة", "world")
    filter_ms(imported, "مجلس الامن", "middle-east")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if failed:
        print("FAILED: over budget", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[2], sys.argv[3]))
    sys.exit(main())
