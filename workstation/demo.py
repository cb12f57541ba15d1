"""The sample library: the reference page's story with five photos, and its related stories.

Text and captions come from `resources/sample/story.json`; the photos beside it are
public-domain and CC0 pictures (credited in resources/CREDITS.md). The photos go in
through the same ingest as any drop.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from pathlib import Path

from workstation.articles.repo import ArticleRepo
from workstation.library.store import Library
from workstation.paths import resources_dir
from workstation.photos.gallery import GalleryRepo
from workstation.photos.ingest import ingest


def sample_dir() -> Path:
    """The folder of the sample story and its photos."""
    return resources_dir() / "sample"


def build_demo(library: Library, cache_dir: Path | None = None) -> int:
    """Fills the library with the sample story (if it is not there yet); returns its document id."""
    story = json.loads((sample_dir() / "story.json").read_text(encoding="utf-8"))
    articles = ArticleRepo(library)
    main = story["article"]
    if articles.exists(main["docid"]):
        return main["docid"]
    related = []
    for entry in story["related"]:
        if not articles.exists(entry["docid"]):
            _create(library, entry["docid"], entry["section"], entry["published"], headline=entry["headline"],
                    body=f"<p>{escape(entry['headline'], quote=False)}.</p>")  # fmt: skip
            _add_photos(library, entry["docid"], [entry["photo"]], story, cache_dir, slug_numbers=False)
        related.append(entry["docid"])
    body = "".join(f"<p>{escape(p, quote=False)}</p>" for p in main["paragraphs"])
    _create(
        library, main["docid"], main["section"], main["published"], headline=main["headline"],
        dateline_city=main["dateline_city"], dateline_agency=main["dateline_agency"],
        dateline_at=datetime.fromisoformat(main["published"]), source_title=main["source_title"],
        keywords=main["keywords"], body=body,
    )  # fmt: skip
    _add_photos(library, main["docid"], story["gallery"], story, cache_dir, slug_numbers=True)
    record = articles.get(main["docid"])
    articles.save(main["docid"], record.version, keep_revision=False, related=related)
    return main["docid"]


def _create(library: Library, docid: int, section: str, published: str, **values) -> None:
    # Sample stories keep the times of the page they come from, not the time of the demo.
    when = datetime.fromisoformat(published)
    ArticleRepo(library).create(section=section, docid=docid, status="published", filed_at=when, **values)


def _add_photos(library, docid, files, story, cache_dir, slug_numbers: bool) -> None:
    report = ingest(library, docid, [sample_dir() / f for f in files], cache_dir=cache_dir, duplicates=True)
    if report.refused:
        raise RuntimeError(f"Sample photo refused: {report.refused[0].where}: {report.refused[0].reason}")
    changes = {}
    for n, (name, added) in enumerate(zip(files, report.added), start=1):
        fields = dict(story["photos"][name])
        fields["slug"] = story["slug"].format(n=n) if slug_numbers else ""
        changes[added.item_id] = fields
    GalleryRepo(library).update(changes)
