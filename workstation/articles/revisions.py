"""Restoring a kept revision: what it would change, and the undoable command that does it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workstation.articles.commands import Command
from workstation.articles.repo import RESTORED, ArticleRepo
from workstation.body.blocks import parse_body
from workstation.errors import NotFoundError
from workstation.library.store import Library

FIELDS = ("headline", "subheadline", "dateline_city", "dateline_at", "dateline_agency", "byline", "source_title",
          "keywords", "status")  # fmt: skip


def restored_from(reason: str) -> int | None:
    """The version a restored revision came from (None for any other revision)."""
    if reason.startswith(RESTORED) and reason[len(RESTORED) :].isdigit():
        return int(reason[len(RESTORED) :])
    return None


@dataclass(frozen=True)
class RestorePreview:
    """What restoring a revision would change in the article as it is now."""

    version: int  # the revision's version
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)  # (name, now, after the restore)
    body: list[tuple[str, str]] = field(default_factory=list)  # ("-" removed | "+" added, paragraph text)
    related_removed: list[tuple[int, str]] = field(default_factory=list)  # (docid, headline)
    related_added: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        """Whether the restore would change the article at all."""
        return bool(self.fields or self.body or self.related_removed or self.related_added)


def restore_preview(library: Library, docid: int, revision_id: int) -> RestorePreview:
    """Compares the article now with one of its revisions: the fields, paragraphs and related articles
    a restore would change."""
    repo = ArticleRepo(library)
    revision = next((r for r in repo.revisions(docid) if r.id == revision_id), None)
    if revision is None:
        raise NotFoundError(f"Article {docid} has no revision {revision_id}.")
    now, then = repo.get(docid).snapshot(), revision.snapshot
    preview = RestorePreview(revision.version)
    for name in FIELDS:
        if name in then and (now.get(name) or None) != (then.get(name) or None):
            preview.fields.append((name, now.get(name), then.get(name)))
    before = [b.text for b in parse_body(now.get("body", ""))]
    after = [b.text for b in parse_body(then.get("body", ""))]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op != "equal":
            preview.body.extend(("-", text) for text in before[i1:i2])
            preview.body.extend(("+", text) for text in after[j1:j2])
    if "related" in then:
        old, new = list(now.get("related", [])), list(then["related"])
        preview.related_removed.extend((d, _headline(repo, d)) for d in old if d not in new)
        preview.related_added.extend((d, _headline(repo, d)) for d in new if d not in old)
    return preview


def _headline(repo: ArticleRepo, docid: int) -> str:
    try:
        return repo.get(docid).headline
    except NotFoundError:
        return ""


class RestoreRevisionCommand(Command):
    """Makes a kept revision the current text again; revert saves back the text it replaced."""

    def __init__(self, library: Library, docid: int, revision_id: int):
        self.articles, self.docid, self.revision_id = ArticleRepo(library), docid, revision_id
        self.touched = frozenset({docid})
        self._before: dict[str, Any] | None = None

    def apply(self) -> None:
        current = self.articles.get(self.docid)
        if self._before is None:
            self._before = current.snapshot()
        self.articles.restore_revision(self.docid, self.revision_id, current.version)

    def revert(self) -> None:
        if self._before is None:
            return
        values = dict(self._before)
        if values.get("dateline_at"):
            values["dateline_at"] = datetime.fromisoformat(values["dateline_at"])
        self.articles.save(self.docid, self.articles.get(self.docid).version, **values)
