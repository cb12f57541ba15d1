"""Wire formats benchmark: the same stories as NewsML-G2 files and as ninjs JSON Lines.

Budget: importing 100,000 NewsML-G2 text items (one `newsItem` a file, the body NITF inside
`inlineXML`, as agencies deliver them) takes at most 1.5 times as long as importing the same
stories as one ninjs JSON Lines file. The stories are the import benchmark's corpus.

    make bench BENCH_ARGS=wire_formats      (or: python -m tests.benchmarks wire_formats)
    BENCH_WIRE_N=10000 python -m tests.benchmarks wire_formats    (a quicker, smaller run)
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from html import escape
from pathlib import Path

from tests.benchmarks.bench_import import _remove_db, import_corpus
from tests.benchmarks.corpus import BENCH_DATA, DEFAULT_N, corpus_path, items

BUDGET_RATIO = 1.5
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def news_item(item: dict) -> str:
    """A ninjs 1.x corpus item as a NewsML-G2 text item with an NITF body."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _PARAGRAPH.findall(item["body_html"]))  # already escaped
    section = item["service"][0]
    keywords = "".join(f"<keyword>{escape(k)}</keyword>" for k in item["keywords"])
    return (
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" xmlns:nitf="http://iptc.org/std/NITF/2006-10-18/" '
            f'guid="{escape(item["uri"])}" version="1" standard="NewsML-G2" standardversion="2.33" xml:lang="ar">\n'
            '  <itemMeta>\n    <itemClass qcode="ninat:text"/>\n    <provider qcode="nprov:XINHUA"/>\n'
            f"    <versionCreated>{item['versioncreated']}</versionCreated>\n"
            f"    <firstCreated>{item['firstcreated']}</firstCreated>\n"
            '    <pubStatus qcode="stat:usable"/>\n  </itemMeta>\n  <contentMeta>\n'
            f"    <located><name>{escape(item['located'])}</name></located>\n"
            f"    <creator><name>{escape(item['byline'])}</name></creator>\n"
            f'    <subject qcode="{escape(section["code"])}"><name>{escape(section["name"])}</name></subject>\n'
            f"    <headline>{escape(item['headline'])}</headline>\n    {keywords}\n"
            '    <language tag="ar"/>\n  </contentMeta>\n  <contentSet>\n'
            '    <inlineXML contenttype="application/nitf+xml">\n'
            f"      <nitf:nitf><nitf:body><nitf:body.content>{paragraphs}</nitf:body.content></nitf:body></nitf:nitf>\n"
            "    </inlineXML>\n  </contentSet>\n</newsItem>\n"
        )
        .replace("<p>", "<nitf:p>")
        .replace("</p>", "</nitf:p>")
    )


def newsml_folder(n: int) -> Path:
    """The cached folder of n NewsML-G2 files in bench-data/, written on first use."""
    folder = BENCH_DATA / f"newsml-{n}"
    if not folder.exists():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for number, item in enumerate(items(n), 1):
            (partial / f"{number:06d}.xml").write_text(news_item(item), encoding="utf-8")
        partial.replace(folder)
    return folder


def main() -> int:
    n = int(os.environ.get("BENCH_WIRE_N", DEFAULT_N))
    started = time.perf_counter()
    corpus, folder = corpus_path(n), newsml_folder(n)
    files = sorted(folder.iterdir())
    xml_bytes = sum(f.stat().st_size for f in files)
    print(f"corpus: {n} stories; ninjs {corpus.stat().st_size / 1e6:.0f} MB, NewsML-G2 {len(files)} files "
          f"{xml_bytes / 1e6:.0f} MB ({time.perf_counter() - started:.1f} s)")  # fmt: skip
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    target = BENCH_DATA / f"wire-formats-{n}.sqlite"
    ninjs_s, ninjs_cpu, ninjs_counts = import_corpus(corpus, target)
    print(f"ninjs JSON Lines: {ninjs_s:.1f} s ({n / ninjs_s:.0f} articles/s; CPU {ninjs_cpu[0]:.1f} s writing, "
          f"{ninjs_cpu[1]:.1f} s parsing)")  # fmt: skip
    newsml_s, newsml_cpu, newsml_counts = import_corpus(files, target)
    ratio = newsml_s / ninjs_s
    print(f"NewsML-G2 files: {newsml_s:.1f} s ({n / newsml_s:.0f} articles/s; CPU {newsml_cpu[0]:.1f} s writing, "
          f"{newsml_cpu[1]:.1f} s parsing), {ratio:.2f}x ninjs; budget {BUDGET_RATIO}x")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    _remove_db(target)
    failed = ratio > BUDGET_RATIO or ninjs_counts != newsml_counts or any(v != n for v in newsml_counts.values())
    if failed:
        print("FAILED: over budget or rows missing", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
