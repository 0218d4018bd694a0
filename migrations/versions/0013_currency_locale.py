"""The workspace's currency and the locale its numbers are written in.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column("currency", sa.String(length=3), nullable=False, server_default="EUR")
        )
        batch.add_column(
            sa.Column("locale", sa.String(length=20), nullable=False, server_default="en")
        )


def downgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("locale")
        batch.drop_column("currency")
