"""PostgreSQL's search index keeps each article's word pairs, so a phrase is found from an index.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The pairs of an existing row, read from its tsvector: two positions next to each other (the
# columns are laid out with a gap between them), as workstation/library/backends/postgresql.py
# writes them for a new row (a pair longer than PostgreSQL's 2,047-byte words left out).
_FILL = """
UPDATE article_search s SET pairs = coalesce((
    SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || '_' || b.lexeme))
    FROM (SELECT w.lexeme, p FROM unnest(s.doc) w, unnest(w.positions) p) a
    JOIN (SELECT w.lexeme, p FROM unnest(s.doc) w, unnest(w.positions) p) b ON b.p = a.p + 1
    WHERE octet_length(a.lexeme) + octet_length(b.lexeme) < 2047
), '')
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's FTS5 index finds phrases from its own position lists
    op.add_column("article_search", sa.Column("pairs", sa.dialects.postgresql.TSVECTOR))
    op.execute(_FILL)
    op.alter_column("article_search", "pairs", nullable=False)
    op.create_index("ix_article_search_pairs", "article_search", ["pairs"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_article_search_pairs", "article_search")
        op.drop_column("article_search", "pairs")
