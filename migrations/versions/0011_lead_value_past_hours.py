"""The value of a lead (the workspace's, and a channel's own), and past hours per channel
and month (effort from before the calendar was used).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column(
                "lead_value", sa.Numeric(precision=10, scale=2), nullable=False, server_default="0"
            )
        )
    with op.batch_alter_table("channel") as batch:
        batch.add_column(sa.Column("lead_value", sa.Numeric(precision=10, scale=2), nullable=True))
    with op.batch_alter_table("channel_spend") as batch:
        batch.add_column(
            sa.Column("hours", sa.Numeric(precision=5, scale=1), nullable=False, server_default="0")
        )


def downgrade():
    with op.batch_alter_table("channel_spend") as batch:
        batch.drop_column("hours")
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("lead_value")
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("lead_value")
