"""What a wire story says about itself: its language, urgency and embargo.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: SQLite adds them in place, without copying the articles table.
    op.add_column("articles", sa.Column("language", sa.String(35), nullable=False, server_default=""))
    op.add_column("articles", sa.Column("urgency", sa.Integer))
    op.add_column("articles", sa.Column("embargoed", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("embargoed")
        batch.drop_column("urgency")
        batch.drop_column("language")
