"""The month the workspace's fiscal year starts (the yearly review falls before it).

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column("fiscal_year_start", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("fiscal_year_start")
