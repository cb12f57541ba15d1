"""The newsroom dictionary: words the spelling check accepts besides hunspell's Arabic dictionary.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "newsroom_words",
        sa.Column("word", sa.String(100), primary_key=True),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("newsroom_words")
