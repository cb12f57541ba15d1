"""Publishing a 10,000-story bundle over SFTP to a local sshd, against rsync over the same sshd.

    python -m tests.benchmarks publish          (BENCH_PUBLISH_N=2000 for a quick run)

In one run: the first publish of the bundle to an empty folder, then a publish after one story
changed, each against `rsync -a --checksum` and plain `rsync -a` (over ssh, to folders of their
own on the same server), and the files each one sent.
Budgets: first publish within 1.5x of rsync -a --checksum; after one change faster than both
rsyncs and <= 2 s (the sync; the incremental export before it is reported apart).
"""

from __future__ import annotations

import os
import re
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

    ours_first, ours_first_sent = _ours(bundle, sshd, work / "www-ours")
    sum_first, sum_first_sent = _rsync(bundle, sshd, work / "www-checksum", checksum=True)
    plain_first, plain_first_sent = _rsync(bundle, sshd, work / "www-plain", checksum=False)

    repo = ArticleRepo(library)
    docid = min(repo.library.engine.connect().exec_driver_sql("SELECT id FROM articles").scalars())
    repo.save(docid, repo.get(docid).version, headline="عنوان جديد بعد التعديل")
    started = time.perf_counter()
    export_bundle(library, bundle, cache_dir=work / "cache").wait()
    export_seconds = time.perf_counter() - started
    ours_change, ours_change_sent = _ours(bundle, sshd, work / "www-ours")
    sum_change, sum_change_sent = _rsync(bundle, sshd, work / "www-checksum", checksum=True)
    plain_change, plain_change_sent = _rsync(bundle, sshd, work / "www-plain", checksum=False)
    library.close()

    rows = [
        ("first publish", ours_first, ours_first_sent, sum_first, sum_first_sent, plain_first, plain_first_sent),
        ("one story changed", ours_change, ours_change_sent, sum_change, sum_change_sent, plain_change,
         plain_change_sent),
    ]  # fmt: skip
    print(f"{'':20} {'publish (SFTP)':>20} {'rsync -a --checksum':>22} {'rsync -a':>18}")
    for name, a, an, b, bn, c, cn in rows:
        print(f"{name:20} {a:8.2f} s {an:6,} files {b:9.2f} s {bn:6,} files {c:7.2f} s {cn:6,} files")
    print(f"incremental export before the second publish: {export_seconds:.2f} s")
    ratio = ours_first / sum_first
    failed = 0
    print(f"first publish / rsync -a --checksum: {ratio:.2f}x (budget <= {FIRST_BUDGET}x); "
          f"/ rsync -a: {ours_first / plain_first:.2f}x")  # fmt: skip
    failed += ratio > FIRST_BUDGET
    ok = ours_change < min(sum_change, plain_change) and ours_change <= CHANGE_BUDGET
    print(f"after one change: {ours_change:.2f} s vs {min(sum_change, plain_change):.2f} s for the faster rsync "
          f"(budget: faster, and <= {CHANGE_BUDGET} s): {'met' if ok else 'MISSED'}")  # fmt: skip
    failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
