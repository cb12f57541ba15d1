"""export_bundle: the publishable bundle of the library (folder or zip), and the article preview."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workstation.errors import LibraryError, Progress, no_such_article, no_such_section
from workstation.export.bundle import (
    BundleWriter,
    ExportCancelled,
    FolderSink,
    PreviousBundle,
    ZipSink,
    load_state,
    save_state,
    state_file,
)  # fmt: skip
from workstation.export.feeds import manifest, newest_first, news_sitemap, rss, sitemaps
from workstation.export.images import RenditionCache, bundle_images
from workstation.export.render import PER_PAGE, Renderer
from workstation.export.seo import bundle_files
from workstation.export.siteurl import normalize_base_url
from workstation.export.stories import Site, Story, load_site, published_status
from workstation.export.target import MANIFEST, check_target, remove, staging_path, swap_in, tidy_target
from workstation.library.store import Library
from workstation.paths import AppPaths
from workstation.workers import WorkerPool, can_fork

_STORY_LINK = re.compile(rb"c_(\d+)(?:_\d+)?\.htm")
_PHOTO_LINK = re.compile(rb"photos/[0-9a-f]{2}/[0-9a-f]+-[0-9a-f]+-[0-9a-z-]+\.(?:jpg|webp)")  # renditions and crops
_STORY_PAGE = re.compile(r"\d{4}-\d{2}/\d{2}/c_(\d+)(?:_\d+)?\.htm")
_STORY_HREF = re.compile(rb'href="([^"#?]*c_\d+(?:_\d+)?\.htm)')


@dataclass
class ExportReport:
    """What an export did, for the CLI, the GUI and the tests."""

    out: Path
    zip: bool = False
    stories: int = 0
    article_pages: int = 0
    section_pages: int = 0
    files: int = 0
    written: int = 0
    reused: int = 0
    photos_encoded: int = 0
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0
    remover: threading.Thread | None = field(default=None, repr=False)  # deleting the replaced bundle

    def wait(self) -> None:
        """Waits until the replaced bundle is deleted."""
        if self.remover is not None:
            self.remover.join()

    def summary(self) -> str:
        """One line saying what was exported where."""
        kind = "zip" if self.zip else "folder"
        return (
            f"exported {self.stories} stories ({self.article_pages} article pages, {self.section_pages} "
            f"section pages) to the {kind} {self.out}: {self.written} files written, {self.reused} unchanged, "
            f"{self.photos_encoded} photos encoded, {len(self.refused)} refused, in {self.seconds:.1f} s"
        )


def default_cache(library: Library) -> Path:
    """The folder of renditions and export state: the user cache folder."""
    return AppPaths.from_environment().cache / "export"


def _scope(library: Library, site: Site, sections, articles) -> tuple[set[int] | None, list[str]]:
    """The stories an export is narrowed to (None: all of them) and the refused inputs."""
    if not sections and not articles:
        return None, []
    chosen: set[int] = set()
    refused: list[str] = []
    if sections:
        known = {s.slug for s in site.sections}
        for slug in sections:
            if slug not in known:
                raise no_such_section(slug)
        wanted = set(sections)
        for s in site.sections:  # tree order: a parent comes before its children
            if s.parent in wanted:
                wanted.add(s.slug)
        chosen |= {d for d, story in site.stories.items() if story.section in wanted}
    if articles:
        status = published_status(library, list(articles))
        for docid in articles:
            if docid in site.stories:
                chosen.add(docid)
            elif docid not in status:
                raise no_such_article(docid)
            else:
                state = "in the trash" if status[docid] == "trash" else f"a {status[docid]}, not published"
                refused.append(f"article {docid}: it is {state}, so it is not exported")
    return chosen, refused


def _keepable(
    renderer: Renderer, previous: PreviousBundle, docids: set[int], members: set[int]
) -> dict[int, list[str]]:
    """Stories outside a narrowed export whose pages in the previous bundle can stay as they are:
    same page names, every story they link to still in the bundle, every photo they show at hand."""
    kept: dict[int, list[str]] = {}
    for docid in sorted(docids):
        story = renderer.site.stories[docid]
        pages = renderer.story_paths(story)
        if not all(p in previous.files for p in pages):
            continue
        files = list(pages)
        for page in pages:
            data = previous.read(page) or b""
            links = {int(m) for m in _STORY_LINK.findall(data)}
            photos = {m.decode() for m in _PHOTO_LINK.findall(data)}
            if not links <= members or not all(p in previous.files for p in photos):
                break
            if not _links_resolve(renderer, page, data):
                break
            files += sorted(photos)
        else:
            kept[docid] = files
    return kept


def _links_resolve(renderer: Renderer, page: str, data: bytes) -> bool:
    """Whether every story link of a kept page still leads to that story's page in the new bundle
    (a story whose date changed moved to another folder)."""
    folder = posixpath.dirname(page)
    for href in _STORY_HREF.findall(data):
        path = posixpath.normpath(posixpath.join(folder, href.decode()))
        found = _STORY_PAGE.fullmatch(path)
        story = renderer.site.stories.get(int(found.group(1))) if found else None
        if story is None or path not in renderer.story_paths(story):
            return False
    return True


def _fingerprint(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


def _refuse_library_folders(library: Library, target: Path) -> None:
    """Refuses a target inside the library's photo store (its incoming folder included): that
    folder holds only the library's own files, and a backup copies it."""
    store = library.photos_dir.resolve()
    where = target.resolve()
    if where == store or store in where.parents:
        raise LibraryError(
            f"Cannot export to {target}: it is inside the library's photo folder {store}; choose a folder outside it."
        )


def export_bundle(library: Library, out: Path, sections=None, articles=None, progress: Progress | None = None,
                  cancel: Callable[[], bool] | None = None, *, cache_dir: Path | None = None,
                  workers: int | None = None, base_url: str | None = None) -> ExportReport:  # fmt: skip
    """Exports the published stories (or those of the given sections/articles) to a folder or a .zip.

    `base_url`: where the bundle will be served, for this export (default: the library's setting;
    "" for none).

    `workers`: processes rendering pages (default: one per processor where processes can be forked;
    pass 1 from a program that runs other threads, such as the GUI).
    """
    started = time.perf_counter()
    target = Path(out).expanduser().absolute()
    zip_mode = target.suffix.lower() == ".zip"
    cache = Path(cache_dir) if cache_dir is not None else default_cache(library)
    report = ExportReport(out=target, zip=zip_mode)

    site = load_site(library)
    if base_url is not None:
        site.base_url = normalize_base_url(base_url)
    scope, report.refused = _scope(library, site, sections, articles)
    if scope is not None and not scope:  # nothing could be done: the target stays as it is
        reasons = "; ".join(report.refused) or "the chosen sections hold no published story"
        raise LibraryError(f"Nothing to export to {target}: {reasons}.")
    _refuse_library_folders(library, target)
    tidy_target(target)
    state_path = state_file(cache, target)
    old_state = load_state(state_path, target) if not zip_mode else {}
    check_target(target, zip_mode, old_state.get("dirs"))
    previous = PreviousBundle(target, zip_mode)
    published = set(site.stories)
    if scope is None:
        members = published
    else:
        before = {int(m.group(1)) for p in previous.files if (m := _STORY_PAGE.fullmatch(p))}
        members = scope | (before & published)
    renderer = Renderer(site, members, cache)
    kept = _keepable(renderer, previous, members - scope, members) if scope is not None else {}

    staging = staging_path(target)
    sink = None
    try:
        sink = ZipSink(staging) if zip_mode else FolderSink(staging)
        writer = BundleWriter(sink, previous, old_state, cancel)
        images = RenditionCache(library, cache / "renditions")
        _write_all(site, renderer, writer, images, members, kept, report, progress, _workers(workers))
        sink.close()
        dirs = sink.dir_times() if not zip_mode else {}
        report.remover = swap_in(staging, target)
    except BaseException:
        if sink is not None:
            sink.abandon()
        remove(staging)
        raise
    finally:
        previous.close()
    if not zip_mode:
        save_state(state_path, writer.state(target, dirs))
    report.stories = len(members)
    report.files = len(writer.files)
    report.written, report.reused = writer.written, writer.reused
    report.photos_encoded = images.encoded
    report.seconds = time.perf_counter() - started
    return report


def _write_all(site: Site, renderer: Renderer, writer: BundleWriter, images: RenditionCache, members: set[int],
               kept: dict[int, list[str]], report: ExportReport, progress: Progress | None, workers: int) -> None:  # fmt: skip
    previous_files = writer.previous.files
    stories = [site.stories[d] for d in sorted(members)]
    total = len(stories) + len(site.sections) + 2
    step = max(1, total // 200)

    # Stories whose pages are unchanged are linked first; only then may worker processes be
    # forked (before the writer threads start) to render the rest.
    pending: list[tuple[Story, str]] = []
    for story in stories:
        report.article_pages += story.pages
        if story.docid in kept:
            writer.keep(kept[story.docid])
            continue
        fingerprint = renderer.fingerprint_story(story)
        if not writer.reuse(f"story:{story.docid}", fingerprint):
            pending.append((story, fingerprint))

    # Bodies are read for the stories rendered (all of them in one scan when that is most).
    site.bodies.prefetch(None if len(pending) > len(stories) // 4 else [s.docid for s, _ in pending])
    with _StoryRenderer(renderer, [s for s, _ in pending], workers) as rendered:
        for rel, data in sorted(bundle_files().items()):
            writer.put(rel, data)
        for done, ((story, fingerprint), files) in enumerate(zip(pending, rendered), 1):
            writer.check_cancel()
            writer.record(f"story:{story.docid}", fingerprint, files)
            if progress is not None and done % step == 0:
                progress(done, total, f"{done} / {len(pending)}")

    photos = dict.fromkeys(photo for story in stories for photo in story.photos)  # each once, in order
    for photo in photos:
        for r, ext, rel in bundle_images(photo):
            writer.job(f"file:{rel}", rel, lambda p=photo, r=r, e=ext, rel=rel: _rendition(images, p, r, e, rel))

    by_section: dict[str, list[int]] = {s.slug: [] for s in site.sections}
    for story in newest_first(stories):
        by_section.setdefault(story.section, []).append(story.docid)
    section_paths = []
    for i, section in enumerate(site.sections):
        docids = by_section[section.slug]
        count = max(1, -(-len(docids) // PER_PAGE))
        for page in range(1, count + 1):
            chunk = docids[(page - 1) * PER_PAGE : page * PER_PAGE]
            fp = _fingerprint(renderer.site_digest, section.slug, str(page), str(count),
                              *(renderer.card_digest(d) for d in chunk))  # fmt: skip
            writer.job(f"section:{section.slug}:{page}", fp,
                       lambda s=section.slug, p=page, c=count, k=chunk: [renderer.section_page(s, p, c, k)])  # fmt: skip
            section_paths.append(renderer.section_path(section.slug, page))
        if progress is not None:
            progress(len(stories) + i + 1, total, section.name)
    report.section_pages = len(section_paths)

    latest = {slug: ids[:6] for slug, ids in by_section.items()}
    fp = _fingerprint(
        renderer.site_digest, *(f"{slug}:{renderer.card_digest(d)}" for slug, ids in latest.items() for d in ids)
    )
    writer.job("home", fp, lambda: [("index.html", renderer.home_page(latest))])
    writer.put("feed.xml", rss(renderer, stories))
    for name, data in sitemaps(renderer, stories, section_paths):
        writer.put(name, data)
    writer.put("news-sitemap.xml", news_sitemap(renderer, stories))
    listed = {rel: entry for rel, entry in previous_files.items() if rel != MANIFEST}
    if writer.settle() == listed and MANIFEST in previous_files:  # nothing changed: the old manifest holds
        writer.keep([MANIFEST])
    else:
        writer.put(MANIFEST, manifest(dict(writer.files)))
    writer.settle()
    if progress is not None:
        progress(total, total, "")


def _workers(wanted: int | None) -> int:
    if wanted is not None:
        return max(1, wanted)
    return min(os.cpu_count() or 1, 4) if can_fork() else 1


_ACTIVE: Renderer | None = None  # what forked workers render with (inherited, never pickled)
PARALLEL_FROM = 300  # stories; below this, starting workers costs more than it saves
CHUNK = 100


def _worker_start() -> None:
    # A forked worker must never use the parent's pooled SQLite connections (a body read for a
    # related story's card would): SQLAlchemy's recipe for forked processes is to forget them here.
    _ACTIVE.site.bodies.library.engine.dispose(close=False)


def _render_chunk(docids: list[int]) -> list[list[tuple[str, bytes]]]:
    return [_ACTIVE.article_pages(_ACTIVE.site.stories[d]) for d in docids]


class _StoryRenderer:
    """The pages of many stories in order: rendered by forked worker processes when there are
    enough of them and more than one processor, else right here."""

    def __init__(self, renderer: Renderer, stories: list[Story], workers: int):
        self.renderer = renderer
        self.stories = stories
        self.pool = None
        if workers > 1 and len(stories) >= PARALLEL_FROM:
            global _ACTIVE
            _ACTIVE = renderer
            self.pool = WorkerPool(workers, initializer=_worker_start, fork=True)

    def __enter__(self):
        if self.pool is None:
            return (self.renderer.article_pages(s) for s in self.stories)
        chunks = [[s.docid for s in self.stories[i : i + CHUNK]] for i in range(0, len(self.stories), CHUNK)]
        return (files for result in self.pool.ordered(_render_chunk, chunks) for files in result)

    def __exit__(self, *exc) -> None:
        global _ACTIVE
        if self.pool is not None:
            self.pool.kill()
            _ACTIVE = None


def _rendition(images: RenditionCache, photo, rendition, ext: str, rel: str) -> list[tuple[str, bytes]]:
    images.ensure(photo)
    return [(rel, images.bundle_bytes(photo, rendition, ext))]


def render_article_preview(library: Library, docid: int, page: int = 1, *, cache_dir: Path | None = None) -> str:
    """Page `page` of an article (any status) as the export would render it, for the GUI preview.

    Links point into a preview folder in the cache that holds the stylesheet and the photos shown.
    """
    site = load_site(library, [docid])
    story = site.stories.get(docid)
    if story is None:
        raise no_such_article(docid)
    related = load_site(library, list(story.related)).stories
    site.stories.update({d: s for d, s in related.items() if d != docid})
    live = {d for d, s in related.items() if d in story.related and _is_live(library, d)}
    renderer = Renderer(site, live | {docid})
    cache = Path(cache_dir) if cache_dir is not None else default_cache(library)
    folder = cache / "preview"
    images = RenditionCache(library, cache / "renditions")
    shown = list(story.photos) + [site.stories[d].photos[0] for d in live if site.stories[d].photos]
    for photo in shown:
        images.ensure(photo)
        for r, ext, rel in bundle_images(photo):
            path = folder / rel
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(images.bundle_bytes(photo, r, ext))
    for rel, data in bundle_files().items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    pages = renderer.article_pages(story, root=folder.as_uri() + "/")
    return pages[min(max(page, 1), len(pages)) - 1][1].decode("utf-8")


def _is_live(library: Library, docid: int) -> bool:
    return published_status(library, [docid]).get(docid) == "published"


__all__ = ["ExportCancelled", "ExportReport", "export_bundle", "render_article_preview"]
