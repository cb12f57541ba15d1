"""A photo rewritten in place while it is ingested is refused, never stored torn."""

from __future__ import annotations

import hashlib
import io
import threading
import time

from PIL import Image
from sqlalchemy import select

from workstation.articles.repo import ArticleRepo
from workstation.check import check_library
from workstation.library.models import Photo
from workstation.photos.ingest import ingest


def _version(fill: bytes) -> bytes:
    """A JPEG of about 1 MB whose comment segments are all `fill`: two versions differ only there,
    so any mix of the two is still a JPEG that decodes."""
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(out, "JPEG", quality=90)
    data = out.getvalue()
    comment = b"\xff\xfe" + (65000 + 2).to_bytes(2, "big") + fill * 65000
    return data[:2] + comment * 16 + data[2:]


def test_a_file_rewritten_during_the_ingest_is_refused_and_nothing_torn_is_stored(library, tmp_path):
    versions = [_version(b"A"), _version(b"B")]
    good = {hashlib.sha256(v).hexdigest() for v in versions}
    path = tmp_path / "rewritten.jpg"
    path.write_bytes(versions[0])
    docid = ArticleRepo(library).create(section="world", headline="صورة").docid
    stop = threading.Event()

    def rewrite():
        with path.open("r+b", buffering=0) as fh:
            n = 0
            while not stop.is_set():
                n += 1
                fh.seek(0)
                data = versions[n % 2]
                for at in range(0, len(data), 1 << 16):
                    fh.write(data[at : at + (1 << 16)])
                    if at % (1 << 18) == 0:
                        time.sleep(0.02)  # a writer pausing mid-file leaves it torn for a while

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        report = ingest(library, docid, [path] * 6, duplicates=True, cache_dir=tmp_path / "thumbs")
    finally:
        stop.set()
        writer.join()
    with library.sessions() as session:
        stored = set(session.scalars(select(Photo.sha256)))
    assert stored <= good
    assert report.refused and {p.reason for p in report.refused} == {
        "changed while being read; add it again once it is complete"
    }
    assert check_library(library) == []
    assert not list(library.photos_dir.rglob("*.part"))
