"""Articles: creating, saving with a version check, status, trash, revisions, related links."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm.exc import StaleDataError

from workstation.articles.docids import new_docid
from workstation.articles.sections import lookup_section
from workstation.body.plaintext import clean_text
from workstation.body.richtext import sanitize_body
from workstation.clock import utcnow
from workstation.errors import ConflictError, NotFoundError, no_such_article
from workstation.library.models import STATUSES, Article, RelatedLink, Revision, Section
from workstation.library.store import Library, write_lock
from workstation.search.index import reindex

EDITABLE = (
    "section", "headline", "subheadline", "dateline_city", "dateline_at", "dateline_agency",
    "byline", "source_title", "keywords", "body", "status",
)  # fmt: skip


@dataclass(frozen=True)
class ArticleRecord:
    """A plain, detached copy of an article for the GUI, CLI and export."""

    docid: int
    section: str  # slug
    headline: str
    subheadline: str
    dateline_city: str
    dateline_at: datetime | None
    dateline_agency: str
    byline: str
    source_title: str
    keywords: tuple[str, ...]
    body: str
    status: str
    uri: str | None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    trashed_at: datetime | None
    version: int
    related: tuple[int, ...]
    language: str = ""  # a wire story's language when it is not the site's (a source to translate)
    urgency: int | None = None
    embargoed: datetime | None = None

    def snapshot(self) -> dict[str, Any]:
        """The editable fields as JSON-ready values, as a revision keeps them."""
        data = {k: getattr(self, k) for k in EDITABLE}
        data["keywords"] = list(self.keywords)
        data["dateline_at"] = self.dateline_at.isoformat() if self.dateline_at else None
        data["related"] = list(self.related)
        return data


RESTORED = "restored from "  # a restored version's revision reason, followed by the version it came from


@dataclass(frozen=True)
class RevisionRecord:
    """One kept revision of an article."""

    id: int
    docid: int
    version: int
    saved_at: datetime
    reason: str
    snapshot: dict[str, Any]


def _section_ids(session) -> dict[str, int]:
    return dict(session.execute(select(Section.slug, Section.id)).all())


class ArticleRepo:
    """Every change to articles goes through here, so the search index and revisions follow."""

    def __init__(self, library: Library):
        self.library = library

    # -- reading -----------------------------------------------------------------------------
    def get(self, docid: int) -> ArticleRecord:
        """The article with this document id."""
        with self.library.sessions() as session:
            return self._record(session, self._row(session, docid))

    def exists(self, docid: int) -> bool:
        """Whether an article with this document id exists (in the trash or not)."""
        with self.library.sessions() as session:
            return session.get(Article, docid) is not None

    def revisions(self, docid: int) -> list[RevisionRecord]:
        """The article's kept revisions, oldest first."""
        with self.library.sessions() as session:
            rows = session.scalars(select(Revision).where(Revision.article_id == docid).order_by(Revision.id))
            return [RevisionRecord(r.id, r.article_id, r.version, r.saved_at, r.reason, r.snapshot) for r in rows]

    # -- writing -----------------------------------------------------------------------------
    def create(
        self, section: str = "home", docid: int | None = None, *, filed_at: datetime | None = None, **values: Any
    ) -> ArticleRecord:
        """A new draft article (or whatever status is given), with its first revision kept.

        `filed_at` gives a story that comes with its own time (a sample, an archive) that time as
        its creation, update and publication time instead of now."""
        now = filed_at or utcnow()
        with self.library.sessions.begin() as session:
            write_lock(session)  # so two new articles made at once never take the same id
            if docid is None:
                docid = new_docid(session.connection())
            elif session.get(Article, docid) is not None:
                raise ValueError(f"Document id {docid} is already taken.")
            row = Article(
                id=docid, section_id=0, headline="", subheadline="", dateline_city="", dateline_agency="",
                byline="", source_title="", keywords=[], body="", status="draft", uri=values.pop("uri", None),
                created_at=now, updated_at=now, version=1,
            )  # fmt: skip
            self._apply(session, row, {"section": section, **values}, now)
            session.add(row)
            session.flush()
            record = self._record(session, row)
            self._keep_revision(session, record, "created")
            reindex(session.connection(), [docid])
            return record

    def save(
        self,
        docid: int,
        base_version: int,
        *,
        keep_revision: bool = True,
        keep_replaced: str | None = None,
        reason: str | None = None,
        **changes: Any,
    ) -> ArticleRecord:
        """Saves changes made to `base_version`; refuses with ConflictError if the library moved on.

        With `keep_replaced` (a revision reason), the text being replaced is first kept as a
        revision if no revision holds it yet (autosaves keep none). `reason` labels the revision
        kept of the new version (else "save", or "status" when the status changed).
        """
        now = utcnow()
        with self.library.sessions.begin() as session:
            row = self._row(session, docid)
            if row.version != base_version:
                raise ConflictError(docid, base_version, row.version)
            if keep_replaced:
                latest = session.scalar(select(func.max(Revision.version)).where(Revision.article_id == docid))
                if latest != row.version:
                    self._keep_revision(session, self._record(session, row), keep_replaced)
            status_changed = "status" in changes and changes["status"] != row.status
            related = changes.pop("related", None)
            self._apply(session, row, changes, now)
            row.version = base_version + 1
            row.updated_at = now
            try:
                session.flush()
            except StaleDataError:
                raise ConflictError(docid, base_version, base_version + 1) from None
            if related is not None:
                self._set_related(session, docid, related)
            record = self._record(session, row)
            if keep_revision or status_changed:
                self._keep_revision(session, record, reason or ("status" if status_changed else "save"))
            reindex(session.connection(), [docid])
            return record

    def set_status(self, docid: int, base_version: int, status: str) -> ArticleRecord:
        """Moves the article to draft, ready or published (a revision is kept)."""
        return self.save(docid, base_version, status=status)

    def restore_revision(self, docid: int, revision_id: int, base_version: int) -> ArticleRecord:
        """Makes a kept revision the current text again, as a new version and revision; the text it
        replaces is kept as a revision first when none holds it."""
        with self.library.sessions() as session:
            rev = session.get(Revision, revision_id)
            if rev is None or rev.article_id != docid:
                raise NotFoundError(f"Article {docid} has no revision {revision_id}.")
            snapshot, version = dict(rev.snapshot), rev.version
        if snapshot.get("dateline_at"):
            snapshot["dateline_at"] = datetime.fromisoformat(snapshot["dateline_at"])
        return self.save(docid, base_version, keep_replaced="before restore", reason=f"{RESTORED}{version}", **snapshot)

    def trash(self, docids: list[int]) -> None:
        """Moves articles to the trash: they leave the lists, search and exports until restored."""
        self._set_trashed(docids, utcnow())

    def restore(self, docids: list[int]) -> None:
        """Takes articles back out of the trash."""
        self._set_trashed(docids, None)

    def move(self, docids: list[int], section: str) -> None:
        """Files articles in another section."""
        with self.library.sessions.begin() as session:
            section_id = lookup_section(session, section)
            session.execute(
                update(Article)
                .where(Article.id.in_(docids))
                .values(section_id=section_id, version=Article.version + 1, updated_at=utcnow())
            )

    def duplicate(self, docid: int) -> ArticleRecord:
        """A new draft with the same text, section and related links as the article."""
        source = self.get(docid)
        values = source.snapshot()
        values.update(status="draft", dateline_at=source.dateline_at, related=list(source.related))
        related = values.pop("related")
        copy = self.create(**values)
        return self.save(copy.docid, copy.version, keep_revision=False, related=related) if related else copy

    # -- internals ---------------------------------------------------------------------------
    def _row(self, session, docid: int) -> Article:
        row = session.get(Article, docid)
        if row is None:
            raise no_such_article(docid)
        return row

    def _apply(self, session, row: Article, values: dict[str, Any], now: datetime) -> None:
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise ValueError(f"Not an article field: {', '.join(sorted(unknown))}.")
        for key, value in values.items():
            if key == "section":
                row.section_id = lookup_section(session, value)
            elif key == "status":
                if value not in STATUSES:
                    raise ValueError(f"Status must be one of {', '.join(STATUSES)}, not '{value}'.")
                if value == "published" and row.published_at is None:
                    row.published_at = now
                row.status = value
            elif key == "body":
                row.body = sanitize_body(value)
            elif key == "keywords":
                row.keywords = [k for k in (clean_text(k).strip() for k in value) if k]
            else:
                setattr(row, key, clean_text(value) if isinstance(value, str) else value)

    def _set_related(self, session, docid: int, related: list[int]) -> None:
        session.execute(delete(RelatedLink).where(RelatedLink.article_id == docid))
        seen: list[int] = []
        for other in related:
            if other != docid and other not in seen:
                self._row(session, other)
                seen.append(other)
        session.add_all(RelatedLink(article_id=docid, related_id=o, position=i) for i, o in enumerate(seen))
        session.flush()

    def _set_trashed(self, docids: list[int], when: datetime | None) -> None:
        with self.library.sessions.begin() as session:
            session.execute(update(Article).where(Article.id.in_(docids)).values(trashed_at=when))
            reindex(session.connection(), docids)

    def _keep_revision(self, session, record: ArticleRecord, reason: str) -> None:
        session.add(
            Revision(article_id=record.docid, version=record.version, saved_at=record.updated_at,
                     reason=reason, snapshot=record.snapshot())
        )  # fmt: skip

    def _record(self, session, row: Article) -> ArticleRecord:
        slug = session.scalar(select(Section.slug).where(Section.id == row.section_id))
        related = session.scalars(
            select(RelatedLink.related_id).where(RelatedLink.article_id == row.id).order_by(RelatedLink.position)
        ).all()
        values = {f.name: getattr(row, f.name, None) for f in fields(ArticleRecord)}
        values.update(docid=row.id, section=slug, keywords=tuple(row.keywords or ()), related=tuple(related))
        return ArticleRecord(**values)


__all__ = ["ArticleRecord", "ArticleRepo", "RevisionRecord", "asdict"]
