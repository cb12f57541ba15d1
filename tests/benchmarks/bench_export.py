"""Export of 10,000 stories: full export with the photo renditions already in the cache, an
incremental re-export after one change, bare Jinja2 rendering of the same pages, and Hugo
building an equivalent site from the same stories in the same run.

    python -m tests.benchmarks export          (BENCH_EXPORT_N=2000 for a quick run)

Budgets: full export >= 1,000 article pages/s; incremental re-export <= 1.5 s.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workstation.articles.repo import ArticleRepo
from workstation.export import export_bundle
from workstation.export.images import plan
from workstation.export.render import Renderer
from workstation.export.stories import load_site
from workstation.library.store import open_library

from tests.benchmarks.corpus import BENCH_DATA
from tests.export_support import bulk_stories

N = 10_000
FULL_BUDGET = 1_000  # article pages per second
INCREMENTAL_BUDGET = 1.5  # seconds


def _library(n: int, work: Path):
    """A library of n stories (each with a photo, every tenth with five, four related stories each),
    built once into bench-data and copied for the run."""
    cached = BENCH_DATA / f"export-{n}.sqlite"
    if not cached.exists():
        BENCH_DATA.mkdir(exist_ok=True)
        partial = BENCH_DATA / f"export-{n}-partial.sqlite"
        shutil.rmtree(BENCH_DATA / f"export-{n}-partial-photos", ignore_errors=True)
        partial.unlink(missing_ok=True)
        library = open_library(str(partial))
        bulk_stories(library, n, photo_pool=40, multi_every=10, related=4)
        library.close()
        shutil.rmtree(BENCH_DATA / f"export-{n}-photos", ignore_errors=True)
        (BENCH_DATA / f"export-{n}-partial-photos").rename(BENCH_DATA / f"export-{n}-photos")
        partial.rename(cached)
    shutil.copy(cached, work / "library.sqlite")
    shutil.copytree(BENCH_DATA / f"export-{n}-photos", work / "library-photos")
    return open_library(str(work / "library.sqlite"))


def _hugo_site(library, folder: Path) -> int:
    """Hugo content and templates for the same pages (one content file per article page); the page count."""
    site = load_site(library)
    site.bodies.prefetch(None)
    renderer = Renderer(site, set(site.stories))
    (folder / "layouts/_default").mkdir(parents=True)
    menu = "".join(f'[[menu.main]]\nname = "{s.name}"\nurl = "/{s.slug}/"\nweight = {i}\n'
                   for i, s in enumerate(site.sections))  # fmt: skip
    (folder / "config.toml").write_text(
        'baseURL = "/"\nlanguageCode = "ar"\ntitle = "arabic.news.cn"\nrelativeURLs = true\n'
        'disableKinds = ["taxonomy", "term"]\n[pagination]\npagerSize = 20\npaginate = 20\n' + menu,
        "utf-8",
    )
    (folder / "layouts/_default/baseof.html").write_text(_HUGO_BASE, "utf-8")
    (folder / "layouts/_default/single.html").write_text(_HUGO_SINGLE, "utf-8")
    (folder / "layouts/_default/list.html").write_text(_HUGO_LIST, "utf-8")
    (folder / "layouts/index.html").write_text(_HUGO_LIST, "utf-8")
    pages = 0
    for s in site.sections:
        (folder / "content" / s.slug).mkdir(parents=True)
        (folder / "content" / s.slug / "_index.md").write_text(json.dumps({"title": s.name}) + "\n", "utf-8")
    for story in site.stories.values():
        sets = [plan(p) for p in story.photos]
        related = [{"title": renderer.card(d).headline, "url": "/" + renderer.story_path(d),
                    "thumb": renderer.card(d).thumb.thumb.jpeg if renderer.card(d).thumb else ""}
                   for d in story.related]  # fmt: skip
        for k in range(1, story.pages + 1):
            photo = sets[k - 1] if sets else None
            front = {
                "title": story.headline, "date": renderer.local(story.published_at).isoformat(),
                "url": "/" + renderer.story_path(story.docid, k), "byline": story.byline,
                "keywords": list(story.keywords), "related": related, "docid": story.docid,
                "pager": [{"n": i, "url": "/" + renderer.story_path(story.docid, i), "current": i == k}
                          for i in range(1, story.pages + 1)] if story.pages > 1 else [],
                "photo": {"src": photo.main.jpeg, "srcset": ", ".join(f"/{r.jpeg} {r.width}w" for r in photo.renditions),
                          "w": photo.main.width, "h": photo.main.height, "slug": photo.photo.slug,
                          "caption": photo.photo.caption} if photo else None,
            }  # fmt: skip
            name = f"c_{story.docid}" + ("" if k == 1 else f"_{k}")
            (folder / "content" / story.section / f"{name}.html").write_text(
                json.dumps(front, ensure_ascii=False) + "\n" + story.body, "utf-8"
            )
            pages += 1
    return pages


_HUGO_BASE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title><link rel="stylesheet" href="/static/site.css">
{{ block "head" . }}{{ end }}</head><body><header id="top"><a href="/">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer><a href="#top">العودة إلى القمة</a>
<nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav></footer></body></html>
"""
_HUGO_SINGLE = """{{ define "head" }}<meta name="description" content="{{ .Summary | plainify | truncate 200 }}">
<meta property="og:title" content="{{ .Title }}"><meta property="og:type" content="article">
<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">
<script type="application/ld+json">{{ dict "@type" "NewsArticle" "headline" .Title "datePublished" .Date | jsonify | safeJS }}</script>{{ end }}
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="meta">{{ .Site.Title }} | <time>{{ .Date.Format "2006-01-02 15:04:05" }}</time></p>
{{ with .Params.byline }}<p class="byline">{{ . }}</p>{{ end }}
{{ with .Params.photo }}<figure><p class="slug"><bdi>{{ .slug }}</bdi></p>
<img src="/{{ .src }}" srcset="{{ .srcset }}" width="{{ .w }}" height="{{ .h }}" alt="{{ .caption }}">
<figcaption>{{ .caption }}</figcaption></figure>{{ end }}
<div class="body">{{ .Content }}</div>
{{ with .Params.pager }}<nav class="pager"><ul>{{ range . }}<li>{{ if .current }}<span aria-current="page">{{ .n }}</span>{{ else }}<a href="{{ .url }}">{{ .n }}</a>{{ end }}</li>{{ end }}</ul></nav>{{ end }}
<ul class="keywords">{{ range .Params.keywords }}<li><bdi>{{ . }}</bdi></li>{{ end }}</ul></article>
{{ with .Params.related }}<aside><h2>أخبار ذات صلة</h2><ul>{{ range . }}<li><a href="{{ .url }}"><img src="/{{ .thumb }}" alt="{{ .title }}"></a><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul></aside>{{ end }}
<p class="docid">{{ .Params.docid }}</p>{{ end }}
"""
_HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .RegularPagesRecursive.ByDate.Reverse).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02 15:04:05" }}</time><p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"""


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(n: int | None = None) -> int:
    n = n or int(os.environ.get("BENCH_EXPORT_N", N))
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        library = _library(n, work)
        cache = work / "cache"
        warm = export_bundle(library, work / "warm", cache_dir=cache)  # encodes the photos once
        print(f"warm-up export (encodes {warm.photos_encoded} photos): {warm.seconds:.1f} s", flush=True)
        pages = warm.article_pages

        hugo = shutil.which("hugo")
        hugo_pages = _hugo_site(library, work / "hugo") if hugo else 0

        def hugo_build() -> float:
            shutil.rmtree(work / "hugo" / "public", ignore_errors=True)
            return _timed(lambda: subprocess.run([hugo, "--quiet", "-s", str(work / "hugo"), "-d", "public"],
                                                 check=True, capture_output=True))  # fmt: skip

        # Our full export and Hugo's build interleaved, so that a busy machine weighs on both alike.
        full, hugo_runs = [], []
        for run in range(3):
            out = work / f"full-{run}"
            full.append(export_bundle(library, out, cache_dir=cache).seconds)
            shutil.rmtree(out)
            if hugo:
                hugo_runs.append(hugo_build())
        full_s = statistics.median(full)
        rate = pages / full_s
        print(f"full export: {pages} article pages ({warm.files} files) in {full_s:.2f} s "
              f"(median of 3) = {rate:,.0f} article pages/s", flush=True)  # fmt: skip
        if hugo:
            hugo_s = statistics.median(hugo_runs)
            print(f"hugo, the same {hugo_pages} article pages: {hugo_s:.2f} s (median of 3) = "
                  f"{hugo_pages / hugo_s:,.0f} pages/s; our full export takes {full_s / hugo_s:.2f}x Hugo's time "
                  f"({'faster' if full_s < hugo_s else 'slower'} than Hugo)", flush=True)  # fmt: skip
        else:
            print("hugo: not installed (apt-get install hugo); no comparison")

        out = work / "site"
        export_bundle(library, out, cache_dir=cache).wait()
        repo = ArticleRepo(library)
        docids = sorted(load_site(library).stories)
        incremental = []
        for i in range(5):
            docid = docids[(i * 7919) % len(docids)]
            record = repo.get(docid)
            repo.save(docid, record.version, headline=record.headline + " (محدث)")
            report = export_bundle(library, out, cache_dir=cache)
            incremental.append(report.seconds)
            report.wait()
        inc_s = statistics.median(incremental)
        print(f"incremental re-export after one change: {inc_s:.2f} s (median of 5; "
              f"{report.written} files written, {report.reused} unchanged)", flush=True)  # fmt: skip

        site = load_site(library)
        site.bodies.prefetch(None)
        renderer = Renderer(site, set(site.stories))
        bare = _timed(lambda: [renderer.article_pages(s) for s in site.stories.values()])
        print(f"bare Jinja2 rendering of the same article pages, one process, nothing written: "
              f"{pages / bare:,.0f} pages/s", flush=True)  # fmt: skip
        library.close()
        failed = False
        if rate < FULL_BUDGET:
            print(f"BUDGET MISSED: full export {rate:,.0f} pages/s < {FULL_BUDGET:,}")
            failed = True
        if inc_s > INCREMENTAL_BUDGET:
            print(f"BUDGET MISSED: incremental {inc_s:.2f} s > {INCREMENTAL_BUDGET} s")
            failed = True
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else None))
