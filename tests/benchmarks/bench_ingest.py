"""Photo ingest budget: 20 photos of 24 megapixels, hash + metadata + thumbnail + preview.

    python -m tests.benchmarks ingest

Three ways of doing the same per-file work are timed in the same run, each in a pool of two
worker processes (the ingest's own set-up): ours (`renditions.process`: DCT-scaled JPEG
decoding), naive Pillow (full decode, then resize) and, when pyvips is installed, libvips'
`thumbnail` (shrink-on-load, one thread per process). Each variant reads and hashes the
file, reads its metadata, writes a 1,200 px preview and a 320 px thumbnail, and stages the
library's copy. Budgets, on the CPU time the workers spend: naive / ours >= 4; ours / libvips
<= 1.3 (wall-clock ratios are printed too). The whole `ingest()`
(database rows, search index) is reported too. Photos are generated once into bench-data/.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PHOTOS = 20
SIZE = (6000, 4000)  # 24 megapixels
ROUNDS = 5
NAIVE_BUDGET = 4.0
VIPS_BUDGET = 1.3
DATA = Path(__file__).resolve().parents[2] / "bench-data" / "ingest"


# -- the photos ----------------------------------------------------------------------------------
def _photo(n: int) -> bytes:
    """A camera-like JPEG: smooth shapes, fine grain, EXIF (orientation, date) and an XMP caption."""
    small = Image.new("RGB", (600, 400), (40 + n * 7 % 180, 90, 140))
    draw = ImageDraw.Draw(small)
    for k in range(40):
        x, y = (k * 97 + n * 31) % 600, (k * 53 + n * 17) % 400
        draw.ellipse(
            (x, y, x + 40 + k % 60, y + 30 + k % 50), fill=((k * 40) % 256, (k * 90 + n) % 256, (k * 20) % 256)
        )
    big = small.filter(ImageFilter.GaussianBlur(3)).resize(SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(SIZE, 18).convert("RGB")
    big = Image.blend(big, grain, 0.12)
    exif = Image.Exif()
    exif[0x0112] = 6 if n % 4 == 0 else 1
    exif.get_ifd(0x8769)[0x9003] = f"2017:04:13 10:{n:02d}:00"
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
           f'<rdf:li xml:lang="x-default">صورة رقم {n}</rdf:li></rdf:Alt></dc:description></rdf:Description>'
           f"</rdf:RDF></x:xmpmeta>").encode()  # fmt: skip
    out = io.BytesIO()
    big.save(out, "JPEG", quality=92, exif=exif, xmp=xmp)
    return out.getvalue()


def photos() -> list[Path]:
    """The benchmark photos, made on the first run."""
    DATA.mkdir(parents=True, exist_ok=True)
    paths = [DATA / f"photo-{n:02d}.jpg" for n in range(PHOTOS)]
    for n, path in enumerate(paths):
        if not path.exists():
            print(f"  making {path.name}", flush=True)
            part = path.with_suffix(".part")
            part.write_bytes(_photo(n))
            part.rename(path)
    return paths


# -- the three ways (module-level, so worker processes can run them) -------------------------------
def ours(source: str, out: str) -> None:
    from workstation.photos import renditions

    renditions.process(source, f"{out}/photos", f"{out}/cache")


def naive(source: str, out: str) -> None:
    from workstation.photos import renditions
    from workstation.photos.meta import read_metadata

    data = Path(source).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    im = Image.open(io.BytesIO(data))
    meta = read_metadata(im)
    im.load()  # every pixel, full size
    upright = renditions._upright_rgb(im, meta.orientation)
    for box, path in (
        (1200, renditions.preview_path(Path(out, "cache"), sha)),
        (320, renditions.thumb_path(Path(out, "cache"), sha)),
    ):
        scale = box / max(upright.size)
        resized = upright.resize(
            (round(upright.width * scale), round(upright.height * scale)), Image.Resampling.LANCZOS
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        resized.save(path, "JPEG", quality=85)
    _store(data, out, sha)


def _store(data: bytes, out: str, sha: str) -> None:
    """The original kept as ours keeps it: a new file in the incoming folder, written to the disk."""
    from workstation.photos.staging import incoming_dir

    incoming = incoming_dir(Path(out, "photos"))
    incoming.mkdir(parents=True, exist_ok=True)
    with (incoming / f"{sha}.part").open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def vips(source: str, out: str) -> None:
    import pyvips

    from workstation.photos import renditions
    from workstation.photos.meta import read_metadata

    data = Path(source).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    read_metadata(Image.open(io.BytesIO(data)))  # header only, as ours
    # Shrink-on-load, EXIF rotation applied; kept in memory since the thumbnail reads it again.
    preview = pyvips.Image.thumbnail_buffer(data, 1200).copy_memory()
    thumb = preview.thumbnail_image(320)
    for image, path in (
        (preview, renditions.preview_path(Path(out, "cache"), sha)),
        (thumb, renditions.thumb_path(Path(out, "cache"), sha)),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        image.jpegsave(str(path), Q=85)
    _store(data, out, sha)


def _vips_available() -> bool:
    try:
        import pyvips  # noqa: F401
    except Exception:  # ImportError, or OSError when the library itself is missing
        return False
    return True


def _worker_init() -> None:
    os.environ["VIPS_CONCURRENCY"] = "1"  # one thread per process, as Pillow
    from workstation.photos.renditions import worker_init

    worker_init()


def _cpu(work, source: str, out: str) -> float:
    """Runs one variant on one file in a worker; the CPU seconds that worker spent (all its threads)."""
    start = time.process_time()
    work(source, out)
    return time.process_time() - start


def _timed(pool: ProcessPoolExecutor, work, files: list[Path], scratch: Path) -> tuple[float, float]:
    """Wall-clock seconds for the batch, and the CPU seconds the workers spent on it."""
    out = scratch / f"{work.__name__}-{time.monotonic_ns()}"
    start = time.perf_counter()
    cpu = sum(pool.map(_cpu, [work] * len(files), [str(f) for f in files], [str(out)] * len(files)))
    elapsed = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return elapsed, cpu


def _full_ingest(files: list[Path], scratch: Path) -> float:
    from workstation.articles.repo import ArticleRepo
    from workstation.library.store import open_library
    from workstation.photos.ingest import ingest, shutdown_workers

    library = open_library(str(scratch / "library.sqlite"))
    docid = ArticleRepo(library).create(headline="bench").docid
    ingest(library, docid, files[:2], cache_dir=scratch / "warm-cache")  # start the workers
    library.close()
    shutil.rmtree(scratch / "library-photos", ignore_errors=True)
    (scratch / "library.sqlite").unlink()
    library = open_library(str(scratch / "library.sqlite"))
    docid = ArticleRepo(library).create(headline="bench").docid
    start = time.perf_counter()
    report = ingest(library, docid, files, cache_dir=scratch / "cache")
    elapsed = time.perf_counter() - start
    assert len(report.added) == len(files) and not report.refused, report.refused
    library.close()
    shutdown_workers()
    return elapsed


def main() -> int:
    files = photos()
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"{len(files)} photos of {SIZE[0]} x {SIZE[1]} ({megabytes:.0f} MB in all), 2 worker processes, median of {ROUNDS} rounds"
    )
    variants = [ours, naive] + ([vips] if _vips_available() else [])
    times: dict[str, list[float]] = {v.__name__: [] for v in variants}
    cpu: dict[str, list[float]] = {v.__name__: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        scratch = Path(tmp)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=context, initializer=_worker_init) as pool:
            for variant in variants:  # warm-up: imports, page cache
                _timed(pool, variant, files[:2], scratch)
            for _ in range(ROUNDS):  # interleaved, so drift in machine load hits every variant alike
                for variant in variants:
                    wall, spent = _timed(pool, variant, files, scratch)
                    times[variant.__name__].append(wall)
                    cpu[variant.__name__].append(spent)
        full = _full_ingest(files, scratch)
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        per_photo = statistics.median(cpu[name]) / len(files) * 1000
        print(f"  {name:<6} {value:6.2f} s wall  ({per_photo:5.0f} ms of CPU a photo)")
    print(f"  ingest() end to end, database included: {full:.2f} s ({full / len(files) * 1000:.0f} ms a photo)")

    # The budgets compare the CPU time the workers spend: every variant runs with the same two
    # processes, so on an idle machine this is the wall-clock ratio, and on a shared one it is
    # not at the mercy of whatever else runs. Wall-clock ratios are printed beside.
    def ratio(a: str, b: str, table=cpu) -> float:
        return statistics.median(x / y for x, y in zip(table[a], table[b]))

    failed = False
    speedup = ratio("naive", "ours")
    print(f"  naive / ours = {speedup:.1f}x CPU, {ratio('naive', 'ours', times):.1f}x wall (budget >= {NAIVE_BUDGET}x)")
    failed |= speedup < NAIVE_BUDGET
    if "vips" in median:
        behind = ratio("ours", "vips")
        print(
            f"  ours / libvips = {behind:.2f}x CPU, {ratio('ours', 'vips', times):.2f}x wall (budget <= {VIPS_BUDGET}x)"
        )
        failed |= behind > VIPS_BUDGET
    else:
        print("  libvips: pyvips is not installed, comparison skipped (pip install pyvips pyvips-binary)")
    print("FAILED: a budget was missed" if failed else "all budgets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
