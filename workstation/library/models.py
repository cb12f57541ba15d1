"""The library's tables as typed SQLAlchemy 2.0 models.

Times are naive UTC datetimes. The search index (`article_fts`, an FTS5 table on SQLite;
`article_search`, a tsvector and its word pairs on PostgreSQL) is created by the migrations,
written by the backends and kept in step by `workstation.search.index`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STATUSES = ("draft", "ready", "published")

# An article's date in lists: when it was published, else when it was created.
LISTING_DATE = "coalesce(published_at, created_at)"
LIVE = "trashed_at IS NULL"  # an article that is not in the trash
TRASHED = "trashed_at IS NOT NULL"
PUBLISHED = f"status = 'published' AND {LIVE}"  # what an export publishes: nothing else leaves the machine


def _where(condition: str) -> dict[str, Any]:
    """A partial index's condition, for each database that has them."""
    return {"sqlite_where": text(condition), "postgresql_where": text(condition)}


class Base(DeclarativeBase):
    """Declarative base of every table."""


class Setting(Base):
    """A library-wide setting (time zone, site name)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NewsroomWord(Base):
    """A word of the newsroom's own dictionary (names, agencies), stored without tashkeel or tatweel."""

    __tablename__ = "newsroom_words"

    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    added_at: Mapped[datetime]


class Section(Base):
    """A node of the site's section tree."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="RESTRICT"))


class Article(Base):
    """A story: its text, status, version counter and place in the site."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_section_published", "section_id", "published_at"),
        Index("ix_articles_status", "status"),
        Index("ix_articles_updated", "updated_at"),
        # The article list pages through a section's live articles by date, status or headline,
        # and through the trash; see workstation/listing.py and the 0001 migration.
        Index("ix_articles_live_date", "section_id", text(LISTING_DATE), **_where(LIVE)),
        Index("ix_articles_live_status", "section_id", "status", text(LISTING_DATE), **_where(LIVE)),
        Index("ix_articles_live_headline", "section_id", "headline", **_where(LIVE)),
        Index("ix_articles_trashed", "trashed_at", **_where(TRASHED)),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # the document id
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="RESTRICT"))
    headline: Mapped[str] = mapped_column(Text, default="")
    subheadline: Mapped[str] = mapped_column(Text, default="")
    dateline_city: Mapped[str] = mapped_column(String(200), default="")
    dateline_at: Mapped[datetime | None]
    dateline_agency: Mapped[str] = mapped_column(String(200), default="")
    byline: Mapped[str] = mapped_column(Text, default="")
    source_title: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    uri: Mapped[str | None] = mapped_column(Text, unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    published_at: Mapped[datetime | None]
    trashed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # What a wire story said of itself: its language ("" for the site's own), urgency (1 most
    # urgent … 9) and the end of its embargo.
    language: Mapped[str] = mapped_column(String(35), default="", server_default="")
    urgency: Mapped[int | None]
    embargoed: Mapped[datetime | None]
    wire_version: Mapped[int | None]  # the item version (NewsML-G2 `version`) last imported

    # Every UPDATE also checks the version it read, so a concurrent writer cannot slip in.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    gallery: Mapped[list[GalleryItem]] = relationship(
        order_by="GalleryItem.position", cascade="all, delete-orphan", passive_deletes=True
    )


class Photo(Base):
    """One image file in the library, stored by content hash."""

    __tablename__ = "photos"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(Text)  # the name it arrived with
    ext: Mapped[str] = mapped_column(String(8))
    bytes: Mapped[int]
    width: Mapped[int]  # upright size
    height: Mapped[int]
    orientation: Mapped[int] = mapped_column(Integer, default=1)
    taken_at: Mapped[datetime | None]
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    added_at: Mapped[datetime]


class GalleryItem(Base):
    """A photo's place in an article's story, with its caption."""

    __tablename__ = "gallery_items"
    __table_args__ = (Index("ix_gallery_article_position", "article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    photo_sha256: Mapped[str] = mapped_column(ForeignKey("photos.sha256", ondelete="RESTRICT"))
    position: Mapped[int]
    caption: Mapped[str] = mapped_column(Text, default="")
    alt: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str] = mapped_column(Text, default="")  # wire slug, source language
    rotate: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # degrees clockwise, 0/90/180/270
    focus_x: Mapped[float | None] = mapped_column(Float)  # the focal point, fractions 0-1 of the upright photo
    focus_y: Mapped[float | None] = mapped_column(Float)


class Shortcut(Base):
    """A newsroom code replacement: typing `=code=` expands to its text."""

    __tablename__ = "shortcuts"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class RelatedLink(Base):
    """An ordered link from an article to a related article."""

    __tablename__ = "related_links"
    __table_args__ = (UniqueConstraint("article_id", "related_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    related_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int]


class Revision(Base):
    """A snapshot of an article kept at an explicit save or a status change."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_article", "article_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int]
    saved_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(32))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class PublishLogEntry(Base):
    """One publish: when, who, to which target, and what it changed (document ids of the stories sent
    and of those removed)."""

    __tablename__ = "publish_log"
    __table_args__ = (Index("ix_publish_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    who: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))  # done, partial (some files failed), cancelled
    uploaded: Mapped[int]
    deleted: Mapped[int]
    unchanged: Mapped[int]
    bytes: Mapped[int] = mapped_column(BigInteger)
    failed: Mapped[int]
    stories: Mapped[list[int]] = mapped_column(JSON)
    withdrawn: Mapped[list[int]] = mapped_column(JSON)
