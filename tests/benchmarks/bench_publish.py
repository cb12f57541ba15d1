"""Publishing a 10,000-story bundle over SFTP to a local sshd, against rsync over the same sshd.

    python -m tests.benchmarks publish          (BENCH_PUBLISH_N=2000 for a quick run)

Medians of interleaved rounds (BENCH_PUBLISH_ROUNDS first publishes, default 3; five after a change).

In one run: the first publish of the bundle to an empty folder, then a publish after one story
changed, each against `rsync -a --checksum` and plain `rsync -a` (over ssh, to folders of their
own on the same server), and the files each one sent.
Budgets: first publish within 1.5x of rsync -a --checksum; after one change faster than both
rsyncs and <= 2 s (the sync; the incremental export before it is reported apart).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workstation.articles.repo import ArticleRepo
from workstation.export import export_bundle
from workstation.publish import Access, sync_bundle, target_for

from tests.benchmarks.bench_export import _library
from tests.sshd_support import SshdUnavailable, start_sshd

N = 10_000
FIRST_BUDGET = 1.5  # our time / rsync -a --checksum
CHANGE_BUDGET = 2.0  # seconds
ROUNDS_FIRST = int(os.environ.get("BENCH_PUBLISH_ROUNDS", 3))
ROUNDS_CHANGE = 5


def _rsync(bundle: Path, sshd, remote: Path, checksum: bool) -> tuple[float, int]:
    """Time and files sent by rsync over ssh to the same server."""
    ssh = (f"ssh -p {sshd.port} -i {sshd.user_key} -o UserKnownHostsFile={sshd.known_hosts} "
           "-o StrictHostKeyChecking=yes -o BatchMode=yes")  # fmt: skip
    args = ["rsync", "-a", "--stats", "-e", ssh] + (["--checksum"] if checksum else [])
    started = time.perf_counter()
    out = subprocess.run([*args, f"{bundle}/", f"{sshd.user}@127.0.0.1:{remote}/"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    seconds = time.perf_counter() - started
    sent = int(re.search(r"Number of regular files transferred: ([\d,]+)", out).group(1).replace(",", ""))
    return seconds, sent


def _ours(bundle: Path, sshd, remote: Path) -> tuple[float, int]:
    target = target_for(sshd.url(remote), Access(sshd.user_key, sshd.known_hosts))
    started = time.perf_counter()
    report = sync_bundle(bundle, target)
    seconds = time.perf_counter() - started
    assert not report.failed, report.failed
    return seconds, len(report.uploaded)


def main() -> int:
    n = int(os.environ.get("BENCH_PUBLISH_N", N))
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        work = Path(tmp)
        try:
            (work / "sshd").mkdir()
            sshd, proc = start_sshd(work / "sshd")
        except SshdUnavailable as exc:
            print(f"skipped: {exc}")
            return 0
        try:
            return _run(n, work, sshd)
        finally:
            proc.terminate()
            proc.wait()


def _run(n: int, work: Path, sshd) -> int:
    library = _library(n, work)
    bundle = work / "bundle"
    started = time.perf_counter()
    export_bundle(library, bundle, cache_dir=work / "cache").wait()
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    print(
        f"bundle: {n:,} stories, {files:,} files, {size / 2**20:.0f} MiB (exported in {time.perf_counter() - started:.1f} s)"
    )

    # Rounds interleave the three, so a change in the machine's load falls on all of them alike.
    first: dict[str, list[tuple[float, int]]] = {"ours": [], "checksum": [], "plain": []}
    for _round in range(ROUNDS_FIRST):
        for name in first:
            remote = work / f"www-{name}"
            shutil.rmtree(remote, ignore_errors=True)
            first[name].append(_ours(bundle, sshd, remote) if name == "ours" else
                               _rsync(bundle, sshd, remote, checksum=name == "checksum"))  # fmt: skip

    repo = ArticleRepo(library)
    with library.engine.connect() as conn:
        docid = conn.exec_driver_sql("SELECT min(id) FROM articles").scalar()
    change: dict[str, list[tuple[float, int]]] = {"ours": [], "checksum": [], "plain": []}
    exports = []
    for i in range(ROUNDS_CHANGE):
        repo.save(docid, repo.get(docid).version, headline=f"عنوان جديد بعد التعديل رقم {i + 1}")
        started = time.perf_counter()
        export_bundle(library, bundle, cache_dir=work / "cache").wait()
        exports.append(time.perf_counter() - started)
        for name in change:
            remote = work / f"www-{name}"
            change[name].append(_ours(bundle, sshd, remote) if name == "ours" else
                                _rsync(bundle, sshd, remote, checksum=name == "checksum"))  # fmt: skip
    library.close()

    def median(runs):
        return statistics.median(t for t, _ in runs), runs[0][1]

    print(f"medians of {ROUNDS_FIRST} interleaved rounds (first publish) and {ROUNDS_CHANGE} (after one change)")
    print(f"{'':20} {'publish (SFTP)':>20} {'rsync -a --checksum':>22} {'rsync -a':>18}")
    for label, runs in (("first publish", first), ("one story changed", change)):
        (a, an), (b, bn), (c, cn) = (median(runs[k]) for k in ("ours", "checksum", "plain"))
        print(f"{label:20} {a:8.2f} s {an:6,} files {b:9.2f} s {bn:6,} files {c:7.2f} s {cn:6,} files")
    print(f"incremental export before each publish after a change: {statistics.median(exports):.2f} s (median)")
    ours, checksum, plain = (median(first[k])[0] for k in ("ours", "checksum", "plain"))
    failed = 0
    ratio = ours / checksum
    print(
        f"first publish / rsync -a --checksum: {ratio:.2f}x (budget <= {FIRST_BUDGET}x); / rsync -a: {ours / plain:.2f}x"
    )
    failed += ratio > FIRST_BUDGET
    ours, checksum, plain = (median(change[k])[0] for k in ("ours", "checksum", "plain"))
    ok = ours < min(checksum, plain) and ours <= CHANGE_BUDGET
    print(f"after one change: {ours:.2f} s vs {min(checksum, plain):.2f} s for the faster rsync "
          f"(budget: faster, and <= {CHANGE_BUDGET} s): {'met' if ok else 'MISSED'}")  # fmt: skip
    failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
