"""Import benchmark: 100,000 Arabic ninjs stories of about 400 words into a new library.

Budget: at most 75 s, and at most 1.5 times a baseline measured in the same run on the
same text (bare SQLite inserts into a plain table, then an FTS5 table built from it).
The imported library is left at bench-data/library-100k.sqlite for the search benchmark.

    make bench BENCH_ARGS=import        (or: python -m tests.benchmarks import)
    BENCH_IMPORT_N=20000 python -m tests.benchmarks import    (a quicker, smaller run)
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import sys
import time
from pathlib import Path

from tests.benchmarks.corpus import BENCH_DATA, DEFAULT_N, corpus_path

BUDGET_SECONDS = 75.0
BUDGET_RATIO = 1.5
LIBRARY = BENCH_DATA / "library-100k.sqlite"


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process, and by its finished children (the import's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def baseline(corpus: Path, db: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to insert the corpus's text into a plain table and build an FTS5 table from it."""
    rows = []
    with corpus.open(encoding="utf-8") as fh:  # parsing is not part of the baseline: done first
        for docid, line in enumerate(fh, 1):
            item = json.loads(line)
            rows.append((docid, item["headline"], item["body_html"], item["byline"], " ".join(item["keywords"])))
    _remove_db(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, headline TEXT, body TEXT, byline TEXT, keywords TEXT)")
    conn.execute(
        "CREATE VIRTUAL TABLE plain_fts USING fts5(headline, body, byline, keywords, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    started, cpu = time.perf_counter(), _cpu()[0]
    for start in range(0, len(rows), 1000):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO plain VALUES (?, ?, ?, ?, ?)", rows[start : start + 1000])
        conn.execute("COMMIT")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO plain_fts (rowid, headline, body, byline, keywords) SELECT * FROM plain")
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - started, _cpu()[0] - cpu
    conn.close()
    _remove_db(db)
    return elapsed, cpu


def import_corpus(corpus: Path | list[Path], target: Path) -> tuple[float, tuple[float, float], dict[str, int]]:
    """Seconds to import the corpus into a new library at target (wall; CPU of the writing process and of
    the parsing workers), and the row counts the library holds."""
    from workstation.library.store import open_library
    from workstation.search.vocabulary import prepare_search
    from workstation.wire.importer import import_files

    partial = target.with_name(target.name + ".partial")
    _remove_db(partial)
    library = open_library(str(partial))
    try:
        prepare_search(library)  # as the CLI and the app do on opening: the import keeps the search vocabulary
        started, (own, children) = time.perf_counter(), _cpu()
        report = import_files(library, corpus if isinstance(corpus, list) else [corpus])
        elapsed = time.perf_counter() - started
        cpu = (_cpu()[0] - own, _cpu()[1] - children)
        if report.refused:
            raise SystemExit(f"the import refused {len(report.refused)} items, e.g. {report.refused[0]}")
        with library.engine.connect() as conn:
            counts = {
                table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                for table in ("articles", "revisions", "article_fts")
            }
    finally:
        library.close()
    _remove_db(target)
    partial.replace(target)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return elapsed, cpu, counts


def main() -> int:
    n = int(os.environ.get("BENCH_IMPORT_N", DEFAULT_N))
    started = time.perf_counter()
    corpus = corpus_path(n)
    print(f"corpus: {n} stories, {corpus.stat().st_size / 1e6:.0f} MB ({time.perf_counter() - started:.1f} s)")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base, base_cpu = baseline(corpus, BENCH_DATA / "baseline.sqlite")
    print(f"baseline (plain inserts + FTS5 build): {base:.1f} s (CPU {base_cpu:.1f} s)")
    target = LIBRARY if n == DEFAULT_N else BENCH_DATA / f"library-{n}.sqlite"
    elapsed, cpu, counts = import_corpus(corpus, target)
    ratio = elapsed / base
    budget = BUDGET_SECONDS * n / DEFAULT_N
    print(f"import: {elapsed:.1f} s ({n / elapsed:.0f} articles/s; CPU {cpu[0]:.1f} s writing, "
          f"{cpu[1]:.1f} s parsing in workers), {ratio:.2f}x the baseline; "
          f"budget {budget:.0f} s and {BUDGET_RATIO}x")  # fmt: skip
    print(f"library: {target} ({target.stat().st_size / 1e6:.0f} MB), rows {counts}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    failed = elapsed > budget or ratio > BUDGET_RATIO or any(v != n for v in counts.values())
    if failed:
        print("FAILED: over budget or rows missing", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
