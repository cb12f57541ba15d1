"""Soak: processes import, ingest (sharing files), export and back up at random against one library,
and some are killed with SIGKILL at random moments.

    python -m tests.benchmarks soak        (BENCH_SOAK_SECONDS=120 for a short run; default 600)

Four commands run at any time, each a `workstation` process of its own; about one in four is
killed at a random moment of its first four seconds. At the end, for the run to pass:
- `workstation check` finds the library sound (every photo file there, positions 1..n, the
  search index whole), and no staged copy is left in the incoming folder after it;
- no process the run started is left (workers included: they carry the run's marker);
- nothing acknowledged is lost: every story of an import that exited 0 is in the library, every
  photo of an ingest that exited 0 is in its story's gallery, every export that exited 0 matches
  its manifest, and every backup that exited 0 opens and checks sound.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.library.models import Article, GalleryItem
from workstation.library.store import open_library

from tests.benchmarks import corpus

DURATION = 600.0
SLOTS = 4
KILL_SHARE = 0.25
STORIES = 6  # the stories photos are added to
PHOTOS = 10  # files shared by every ingest
IMPORT_FILES = 12
STORIES_A_FILE = 40
EXPORT_TARGETS = SLOTS  # one per running export at most, so each can be checked when it ends


@dataclass
class Job:
    """One command of the run."""

    kind: str
    process: subprocess.Popen
    started: float
    kill_at: float | None
    ack: object = None  # what it promises once it exits 0
    target: Path | None = None
    killed: bool = False
    err: str = field(default="")


def _photos(folder: Path, rng: random.Random) -> list[Path]:
    folder.mkdir(parents=True)
    made = []
    for n in range(PHOTOS):
        image = Image.new("RGB", (1600, 1067), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y = rng.randrange(1500), rng.randrange(1000)
            draw.ellipse([x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)], fill=(rng.randrange(256),) * 3)
        path = folder / f"shared-{n}.jpg"
        image.save(path, quality=88)
        made.append(path)
    return made


def _import_files(folder: Path) -> list[tuple[Path, set[str]]]:
    folder.mkdir(parents=True)
    items = list(corpus.items(IMPORT_FILES * STORIES_A_FILE, seed=16))
    files = []
    for n in range(IMPORT_FILES):
        chunk = items[n * STORIES_A_FILE : (n + 1) * STORIES_A_FILE]
        path = folder / f"wire-{n}.jsonl"
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in chunk), "utf-8")
        files.append((path, {i["uri"] for i in chunk}))
    return files


def _bundle_matches_manifest(out: Path) -> bool:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    for rel, entry in manifest.items():
        data = (out / rel).read_bytes()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            return False
    return True


def _our_processes(marker: str) -> list[tuple[int, str]]:
    """Every process still running with the run's marker in its environment."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return found


def main() -> int:
    seconds = float(os.environ.get("BENCH_SOAK_SECONDS", DURATION))
    rng = random.Random(int(os.environ.get("BENCH_SOAK_SEED", "16")))
    marker = f"soak-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        work = Path(tmp)
        db = work / "library.sqlite"
        library = open_library(str(db))
        stories = [
            ArticleRepo(library).create(section="world", headline=f"قصة مصورة {n}").docid for n in range(STORIES)
        ]
        library.close()
        photos = _photos(work / "drop", rng)
        shas = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in photos}
        wire = _import_files(work / "wire")
        (work / "backups").mkdir()
        env = {**os.environ, "SOAK_MARKER": marker, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        for kind in ("DATA", "CACHE", "CONFIG", "LOG"):
            env[f"WORKSTATION_{kind}_DIR"] = str(work / "user" / kind.lower())
        command = [sys.executable, "-m", "workstation.cli", "--db", str(db)]

        counts: Counter = Counter()
        errors: Counter = Counter()
        imported: set[str] = set()
        in_gallery: set[tuple[int, str]] = set()
        backups: list[Path] = []
        bad_exports: list[Path] = []
        busy_targets: set[Path] = set()
        running: list[Job] = []
        serial = 0
        started = time.monotonic()
        deadline = started + seconds
        print(f"soak for {seconds:.0f} s: {SLOTS} commands at a time, about {KILL_SHARE:.0%} killed", flush=True)

        def start() -> Job:
            nonlocal serial
            serial += 1
            kind = rng.choice(("import", "ingest", "ingest", "export", "backup"))
            ack, target = None, None
            if kind == "import":
                path, uris = rng.choice(wire)
                args, ack = ["import", str(path)], uris
            elif kind == "ingest":
                docid = rng.choice(stories)
                chosen = rng.sample(photos, rng.randint(2, 4))
                args, ack = ["photos", "add", str(docid), *map(str, chosen)], {(docid, shas[p]) for p in chosen}
            elif kind == "export":
                target = rng.choice([t for t in (work / f"site-{n}" for n in range(EXPORT_TARGETS))
                                     if t not in busy_targets])  # fmt: skip
                busy_targets.add(target)
                args = ["export", "--out", str(target)]
            else:
                target = work / "backups" / f"backup-{serial}.sqlite"
                args = ["backup", str(target)]
            kill_at = time.monotonic() + rng.uniform(0.2, 4.0) if rng.random() < KILL_SHARE else None
            process = subprocess.Popen([*command, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       text=True)  # fmt: skip
            return Job(kind, process, time.monotonic(), kill_at, ack, target)

        last_report = started
        while running or time.monotonic() < deadline:
            while time.monotonic() < deadline and len(running) < SLOTS:
                running.append(start())
            now = time.monotonic()
            for job in list(running):
                if job.kill_at is not None and now >= job.kill_at and job.process.poll() is None:
                    job.process.send_signal(signal.SIGKILL)  # the command only: its workers must end by themselves
                    job.killed = True
                status = job.process.poll()
                if status is None:
                    continue
                running.remove(job)
                err = job.process.stderr.read()
                job.process.stderr.close()
                if job.kind == "export":
                    busy_targets.discard(job.target)
                if job.killed:
                    counts[job.kind, "killed"] += 1
                    continue
                counts[job.kind, status] += 1
                if status == 2:
                    errors[f"{job.kind}: {err.strip().splitlines()[-1] if err.strip() else '(no message)'}"] += 1
                if status != 0:
                    continue
                if job.kind == "import":
                    imported |= job.ack
                elif job.kind == "ingest":
                    in_gallery |= job.ack
                elif job.kind == "export" and not _bundle_matches_manifest(job.target):
                    bad_exports.append(job.target)
                elif job.kind == "backup":
                    backups.append(job.target)
            if now - last_report >= 60:
                last_report = now
                print(f"  {now - started:4.0f} s: {sum(counts.values())} commands done", flush=True)
            time.sleep(0.05)

        time.sleep(3)  # workers notice within 0.5 s that their parent is gone
        leftover = _our_processes(marker)
        for pid, _cmd in leftover:
            os.kill(pid, signal.SIGKILL)
        checked = subprocess.run([*command, "check"], env=env, capture_output=True, text=True)
        incoming = work / "library-photos" / ".incoming"
        staged = sorted(p.name for p in incoming.glob("*.part")) if incoming.is_dir() else []

        library = open_library(str(db))
        with library.sessions() as session:
            have_uris = set(session.scalars(select(Article.uri).where(Article.uri.is_not(None))))
            have_items = set(session.execute(select(GalleryItem.article_id, GalleryItem.photo_sha256)).tuples())
        library.close()
        lost_stories = imported - have_uris
        lost_photos = in_gallery - have_items
        bad_backups = []
        for path in backups:
            copy = open_library(str(path))
            try:
                problems = check_library(copy)
            finally:
                copy.close()
            if problems:
                bad_backups.append((path.name, problems[:3]))

    kinds = ("import", "ingest", "export", "backup")
    print(f"\n{'command':8} {'runs':>5} {'exit 0':>7} {'exit 1':>7} {'exit 2':>7} {'killed':>7}")
    for kind in kinds:
        row = [counts[kind, s] for s in (0, 1, 2, "killed")]
        print(f"{kind:8} {sum(row):5} {row[0]:7} {row[1]:7} {row[2]:7} {row[3]:7}")
    for message, n in errors.most_common():
        print(f"  exit 2 x{n}: {message}")
    print(f"acknowledged: {len(imported)} imported stories, {len(in_gallery)} gallery photos, "
          f"{len(backups)} backups, {counts['export', 0]} exports")  # fmt: skip
    failures = []
    if checked.returncode != 0:
        failures.append(f"check is not sound: {checked.stderr.strip()}")
    if staged:
        failures.append(f"staged copies left after check: {staged[:5]}")
    if leftover:
        failures.append(f"processes left over: {leftover[:5]}")
    if lost_stories:
        failures.append(f"{len(lost_stories)} acknowledged stories lost, e.g. {sorted(lost_stories)[:3]}")
    if lost_photos:
        failures.append(f"{len(lost_photos)} acknowledged gallery photos lost, e.g. {sorted(lost_photos)[:3]}")
    if bad_exports:
        failures.append(f"exports that do not match their manifest: {bad_exports}")
    if bad_backups:
        failures.append(f"backups that do not check sound: {bad_backups[:3]}")
    print("check: " + (checked.stderr.strip().splitlines()[-1] if checked.stderr.strip() else "(nothing)"))
    print(f"processes left over: {len(leftover)}; staged copies left: {len(staged)}")
    for failure in failures:
        print(f"FAILED: {failure}")
    print("soak: " + ("passed" if not failures else "FAILED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
