"""The captioning desk: the newsroom's code replacements, and a rotation and focal point per gallery item.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shortcuts",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    with op.batch_alter_table("gallery_items") as batch:
        batch.add_column(sa.Column("rotate", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("focus_x", sa.Float))
        batch.add_column(sa.Column("focus_y", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("gallery_items") as batch:
        batch.drop_column("focus_y")
        batch.drop_column("focus_x")
        batch.drop_column("rotate")
    op.drop_table("shortcuts")
