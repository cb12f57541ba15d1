"""The first schema: sections, articles, photos, gallery, related links, revisions, search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen with this revision: later changes to the seed in workstation/library/seed.py never
# change what this migration created.
_SEED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("home", "الصفحة الاولى"),
    ("china", "الصين"),
    ("middle-east", "الشرق الاوسط"),
    ("china-arab", "الصين والعالم العربي"),
    ("world", "العالم"),
    ("economy", "الاقتصاد"),
    ("culture-education", "الثقافة والتعليم"),
    ("science", "العلوم"),
    ("health", "الصحة"),
    ("tourism-environment", "السياحة والبيئة"),
    ("sports", "الرياضة"),
    ("top-stories", "أهم الموضوعات"),
    ("special-topics", "الموضوعات الخاصة"),
    ("reports-analysis", "التقارير والتحليلات"),
    ("photos", "الصور"),
    ("fm-press-conference", "مؤتمر صحفي للخارجية"),
)

# Document ids run to 2^63 - 1: SQLite's INTEGER holds them; PostgreSQL needs BIGINT.
_DOCID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_SETTINGS: dict[str, str] = {
    "timezone": "Asia/Shanghai",
    "site_name": "arabic.news.cn",
    "agency_name": "新华社",
}


def upgrade() -> None:
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    sections = op.create_table(
        "sections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("sections.id", ondelete="RESTRICT")),
    )
    op.create_table(
        "articles",
        sa.Column("id", _DOCID, primary_key=True, autoincrement=False),
        sa.Column("section_id", sa.Integer, sa.ForeignKey("sections.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("subheadline", sa.Text, nullable=False),
        sa.Column("dateline_city", sa.String(200), nullable=False),
        sa.Column("dateline_at", sa.DateTime),
        sa.Column("dateline_agency", sa.String(200), nullable=False),
        sa.Column("byline", sa.Text, nullable=False),
        sa.Column("source_title", sa.Text, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("uri", sa.Text, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("published_at", sa.DateTime),
        sa.Column("trashed_at", sa.DateTime),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_articles_section_published", "articles", ["section_id", "published_at"])
    op.create_index("ix_articles_status", "articles", ["status"])
    op.create_index("ix_articles_updated", "articles", ["updated_at"])
    # Paging through a section's live articles (by date, status or headline) and the trash.
    live, trashed = sa.text("trashed_at IS NULL"), sa.text("trashed_at IS NOT NULL")
    listing_date = sa.text("coalesce(published_at, created_at)")
    for name, columns in (
        ("ix_articles_live_date", ["section_id", listing_date]),
        ("ix_articles_live_status", ["section_id", "status", listing_date]),
        ("ix_articles_live_headline", ["section_id", "headline"]),
    ):
        op.create_index(name, "articles", columns, sqlite_where=live, postgresql_where=live)
    op.create_index("ix_articles_trashed", "articles", ["trashed_at"], sqlite_where=trashed, postgresql_where=trashed)
    op.create_table(
        "photos",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("ext", sa.String(8), nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("orientation", sa.Integer, nullable=False),
        sa.Column("taken_at", sa.DateTime),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "gallery_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", _DOCID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("photo_sha256", sa.String(64), sa.ForeignKey("photos.sha256", ondelete="RESTRICT"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("alt", sa.Text, nullable=False),
        sa.Column("credit", sa.Text, nullable=False),
        sa.Column("slug", sa.Text, nullable=False),
    )
    op.create_index("ix_gallery_article_position", "gallery_items", ["article_id", "position"])
    op.create_table(
        "related_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", _DOCID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("related_id", _DOCID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("article_id", "related_id"),
    )
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", _DOCID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )
    op.create_index("ix_revisions_article", "revisions", ["article_id", "id"])
    # The search index holds the Arabic-normalized text; rowid is the document id.
    # No prefix index: on 100,000 articles one prefix length ('3') adds about 16 s to the
    # index build (56 s) and '2 3 4' about 60 s, while a prefix of 3 or more letters is
    # found in 10-20 ms without one (see workstation/search.py). Arabic marks left over
    # after normalization split words, as Python's \w does in the snippet finder.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "headline, body, byline, keywords, captions, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        # The same analyzed words as one weighted tsvector an article (workstation/library/backends/postgresql.py).
        op.create_table(
            "article_search",
            sa.Column("id", _DOCID, primary_key=True, autoincrement=False),
            sa.Column("doc", sa.dialects.postgresql.TSVECTOR, nullable=False),
        )
        op.create_index("ix_article_search_doc", "article_search", ["doc"], postgresql_using="gin")
    op.bulk_insert(
        sections,
        [{"slug": s, "name": n, "position": i, "parent_id": None} for i, (s, n) in enumerate(_SEED_SECTIONS)],
    )
    op.bulk_insert(settings, [{"key": k, "value": v} for k, v in _SETTINGS.items()])


def downgrade() -> None:
    raise NotImplementedError("the first schema has nothing to go back to")
