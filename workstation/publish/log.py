"""The publish log kept in the library: when, who, where to, and which stories each publish changed."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from workstation.clock import utcnow
from workstation.library.models import Article, PublishLogEntry
from workstation.library.store import Library
from workstation.publish.plan import story_docid
from workstation.publish.sync import SyncReport


@dataclass(frozen=True)
class PublishRecord:
    """One line of the publish log."""

    at: datetime
    who: str
    target: str
    outcome: str
    uploaded: int
    deleted: int
    unchanged: int
    bytes: int
    failed: int
    stories: tuple[int, ...]
    withdrawn: tuple[int, ...]


def story_ids(paths: list[str]) -> list[int]:
    """The document ids of the stories whose pages are among `paths`, each once, in order."""
    return list(dict.fromkeys(d for p in paths if (d := story_docid(p)) is not None))


def headlines(library: Library, docids: list[int]) -> dict[int, str]:
    """The headlines of the given stories (those the library still has)."""
    found: dict[int, str] = {}
    with library.engine.connect() as conn:
        for i in range(0, len(docids), 500):
            chunk = docids[i : i + 500]
            found.update(conn.execute(select(Article.id, Article.headline).where(Article.id.in_(chunk))).all())
    return found


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def record(library: Library, report: SyncReport, outcome: str) -> None:
    """Adds a publish to the log."""
    with library.engine.begin() as conn:
        conn.execute(insert(PublishLogEntry).values(
            at=utcnow(), who=_who(), target=report.target, outcome=outcome, uploaded=len(report.uploaded),
            deleted=len(report.deleted), unchanged=report.unchanged, bytes=report.bytes, failed=len(report.failed),
            stories=story_ids(report.uploaded), withdrawn=story_ids(report.deleted)))  # fmt: skip


def history(library: Library, limit: int = 50) -> list[PublishRecord]:
    """The latest publishes, newest first."""
    with library.engine.connect() as conn:
        rows = conn.execute(select(PublishLogEntry).order_by(PublishLogEntry.id.desc()).limit(limit)).mappings().all()
    return [PublishRecord(r["at"], r["who"], r["target"], r["outcome"], r["uploaded"], r["deleted"], r["unchanged"],
                          r["bytes"], r["failed"], tuple(r["stories"]), tuple(r["withdrawn"])) for r in rows]  # fmt: skip
