"""Live changes: the change log other workstations read, and who is editing which article.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen with this revision.
_DOCID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# On PostgreSQL every change is sent as a notification on the workstation_changes channel
# (workstation/library/backends/changelog.py reads them); `by` is the connection's workstation.editor.
POSTGRES_TRIGGERS = (
    """
CREATE FUNCTION ws_notify(ev text, d bigint, sec text, ver integer, who text) RETURNS void AS $$
BEGIN
  PERFORM pg_notify('workstation_changes', json_build_object(
    'event', ev, 'docid', d, 'section', sec, 'version', ver,
    'by', coalesce(who, nullif(current_setting('workstation.editor', true), '')),
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
END $$ LANGUAGE plpgsql
""",
    """
CREATE FUNCTION ws_articles_changed() RETURNS trigger AS $$
DECLARE ev text;
BEGIN
  IF TG_OP = 'INSERT' THEN ev := 'article.created';
  ELSIF OLD.trashed_at IS NULL AND NEW.trashed_at IS NOT NULL THEN ev := 'article.trashed';
  ELSIF OLD.trashed_at IS NOT NULL AND NEW.trashed_at IS NULL THEN ev := 'article.restored';
  ELSIF OLD.section_id IS DISTINCT FROM NEW.section_id THEN ev := 'article.moved';
  ELSIF OLD.version IS DISTINCT FROM NEW.version THEN ev := 'article.saved';
  ELSE RETURN NULL;
  END IF;
  PERFORM ws_notify(ev, NEW.id, (SELECT slug FROM sections WHERE id = NEW.section_id), NEW.version, NULL);
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    """
CREATE FUNCTION ws_gallery_changed() RETURNS trigger AS $$
DECLARE d bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN d := OLD.article_id; ELSE d := NEW.article_id; END IF;
  PERFORM ws_notify('photos.changed', d,
    (SELECT s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = d),
    (SELECT version FROM articles WHERE id = d), NULL);
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    """
CREATE FUNCTION ws_sections_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM ws_notify('sections.changed', NULL, OLD.slug, NULL, NULL);
  ELSE PERFORM ws_notify('sections.changed', NULL, NEW.slug, NULL, NULL);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    """
CREATE FUNCTION ws_presence_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ws_notify('editing.started', NEW.docid,
      (SELECT s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = NEW.docid),
      (SELECT version FROM articles WHERE id = NEW.docid), NEW.editor);
  ELSE
    PERFORM ws_notify('editing.stopped', OLD.docid,
      (SELECT s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = OLD.docid),
      (SELECT version FROM articles WHERE id = OLD.docid), OLD.editor);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    "CREATE TRIGGER ws_articles_changed AFTER INSERT OR UPDATE ON articles "
    "FOR EACH ROW EXECUTE FUNCTION ws_articles_changed()",
    "CREATE TRIGGER ws_gallery_changed AFTER INSERT OR UPDATE OR DELETE ON gallery_items "
    "FOR EACH ROW EXECUTE FUNCTION ws_gallery_changed()",
    "CREATE TRIGGER ws_sections_changed AFTER INSERT OR UPDATE OR DELETE ON sections "
    "FOR EACH ROW EXECUTE FUNCTION ws_sections_changed()",
    "CREATE TRIGGER ws_presence_changed AFTER INSERT OR DELETE ON presence "
    "FOR EACH ROW EXECUTE FUNCTION ws_presence_changed()",
)


def upgrade() -> None:
    # Written by each app connection's triggers on SQLite; PostgreSQL notifies instead and keeps it empty.
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("docid", _DOCID),
        sa.Column("section", sa.String(64)),
        sa.Column("version", sa.Integer),
        sa.Column("editor", sa.Text),
    )
    op.create_table(
        "presence",
        sa.Column("docid", _DOCID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("session", sa.String(64), primary_key=True),
        sa.Column("editor", sa.Text, nullable=False),
        sa.Column("heartbeat_at", sa.DateTime, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        # The index's Arabic words, looked up by prefix for their attached forms (workstation/search/vocabulary.py;
        # a SQLite library builds its own when first opened). Byte order, whatever the database's collation.
        op.execute('CREATE TABLE search_vocabulary (term TEXT COLLATE "C" PRIMARY KEY)')
        for statement in POSTGRES_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("libraries are only ever migrated forward")
