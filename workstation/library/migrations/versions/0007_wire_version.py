"""The version number of the wire item an article was last imported from.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("wire_version", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("wire_version")
