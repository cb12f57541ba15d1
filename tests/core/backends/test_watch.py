"""`workstation watch`: one line per change anyone makes, quickly, on both backends; presence marks."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

from workstation.articles.repo import ArticleRepo
from workstation.articles.sections import SectionRepo
from workstation.library.presence import Presence
from workstation.library.store import open_library

LATENCY = {"sqlite": 2.0, "postgresql": 1.0}


def location(library) -> str:
    return str(library.path) if library.path is not None else library.engine.url.render_as_string(hide_password=False)


class Watcher:
    """`workstation watch --json` in a process of its own, its lines read on a thread."""

    def __init__(self, library, editor="watcher"):
        env = dict(os.environ, WORKSTATION_EDITOR=editor, PYTHONPATH=os.getcwd())
        self.proc = subprocess.Popen([sys.executable, "-m", "workstation.cli", "--db", location(library), "watch",
                                      "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
        assert "watching" in self.proc.stderr.readline()
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.monotonic(), json.loads(line)))

    def next(self, timeout=5.0):
        return self.lines.get(timeout=timeout)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=10)


def test_watch_prints_every_kind_of_change_quickly(any_library, tmp_path):
    backend = any_library.backend.name
    writer = open_library(location(any_library), default_photos_dir=any_library.photos_dir, editor="ليلى")
    watcher = Watcher(any_library)
    repo = ArticleRepo(writer)
    try:
        time.sleep(0.3)
        started = time.monotonic()
        a = repo.create(section="world", headline="خبر جديد")
        at, event = watcher.next()
        assert at - started <= LATENCY[backend]
        assert event == {"event": "article.created", "docid": a.docid, "section": "world", "version": 1,
                         "by": "ليلى", "at": event["at"]}  # fmt: skip
        assert event["at"].endswith("Z") and event["at"][:4].isdigit()

        steps = [
            (lambda: repo.save(a.docid, 1, headline="خبر معدل"), "article.saved", "world", 2),
            (lambda: repo.move([a.docid], "china"), "article.moved", "china", None),
            (lambda: repo.trash([a.docid]), "article.trashed", "china", None),
            (lambda: repo.restore([a.docid]), "article.restored", "china", None),
            (lambda: SectionRepo(writer).rename("china", "الصين اليوم"), "sections.changed", "china", None),
        ]
        for change, kind, section, version in steps:
            started = time.monotonic()
            change()
            at, event = watcher.next()
            assert (event["event"], event["docid"] if kind != "sections.changed" else None, event["section"]) == (
                kind, None if kind == "sections.changed" else a.docid, section)  # fmt: skip
            assert event["by"] == "ليلى"
            if version is not None:
                assert event["version"] == version
            assert at - started <= LATENCY[backend], kind

        presence = Presence(writer)
        presence.start(a.docid)
        _, event = watcher.next()
        assert (event["event"], event["docid"], event["by"]) == ("editing.started", a.docid, "ليلى")
        presence.stop(a.docid)
        _, event = watcher.next()
        assert (event["event"], event["docid"]) == ("editing.stopped", a.docid)
    finally:
        assert watcher.stop() == 0
        writer.close()


def test_presence_marks_are_seen_by_others_and_lapse(any_library):
    mine, theirs = Presence(any_library), Presence(any_library)
    a = ArticleRepo(any_library).create(headline="قيد التحرير")
    any_library.editor = "سامي"
    theirs.start(a.docid)
    assert mine.others([a.docid]) == {a.docid: ["سامي"]}
    assert theirs.others([a.docid]) == {}  # not one's own mark
    with any_library.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE presence SET heartbeat_at = '2000-01-01 00:00:00'")
    assert mine.others() == {}  # a crashed workstation's mark lapses
    theirs.heartbeat()
    assert mine.others() == {a.docid: ["سامي"]}
    theirs.stop()
    assert mine.others() == {}


def test_the_change_log_forgets_what_is_days_old(tmp_path):
    library = open_library(str(tmp_path / "desk.sqlite"))
    ArticleRepo(library).create(headline="جديد")
    with library.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO changes (at, event) VALUES ('2020-01-01T00:00:00.000Z', 'article.saved')")
    feed = library.backend.change_feed(library.engine)
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT event FROM changes ORDER BY id").scalars().all() == ["article.created"]
    feed.close()
    library.close()


def test_watch_prints_tab_separated_lines_without_json(tmp_path):
    library = open_library(str(tmp_path / "desk.sqlite"))
    env = dict(os.environ, WORKSTATION_EDITOR="منى", PYTHONPATH=os.getcwd())
    proc = subprocess.Popen([sys.executable, "-m", "workstation.cli", "--db", str(library.path), "watch"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert "watching" in proc.stderr.readline()
        writer = open_library(str(library.path), editor="منى")
        docid = ArticleRepo(writer).create(section="sports", headline="هدف").docid
        fields = proc.stdout.readline().rstrip("\n").split("\t")
        assert fields[1:] == ["article.created", str(docid), "sports", "v1", "منى"]
        assert len(fields[0]) == 8 and fields[0][2] == ":"
        writer.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        library.close()
