"""The publish log: when, who, where to, and what each publish changed.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publish_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("uploaded", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("stories", sa.JSON, nullable=False),
        sa.Column("withdrawn", sa.JSON, nullable=False),
    )
    op.create_index("ix_publish_log_at", "publish_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_publish_log_at", "publish_log")
    op.drop_table("publish_log")
