"""The newsroom library on PostgreSQL: many editors at once, live changes, import and search against SQLite.

    make bench BENCH_ARGS=newsroom        (or: python -m tests.benchmarks newsroom)

A throw-away PostgreSQL server (Debian's `postgresql`) is started for the run, as in the tests.
1. BENCH_NEWSROOM_EDITORS (20) editor processes work for BENCH_NEWSROOM_SECONDS (60): each
   opens an article, edits its headline and body, saves with the version it read, re-reads its
   section's list, pauses about as long as an editor's autosave waits (0.5-1.5 s), and again;
   half of them work on the same 10 articles. Reported: p50/p95 of save and list refresh, the
   saves refused as stale, and the check that no update was lost (every article's text is the
   last save that was accepted, and its version counts every accepted save).
2. The watch latency: a save's commit to the event's arrival, on PostgreSQL and on SQLite.
3. BENCH_NEWSROOM_N (100,000) stories of the benchmark corpus imported into PostgreSQL and
   into SQLite, and the search benchmark's queries on both (p50/p95, 20 hits with snippets).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.corpus import corpus_path

EDITORS = int(os.environ.get("BENCH_NEWSROOM_EDITORS", 20))
SECONDS = float(os.environ.get("BENCH_NEWSROOM_SECONDS", 60))
N = int(os.environ.get("BENCH_NEWSROOM_N", 100_000))
SHARED = 10  # articles half of the editors share
WATCH_SAMPLES = 20
# Budgets: the watch latency; saves and list refreshes are reported.
WATCH_BUDGET = {"postgresql": 1.0, "sqlite": 2.0}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


# -- 1. editors ----------------------------------------------------------------------------------------
def editor(url: str, number: int, docids: list[int], seconds: float, photos: str, out) -> None:
    """One editor's loop, in a process of its own; puts (saves, refusals, save ms, list ms) on `out`."""
    from workstation.articles.listing import Listing, ListQuery
    from workstation.articles.repo import ArticleRepo
    from workstation.errors import ConflictError
    from workstation.library.store import open_library

    library = open_library(url, default_photos_dir=Path(photos), editor=f"editor-{number}")
    repo, listing = ArticleRepo(library), Listing(library)
    rng = random.Random(number)
    saves, refused, save_ms, list_ms = [], 0, [], []
    deadline = time.monotonic() + seconds
    k = 0
    while time.monotonic() < deadline:
        docid = rng.choice(docids)
        record = repo.get(docid)
        k += 1
        token = f"e{number}-{k}"
        started = time.perf_counter()
        try:
            saved = repo.save(docid, record.version, headline=f"خبر {token}", body=f"<p>نص المحرر {token}</p>")
        except ConflictError:
            refused += 1
        else:
            saves.append((docid, saved.version, token))
        save_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        listing.page(ListQuery(section=record.section), limit=200)
        list_ms.append((time.perf_counter() - started) * 1000)
        time.sleep(rng.uniform(0.5, 1.5))
    library.close()
    out.put((saves, refused, save_ms, list_ms))


def editors_run(url: str, photos: str) -> bool:
    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import open_library

    library = open_library(url, default_photos_dir=Path(photos))
    repo = ArticleRepo(library)
    shared = [repo.create(section="world", headline=f"خبر مشترك {i}").docid for i in range(SHARED)]
    own = {n: [repo.create(section="china", headline=f"خبر المحرر {n}").docid for _ in range(3)]
           for n in range(EDITORS // 2, EDITORS)}  # fmt: skip
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    procs = [context.Process(target=editor, args=(url, n, shared if n < EDITORS // 2 else own[n], SECONDS, photos, out))
             for n in range(EDITORS)]  # fmt: skip
    for proc in procs:
        proc.start()
    results = [out.get(timeout=SECONDS + 120) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
    saves = [s for r in results for s in r[0]]
    refused = sum(r[1] for r in results)
    save_ms = [m for r in results for m in r[2]]
    list_ms = [m for r in results for m in r[3]]
    last: dict[int, tuple[int, str]] = {}
    accepted: dict[int, int] = {}
    for docid, version, token in saves:
        accepted[docid] = accepted.get(docid, 0) + 1
        if version > last.get(docid, (0, ""))[0]:
            last[docid] = (version, token)
    lost = []
    for docid, (version, token) in last.items():
        record = repo.get(docid)
        if record.version != version or token not in record.headline or record.version != 1 + accepted[docid]:
            lost.append(docid)
    library.close()
    print(f"{EDITORS} editors for {SECONDS:.0f} s: {len(saves)} saves accepted, {refused} refused as stale "
          f"({refused / max(1, refused + len(saves)):.0%}), {len(save_ms)} list refreshes")  # fmt: skip
    print(f"  save: p50 {p(save_ms, 0.5):.1f} ms, p95 {p(save_ms, 0.95):.1f} ms")
    print(f"  list refresh (a section's first 200 rows): p50 {p(list_ms, 0.5):.1f} ms, p95 {p(list_ms, 0.95):.1f} ms")
    print(f"  lost updates: {len(lost)} of {len(last)} articles checked" + (f" (FAILED: {lost})" if lost else ""))
    return not lost


# -- 2. watch latency --------------------------------------------------------------------------------------
def watch_latency(location: str, photos: str) -> list[float]:
    """Seconds from the start of a save to its event reaching a watcher that polls on its own, WATCH_SAMPLES times."""
    import threading

    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import open_library

    library = open_library(location, default_photos_dir=Path(photos))
    watcher = open_library(location, default_photos_dir=Path(photos))
    repo = ArticleRepo(library)
    docid = repo.create(headline="للمراقبة").docid
    feed = watcher.backend.change_feed(watcher.engine)
    arrived: dict[int, float] = {}
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            for event in feed.poll(0.5):
                if event["event"] == "article.saved" and event["docid"] == docid:
                    arrived[event["version"]] = time.perf_counter()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    committed: dict[int, float] = {}
    for i in range(WATCH_SAMPLES):
        time.sleep(random.uniform(0.1, 0.6))  # not in step with the poller
        version = repo.get(docid).version
        started = time.perf_counter()  # the save's own time is counted in: an upper bound
        repo.save(docid, version, headline=f"للمراقبة {i}")
        committed[version + 1] = started
    deadline = time.monotonic() + 5
    while len(arrived) < len(committed) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=5)
    feed.close()
    library.close(), watcher.close()
    missing = set(committed) - set(arrived)
    if missing:
        raise SystemExit(f"FAILED: no event within 5 s for versions {sorted(missing)}")
    return [arrived[v] - committed[v] for v in committed]


# -- 3. import and search ----------------------------------------------------------------------------------
def import_and_search(locations: dict[str, str], photos: str) -> None:
    from workstation.library.store import open_library
    from workstation.search.query import search
    from workstation.wire.importer import import_files

    from tests.benchmarks.bench_search import QUERIES

    corpus = corpus_path(N)
    times: dict[str, float] = {}
    for name, location in locations.items():
        library = open_library(location, default_photos_dir=Path(photos))
        started = time.perf_counter()
        report = import_files(library, [corpus])
        times[name] = time.perf_counter() - started
        if report.refused:
            print(f"  {name}: {len(report.refused)} refused, e.g. {report.refused[0]}")
        queries = [q for group in QUERIES.values() for q in group]
        for q in queries:
            search(library, q)  # warm-up
        ms, totals = [], {}
        for _ in range(3):
            for q in queries:
                started = time.perf_counter()
                result = search(library, q, limit=20)
                ms.append((time.perf_counter() - started) * 1000)
                totals[q] = result.total
        library.close()
        print(f"  {name}: import {times[name]:.1f} s ({N / times[name]:,.0f} articles/s); "
              f"search p50 {p(ms, 0.5):.1f} ms, p95 {p(ms, 0.95):.1f} ms over {len(ms)} searches")  # fmt: skip
        locations[name] = totals  # type: ignore[assignment]
    print(f"  PostgreSQL import / SQLite import: {times['postgresql'] / times['sqlite']:.2f}x")
    differ = [q for q in locations["sqlite"] if locations["sqlite"][q] != locations["postgresql"][q]]
    print(f"  totals differing between the backends: {len(differ)}" + (f" {differ}" if differ else ""))


def main() -> int:
    from tests.pg_support import PostgresUnavailable, start_postgres

    try:
        server = start_postgres(max_connections=EDITORS * 6 + 20)
    except PostgresUnavailable as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    ok = True
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            photos = str(Path(tmp) / "photos")
            ok &= editors_run(server.url(server.new_database()), photos)
            for name, location in (("postgresql", server.url(server.new_database())),
                                   ("sqlite", str(Path(tmp) / "watch.sqlite"))):  # fmt: skip
                latencies = watch_latency(location, photos)
                budget = WATCH_BUDGET[name]
                met = max(latencies) <= budget
                ok &= met
                print(f"watch latency, {name}: p50 {p(latencies, 0.5) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
                      f"(budget {budget:.0f} s: {'met' if met else 'MISSED'})")  # fmt: skip
            print(f"import and search, {N} stories:")
            import_and_search({"postgresql": server.url(server.new_database()),
                               "sqlite": str(Path(tmp) / "import.sqlite")}, photos)  # fmt: skip
    finally:
        server.stop()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
